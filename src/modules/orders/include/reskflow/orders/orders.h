// The orders module's public interface: checkout from a cart, a priced order with its state
// machine (placed -> accepted -> preparing -> ready -> picked_up -> delivered, and the ways out),
// payment authorized at placement and captured at delivery (docs/orders.md).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "reskflow/carts/carts.h"
#include "reskflow/catalog/catalog.h"
#include "reskflow/core/errors.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/authenticator.h"
#include "reskflow/modules/geo.h"
#include "reskflow/modules/module.h"
#include "reskflow/modules/money.h"
#include "reskflow/orders/status.h"
#include "reskflow/payments/payments.h"
#include "reskflow/promotions/promotions.h"
#include "reskflow/store/migrations.h"
#include "reskflow/subscriptions/subscriptions.h"

namespace reskflow::orders {

// An order as delivery operations see it once the merchant accepted it.
struct DeliveryOrder {
  std::string order_id;
  std::string customer_id;
  std::string merchant_id;
  std::string merchant_name;
  std::string status;
  std::string delivery_mode;   // "platform" (a platform courier carries it) or "merchant"
  modules::geo::Point pickup;  // the merchant's location
  std::string pickup_address;
  modules::geo::Point dropoff;
  std::string dropoff_address;
  std::string instructions;  // drop-off instructions; empty: none
  bool leave_at_door = false;
  modules::Money total;
  modules::Money tip;
  std::int64_t item_count = 0;
  std::int64_t ready_at_us = 0;      // when marked ready; until then acceptance + prep time
  std::optional<double> cold_min_c;  // set when an item must stay cold: the allowed range
  std::optional<double> cold_max_c;
  bool age_restricted = false;  // an item needs the courier's ID check at the door
};

// What other modules may ask of orders. Thread-safe; blocking (call from the worker pool).
class Orders {
 public:
  virtual ~Orders() = default;
  // not_found for an unknown order.
  virtual Result<DeliveryOrder> delivery_order(std::string_view order_id) = 0;
  // The platform courier moves the order (picked_up, delivered, failed with a reason) exactly as
  // a merchant's courier would, with the same checks, capture and events; asking for the state
  // the order is in already succeeds and changes nothing.
  virtual Status courier_transition(std::string_view order_id, std::string_view next,
                                    std::string_view reason) = 0;
};

class OrdersModule : public modules::Module {
 public:
  virtual Orders& orders() = 0;
};

// The public interfaces orders needs.
struct Deps {
  carts::Carts& carts;                    // the priced cart, checked out with the order
  catalog::Catalog& catalog;              // the merchant's hours, zone and prep time; stock
  payments::Payments& payments;           // authorize at placement, capture at delivery
  promotions::Promotions& promotions;     // discounts priced at quote, redeemed with the order
  identity::Directory& directory;         // merchant staff who run the queue
  modules::Authenticator& authenticator;  // who opened a WebSocket on an order topic
  subscriptions::Subscriptions& subscriptions;  // members' benefits in pricing
};

// `reskflow ledger check`, orders' part: every order in a terminal state has a settled payment,
// its intents (one per payer) agreeing with the state as docs/payments.md lists: a delivered
// order's captures add up to its total; a refunded one kept nothing of what was captured; a
// cancelled, rejected or failed one captured nothing; and a cancelled, rejected or refunded one
// holds nothing on a card unless the release of that hold is pending. One violation per finding,
// naming the order.
Result<std::vector<ledger::Violation>> check(store::Database& database);

// Migrations of the orders tables (tests, and verbs that run without the full platform).
store::MigrationSet migrations();

// Fails when a RESKFLOW_ORDERS_* setting is malformed or unknown.
Result<std::unique_ptr<OrdersModule>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::orders
