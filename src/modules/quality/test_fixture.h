// Test support for the quality tests: the module on a fresh database of each engine with a
// manual clock, the real payments module (built-in test provider) over the real ledger, and
// the consumed events published to the outbox and delivered by the real relay.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <optional>

#include "fake_directory.h"
#include "module.h"
#include "real_ledger.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/deliveries/events.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/orders/events.h"
#include "reskflow/quality/events.h"
#include "reskflow/reviews/events.h"
#include "reskflow/store/migrations.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_quality();

namespace reskflow::quality::testing {

inline constexpr std::int64_t hour_us = 3'600'000'000;
inline const std::string luigi = "0190a000-0000-7000-8000-000000000001";
inline const std::string wok = "0190a000-0000-7000-8000-000000000002";
inline const std::string ada = "0190b000-0000-7000-8000-000000000001";
inline const std::string bob = "0190b000-0000-7000-8000-000000000002";
inline const std::string dora = "0190c000-0000-7000-8000-000000000001";  // a driver
inline const std::string eli = "0190c000-0000-7000-8000-000000000002";   // a driver
inline const std::string pizza = "0190d000-0000-7000-8000-000000000001";

using modules::testing::must;

inline modules::Money eur(std::int64_t minor) { return {minor, "EUR"}; }

class QualityFixture : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;  // no database of this engine
    const std::vector<store::MigrationSet> sets{bus::migrations(),
                                                ledger::migrations(),
                                                payments::migrations(),
                                                {"quality", reskflow_migrations_quality()}};
    ASSERT_TRUE(store::migrate(db(), sets));
    ledger_module = ledger::testing::real_ledger(platform(), clock.clock());
    auto paying = payments::make_module(platform(), {ledger_module->ledger()});
    ASSERT_TRUE(paying) << paying.error().detail;
    payments_module = std::move(*paying);
    module = std::make_unique<QualityModuleImpl>(
        platform(), Deps{payments_module->payments(), directory}, QualitySettings{}, clock.clock());
    ASSERT_TRUE(module->start());
  }

  void release_modules() override {
    module.reset();
    payments_module.reset();
    ledger_module.reset();
  }

  Service& service() { return module->service(); }
  payments::Payments& payments() { return payments_module->payments(); }

  // orders.order.delivered as the orders module publishes it.
  std::string deliver(const std::string& order_id, const std::string& customer, std::int64_t at_us,
                      const std::string& merchant = luigi) {
    const orders::events::OrderChanged e{order_id, customer,  merchant, "delivered",
                                         7,        eur(2500), at_us};
    return publish(orders::events::order_delivered, order_id, modules::payload::to_payload(e));
  }

  // An order of `customer` paid `amount` with the test provider's good card and captured.
  payments::Intent paid(const std::string& order_id, const std::string& customer,
                        std::int64_t amount = 2500) {
    auto intent =
        must(payments().authorize({order_id, customer, luigi, eur(amount), "4242424242424242"}));
    return must(payments().capture(intent.id, eur(amount),
                                   {eur(amount - 500), eur(300), eur(200), eur(0)}));
  }

  payments::Intent intent_of(const std::string& order_id) {
    auto intents = must(payments().intents_of_order(order_id));
    EXPECT_EQ(intents.size(), 1U);
    return intents.empty() ? payments::Intent{} : intents.front();
  }

  std::int64_t count(const std::string& sql, store::Params params = {}) {
    auto rows = db().read([&](store::Transaction& tx) { return tx.query(sql, params); });
    return rows ? rows->front().int64(0) : -1;
  }

  NewReport missing(std::int64_t quantity = 1) {
    return {std::string(kind_missing_items), {{pizza, quantity}}, "one pizza short"};
  }

  identity::testing::FakeDirectory directory;
  std::unique_ptr<ledger::LedgerModule> ledger_module;
  std::unique_ptr<payments::PaymentsModule> payments_module;
  std::unique_ptr<QualityModuleImpl> module;
};

}  // namespace reskflow::quality::testing
