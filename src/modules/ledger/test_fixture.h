// Test support for the ledger tests: the module on a fresh database of each engine with an
// injected clock, a directory that knows one merchant's staff, and posting shorthands.
#pragma once

#include <gtest/gtest.h>

#include "fake_directory.h"
#include "module.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/store/migrations.h"

namespace reskflow::ledger::testing {

inline const std::string luigi = "0190a000-0000-7000-8000-000000000001";
inline const std::string wok = "0190a000-0000-7000-8000-000000000002";
inline const std::string owner = "0190b000-0000-7000-8000-000000000001";
inline const std::string stranger = "0190b000-0000-7000-8000-000000000002";

inline modules::Money eur(std::int64_t minor) { return {minor, "EUR"}; }

// A capture of `total` from a customer's card: merchant gets total - fee, the platform the fee.
inline TransactionRequest capture(const std::string& reference, const std::string& merchant,
                                  std::int64_t total, std::int64_t fee) {
  return {reference,
          "Capture",
          {{{AccountKind::processor_clearing, ""}, eur(total)},
           {{AccountKind::merchant_payable, merchant}, eur(-(total - fee))},
           {{AccountKind::platform_revenue, ""}, eur(-fee)}}};
}

class LedgerFixture : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;  // no database of this engine
    directory.add_user(owner, identity::role_merchant);
    ASSERT_TRUE(directory.add_member(luigi, owner, identity::MerchantLevel::owner));
    const std::vector<store::MigrationSet> sets{migrations()};
    ASSERT_TRUE(store::migrate(db(), sets));
    module = std::make_unique<LedgerModuleImpl>(platform(), directory, settings, clock.clock());
  }

  void release_modules() override { module.reset(); }

  Result<std::string> post(const TransactionRequest& request) {
    return db().write([&](store::Transaction& tx) { return module->post(tx, request); });
  }

  std::int64_t balance_of(AccountKind kind, const std::string& owner_id = {}) {
    auto b = module->balance({kind, owner_id}, "EUR");
    EXPECT_TRUE(b) << b.error().detail;
    return b ? b->amount_minor : 0;
  }

  std::int64_t count(const std::string& table) {
    auto rows = db().read(
        [&](store::Transaction& tx) { return tx.query("SELECT COUNT(*) FROM " + table); });
    return rows ? rows->front().int64(0) : -1;
  }

  identity::testing::FakeDirectory directory;  // `owner` owns luigi
  LedgerSettings settings;
  std::unique_ptr<LedgerModuleImpl> module;
};

}  // namespace reskflow::ledger::testing
