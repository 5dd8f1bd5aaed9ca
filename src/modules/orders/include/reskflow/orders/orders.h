// The orders module's public interface: checkout from a cart, a priced order with its state
// machine (placed -> accepted -> preparing -> ready -> picked_up -> delivered, and the ways out),
// payment authorized at placement and captured at delivery (docs/orders.md).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "reskflow/carts/carts.h"
#include "reskflow/catalog/catalog.h"
#include "reskflow/core/errors.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/authenticator.h"
#include "reskflow/modules/module.h"
#include "reskflow/payments/payments.h"

namespace reskflow::orders {

// An order's states; docs/orders.md has the diagram and who moves an order along each edge.
inline constexpr std::string_view status_placed = "placed";
inline constexpr std::string_view status_accepted = "accepted";
inline constexpr std::string_view status_rejected = "rejected";
inline constexpr std::string_view status_preparing = "preparing";
inline constexpr std::string_view status_ready = "ready";
inline constexpr std::string_view status_picked_up = "picked_up";
inline constexpr std::string_view status_delivered = "delivered";
inline constexpr std::string_view status_cancelled = "cancelled";
inline constexpr std::string_view status_failed = "failed";
inline constexpr std::string_view status_refunded = "refunded";

class OrdersModule : public modules::Module {};

// The public interfaces orders needs.
struct Deps {
  carts::Carts& carts;                    // the priced cart, checked out with the order
  catalog::Catalog& catalog;              // the merchant's hours, zone and prep time; stock
  payments::Payments& payments;           // authorize at placement, capture at delivery
  identity::Directory& directory;         // merchant staff who run the queue
  modules::Authenticator& authenticator;  // who opened a WebSocket on an order topic
};

// Fails when a RESKFLOW_ORDERS_* setting is malformed or unknown.
Result<std::unique_ptr<OrdersModule>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::orders
