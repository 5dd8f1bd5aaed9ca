// The deliveries module's public interface: a delivery for every accepted order a platform
// courier carries, dispatched by the optimization engine through offers, moved through its
// lifecycle by the courier, tracked live (docs/deliveries.md).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "reskflow/core/errors.h"
#include "reskflow/deliveries/delivery.h"
#include "reskflow/drivers/drivers.h"
#include "reskflow/identity/identity.h"
#include "reskflow/ledger/ledger.h"
#include "reskflow/modules/authenticator.h"
#include "reskflow/modules/module.h"
#include "reskflow/orders/orders.h"
#include "reskflow/quality/quality.h"

namespace reskflow::deliveries {

// A dispatch round as this node ran it.
struct DispatchRound {
  std::int64_t at_us = 0;   // when it ended
  std::int64_t offers = 0;  // offers it made
  std::string error;        // why it stopped; empty when it ran through
};

// The dispatcher's backlog as operators see it (the "dispatch" section of the system status).
struct DispatchBacklog {
  std::int64_t waiting = 0;  // deliveries waiting for a courier with no offer out
  std::optional<std::int64_t> oldest_created_at_us;  // the oldest of those
  // The last round this node ran; none before its first (or when another node holds the
  // dispatcher's lease).
  std::optional<DispatchRound> last_round;
};

class DeliveriesModule : public modules::Module {
 public:
  virtual Deliveries& deliveries() = 0;
  // Blocking (call from the worker pool).
  virtual Result<DispatchBacklog> dispatch_backlog() = 0;
};

// The public interfaces deliveries needs.
struct Deps {
  orders::Orders& orders;                 // the order a delivery carries; moved by the courier
  drivers::Drivers& drivers;              // who is online where; travel times
  ledger::Ledger& ledger;                 // a courier's earnings at delivery
  identity::Directory& directory;         // merchant staff, admins
  quality::Quality& quality;              // couriers' acceptance and on-time rates for dispatch
  modules::Authenticator& authenticator;  // who opened a WebSocket on a delivery topic
};

// Fails when a RESKFLOW_DELIVERIES_* setting is malformed or unknown.
Result<std::unique_ptr<DeliveriesModule>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::deliveries
