// Test support for the payments tests: the module with the built-in test provider and the real
// ledger on a fresh database of each engine, an injected clock, and shorthands for intents,
// settlements, balances and published events.
#pragma once

#include <gtest/gtest.h>

#include "module.h"
#include "real_ledger.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/payments/events.h"
#include "reskflow/store/migrations.h"
#include "test_provider.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_payments();

namespace reskflow::payments::testing {

inline const std::string luigi = "0190a000-0000-7000-8000-000000000001";
inline const std::string ada = "0190b000-0000-7000-8000-000000000001";
inline const std::string bob = "0190b000-0000-7000-8000-000000000002";

inline modules::Money eur(std::int64_t minor) { return {minor, "EUR"}; }

// 25.00 EUR: 19.00 to the merchant, 2.50 platform fees, 1.50 tax, 2.00 tip.
inline Settlement settlement_of_2500() { return {eur(1900), eur(250), eur(150), eur(200)}; }

class PaymentsFixture : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;  // no database of this engine
    const std::vector<store::MigrationSet> sets{
        bus::migrations(), ledger::migrations(), {"payments", reskflow_migrations_payments()}};
    ASSERT_TRUE(store::migrate(db(), sets));
    ledger_module = ledger::testing::real_ledger(platform(), clock.clock());
    module = std::make_unique<PaymentsModuleImpl>(
        platform(), ledger_module->ledger(), std::make_unique<TestProvider>(db(), clock.clock()),
        PaymentsSettings{}, clock.clock());
  }

  void release_modules() override {
    module.reset();
    ledger_module.reset();
  }

  Payments& payments() { return module->payments(); }

  Result<Intent> authorize(const std::string& order, std::string_view card,
                           std::int64_t amount = 2500, const std::string& payer = ada) {
    return payments().authorize({order, payer, luigi, eur(amount), std::string(card)});
  }

  Intent authorized(const std::string& order, std::int64_t amount = 2500) {
    auto intent = authorize(order, test_cards::success, amount);
    EXPECT_TRUE(intent) << intent.error().detail;
    return intent.value_or(Intent{});
  }

  std::int64_t balance(ledger::AccountKind kind, const std::string& owner = {}) {
    auto b = ledger_module->ledger().balance({kind, owner}, "EUR");
    EXPECT_TRUE(b) << b.error().detail;
    return b ? b->amount_minor : 0;
  }

  std::int64_t count(const std::string& sql) {
    auto rows = db().read([&](store::Transaction& tx) { return tx.query(sql); });
    return rows ? rows->front().int64(0) : -1;
  }

  // The payments.intent.* events published, in order, as type and payload.
  std::vector<std::pair<std::string, events::IntentChanged>> published() {
    auto rows = db().read([](store::Transaction& tx) {
      return tx.query("SELECT type, payload FROM outbox WHERE type LIKE 'payments.%' ORDER BY id");
    });
    std::vector<std::pair<std::string, events::IntentChanged>> out;
    if (!rows) return out;
    for (const auto r : *rows) {
      auto payload = modules::payload::from_payload<events::IntentChanged>(r.text(0), r.text(1));
      EXPECT_TRUE(payload);
      if (payload) out.emplace_back(r.text(0), std::move(*payload));
    }
    return out;
  }

  std::unique_ptr<ledger::LedgerModule> ledger_module;
  std::unique_ptr<PaymentsModuleImpl> module;
};

}  // namespace reskflow::payments::testing
