// The deliveries module's public interface: a delivery for every accepted order a platform
// courier carries, dispatched by the optimization engine through offers, moved through its
// lifecycle by the courier, tracked live (docs/deliveries.md).
#pragma once

#include <memory>

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

class DeliveriesModule : public modules::Module {
 public:
  virtual Deliveries& deliveries() = 0;
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
