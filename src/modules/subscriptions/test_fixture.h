// Test support for the subscriptions tests: the module on a fresh database of each engine with a
// manual clock (2026-11-28T09:10:00Z), the real payments module (built-in test provider) over
// the real ledger, and readers of what was published and posted.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "module.h"
#include "real_ledger.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/modules/utc_time.h"
#include "reskflow/store/migrations.h"
#include "reskflow/subscriptions/events.h"

namespace reskflow::subscriptions::testing {

inline constexpr std::int64_t day_us = 86'400'000'000;
inline const std::string ada = "0190b000-0000-7000-8000-000000000001";
inline const std::string bob = "0190b000-0000-7000-8000-000000000002";
inline constexpr std::string_view good_card = "4242424242424242";
inline constexpr std::string_view declined_card = "4000000000000002";
inline constexpr std::string_view challenge_card = "4000002760003184";

using modules::testing::must;

inline modules::Money eur(std::int64_t minor) { return {minor, "EUR"}; }

class SubscriptionsFixture : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;  // no database of this engine
    const std::vector<store::MigrationSet> sets{bus::migrations(), ledger::migrations(),
                                                payments::migrations(),
                                                subscriptions::migrations()};
    ASSERT_TRUE(store::migrate(db(), sets));
    build_modules();
    plus = must(service().create_plan({"Plus", eur(999), eur(1500), 250, true}));
  }

  void build_modules() {
    ledger_module = ledger::testing::real_ledger(platform(), clock.clock());
    auto paying = payments::make_module(platform(), {ledger_module->ledger()});
    ASSERT_TRUE(paying) << paying.error().detail;
    payments_module = std::move(*paying);
    build_module();
  }

  // Everything built again on a new platform, as a restarted process would.
  void restart() {
    release_modules();
    restart_platform();
    build_modules();
  }

  // The module again (new settings) over the same payments.
  void build_module() {
    module.reset();
    module = std::make_unique<SubscriptionsModuleImpl>(
        platform(), Deps{payments_module->payments()}, settings, clock.clock());
  }

  void release_modules() override {
    module.reset();
    payments_module.reset();
    ledger_module.reset();
  }

  Service& service() { return module->service(); }

  Subscription subscribed(const std::string& customer = ada, std::string_view card = good_card) {
    return must(service().subscribe(customer, plus.id, std::string(card)));
  }

  // What the platform earned, in EUR (revenue is credited: the balance is negative).
  modules::Money revenue() {
    const auto balance =
        must(ledger_module->ledger().balance({ledger::AccountKind::platform_revenue, ""}, "EUR"));
    return must(modules::multiply(balance, -1));
  }

  void use_card(const std::string& subscription_id, std::string_view card) {
    ASSERT_TRUE(db().write([&](store::Transaction& tx) -> Status {
      RF_TRY(n, tx.exec("UPDATE subscriptions_subscriptions SET payment_method = $2 WHERE id = $1",
                        {subscription_id, std::string(card)}));
      return {};
    }));
  }

  // Runs the renewal job at `at_us`.
  std::int64_t renew_at(std::int64_t at_us) {
    clock.set(at_us);
    return must(service().renew_due(100));
  }

  // The published events' types with their payloads, in order.
  std::vector<std::pair<std::string, events::SubscriptionChanged>> published() {
    auto rows = db().read([](store::Transaction& tx) {
      return tx.query(
          "SELECT type, payload FROM outbox WHERE type LIKE 'subscriptions.%' "
          "ORDER BY id");
    });
    std::vector<std::pair<std::string, events::SubscriptionChanged>> out;
    if (!rows) return out;
    for (const auto r : *rows) {
      auto e = modules::payload::from_payload<events::SubscriptionChanged>(r.text(0), r.text(1));
      EXPECT_TRUE(e);
      if (e) out.emplace_back(r.text(0), std::move(*e));
    }
    return out;
  }

  std::vector<std::string> published_types() {
    std::vector<std::string> out;
    for (const auto& [type, e] : published()) out.push_back(type);
    return out;
  }

  SubscriptionsSettings settings;
  std::unique_ptr<ledger::LedgerModule> ledger_module;
  std::unique_ptr<payments::PaymentsModule> payments_module;
  std::unique_ptr<SubscriptionsModuleImpl> module;
  Plan plus;
};

}  // namespace reskflow::subscriptions::testing
