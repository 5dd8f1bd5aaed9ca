// Test support for the promotions tests: the module on a fresh database of each engine with a
// manual clock and the real ledger, and orders events published to the outbox and delivered by
// the real relay.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "fake_directory.h"
#include "module.h"
#include "real_ledger.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/orders/events.h"
#include "reskflow/store/migrations.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_promotions();

namespace reskflow::promotions::testing {

inline constexpr std::int64_t day_us = 86'400'000'000;
inline const std::string luigi = "0190a000-0000-7000-8000-000000000001";  // a merchant
inline const std::string wok = "0190a000-0000-7000-8000-000000000002";    // a merchant
inline const std::string ada = "0190b000-0000-7000-8000-000000000001";    // a customer
inline const std::string bob = "0190b000-0000-7000-8000-000000000002";    // a customer
inline const std::string mia = "0190e000-0000-7000-8000-000000000001";    // luigi's manager

using modules::testing::must;

class PromotionsFixture : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;  // no database of this engine
    const std::vector<store::MigrationSet> sets{
        bus::migrations(), ledger::migrations(), {"promotions", reskflow_migrations_promotions()}};
    ASSERT_TRUE(store::migrate(db(), sets));
    ledger_module = ledger::testing::real_ledger(platform(), clock.clock());
    module = std::make_unique<PromotionsModuleImpl>(
        platform(), Deps{directory, ledger_module->ledger()}, PromotionsSettings{}, clock.clock());
    ASSERT_TRUE(module->start());
  }

  void release_modules() override {
    module.reset();
    ledger_module.reset();
  }

  Service& service() { return module->service(); }

  // A promotion of `merchant` ("" for the platform) with the defaults of a fixed 3.00 EUR off.
  static Promotion draft(std::string code, const std::string& merchant = luigi) {
    Promotion p;
    p.name = code.empty() ? "Autumn offer" : code;
    p.code = std::move(code);
    p.kind = std::string(kind_fixed_amount);
    p.amount = {300, "EUR"};
    p.merchant_id = merchant;
    p.starts_at_us = modules::testing::test_start_us - day_us;
    return p;
  }

  Promotion create(Promotion p) { return must(service().create(mia, std::move(p))); }

  // Ada's basket at luigi: 28.50 EUR of items (25.91 before tax), delivery 1.99.
  Basket basket(std::string code = {}, const std::string& customer = ada) {
    return {customer,     luigi, {2850, "EUR"},   {2591, "EUR"},
            {199, "EUR"}, false, std::move(code), clock.now_us()};
  }

  // What the basket gets, redeemed for `order_id` in one transaction as orders does.
  Status place(const std::string& order_id, const Basket& b) {
    auto got = service().discounts(b);
    if (!got) return std::unexpected(got.error());
    return db().write(
        [&](store::Transaction& tx) { return service().redeem(tx, order_id, b, *got); });
  }

  std::string order_event(std::string_view type, const std::string& order_id,
                          const std::string& status) {
    const orders::events::OrderChanged e{order_id, ada,           luigi,         status,
                                         3,        {2550, "EUR"}, clock.now_us()};
    return publish(type, order_id, modules::payload::to_payload(e));
  }

  Promotion stored(const std::string& id, const std::string& merchant = luigi) {
    return must(service().get(merchant, id));
  }

  std::int64_t balance_of(ledger::AccountKind kind, const std::string& owner = {}) {
    return must(ledger_module->ledger().balance({kind, owner}, "EUR")).amount_minor;
  }

  identity::testing::FakeDirectory directory;
  std::unique_ptr<ledger::LedgerModule> ledger_module;
  std::unique_ptr<PromotionsModuleImpl> module;
};

}  // namespace reskflow::promotions::testing
