// The deliveries module on a fresh database of each engine, with orders', drivers' and quality's
// fakes,
// the real ledger, identity's fake directory, an injected clock, and the real outbox and relay
// delivering the orders events it consumes.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <memory>
#include <string>

#include "fake_directory.h"
#include "fake_drivers.h"
#include "fake_orders.h"
#include "fake_quality.h"
#include "module.h"
#include "real_ledger.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/orders/events.h"
#include "reskflow/store/migrations.h"

namespace reskflow::deliveries::testing {

inline constexpr std::int64_t second_us = 1'000'000;
inline constexpr std::int64_t start_us = modules::testing::test_start_us;
inline const std::string merchant = "luigi";
inline const std::string customer = "ada";
inline const std::string cook = "cook";

// A point `km` east of Luigi's (in Paris).
inline modules::geo::Point east(double km) { return {48.85, 2.35 + km / 73.2}; }

class DeliveriesFixture : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;
    const std::vector<store::MigrationSet> sets{bus::migrations(), ledger::migrations(),
                                                migrations()};
    auto migrated = store::migrate(db(), sets);
    ASSERT_TRUE(migrated) << migrated.error().detail;
    ledger_module = ledger::testing::real_ledger(platform(), clock.clock());
    // Every round plans every waiting delivery, however loaded the machine running the test.
    settings.round_budget_ms = std::chrono::milliseconds(10'000);
    // Every waiting delivery is urgent at once: these tests are about offers; when a delivery
    // waits for a better courier is dispatch_test's.
    settings.dispatch_lead_s = std::chrono::hours(1);
    module = std::make_unique<DeliveriesModuleImpl>(
        platform(),
        Deps{orders, drivers, ledger_module->ledger(), directory, scores, authenticator}, settings,
        clock.clock());
    // The module's subscriptions without its loops: the test runs each dispatch round.
    ASSERT_TRUE(events().subscribe(
        "deliveries.order_accepted", std::string(orders::events::order_accepted),
        [this](const bus::Envelope& e) { return service().on_order_accepted(e); }));
    ASSERT_TRUE(
        events().subscribe("deliveries.order_ready", std::string(orders::events::order_ready),
                           [this](const bus::Envelope& e) { return service().on_order_ready(e); }));
    ASSERT_TRUE(events().subscribe(
        "deliveries.order_cancelled", std::string(orders::events::order_cancelled),
        [this](const bus::Envelope& e) { return service().on_order_cancelled(e); }));
    directory.add_user(cook, identity::role_merchant);
    ASSERT_TRUE(directory.add_member(merchant, cook, identity::MerchantLevel::staff));
  }

  void release_modules() override {
    module.reset();
    ledger_module.reset();
  }

  Service& service() { return module->service(); }

  // An accepted platform order from Luigi's (at 0 km) to `dropoff_km` east, ready now.
  orders::DeliveryOrder order(const std::string& id, double dropoff_km = 2) {
    orders::DeliveryOrder o;
    o.order_id = id;
    o.customer_id = customer;
    o.merchant_id = merchant;
    o.merchant_name = "Luigi's";
    o.status = std::string(orders::status_accepted);
    o.delivery_mode = "platform";
    o.pickup = east(0);
    o.pickup_address = "1 rue de Rivoli, 75001 Paris";
    o.dropoff = east(dropoff_km);
    o.dropoff_address = "10 rue Oberkampf, 75011 Paris";
    o.total = {3000, "EUR"};
    o.tip = {200, "EUR"};
    o.item_count = 2;
    o.ready_at_us = clock.now_us();
    return o;
  }

  // Publishes orders.order.<status> as orders does and lets the relay deliver it.
  void publish_order(const std::string& type, const orders::DeliveryOrder& o) {
    const orders::events::OrderChanged changed{o.order_id, o.customer_id, o.merchant_id, o.status,
                                               2,          o.total,       clock.now_us()};
    publish(type, o.order_id, modules::payload::to_payload(changed));
  }

  // The order is accepted: its delivery exists.
  DeliveryRecord accepted(const orders::DeliveryOrder& o) {
    orders.add(o);
    publish_order(std::string(orders::events::order_accepted), o);
    auto found = service().get_of_order(o.order_id);
    EXPECT_TRUE(found) << (found ? "" : found.error().detail);
    return found.value_or(DeliveryRecord{});
  }

  void online(const std::string& driver_id, double km, bool cold = false) {
    directory.add_user(driver_id, identity::role_driver);
    drivers.put({driver_id, drivers::Vehicle::bike, 2, cold, {east(km), clock.now_us(), 5, 0, 0}});
  }

  // The courier's one pending offer (a failure when there is none).
  Offer offer_of(const std::string& driver_id) {
    auto offers = service().offers_of(driver_id);
    EXPECT_TRUE(offers);
    EXPECT_EQ(offers ? offers->size() : 0, 1U) << "offers of " << driver_id;
    return offers && !offers->empty() ? offers->front().offer : Offer{};
  }

  std::int64_t balance(ledger::AccountKind kind, const std::string& owner = "") {
    auto b = ledger_module->ledger().balance({kind, owner}, "EUR");
    EXPECT_TRUE(b);
    return b ? b->amount_minor : 0;
  }

  orders::testing::FakeOrders orders;
  drivers::testing::FakeDrivers drivers;
  identity::testing::FakeDirectory directory;
  quality::testing::FakeQuality scores;  // couriers' records
  DeliveriesSettings settings;
  std::unique_ptr<ledger::LedgerModule> ledger_module;
  std::unique_ptr<DeliveriesModuleImpl> module;
};

}  // namespace reskflow::deliveries::testing
