// `reskflow ledger check` on both engines: a healthy ledger passes; each kind of corruption,
// written straight into the tables, is found and named.
#include "test_fixture.h"

namespace reskflow::ledger::testing {
namespace {

class LedgerCheckTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    ASSERT_TRUE(post(capture("payment:a:capture", luigi, 2500, 300)));
    ASSERT_TRUE(post(capture("payment:b:capture", wok, 1000, 100)));
  }

  void corrupt(const std::string& sql, const store::Params& params = {}) {
    auto done = db().write([&](store::Transaction& tx) -> Status {
      RF_TRY(n, tx.exec(sql, params));
      return {};
    });
    ASSERT_TRUE(done) << done.error().detail;
  }

  std::vector<std::string> invariants_broken() {
    auto found = check(db());
    EXPECT_TRUE(found) << found.error().detail;
    std::vector<std::string> out;
    if (found) {
      for (const auto& v : *found) out.push_back(v.invariant + ": " + v.detail);
    }
    return out;
  }
};

TEST_P(LedgerCheckTest, AHealthyLedgerHasNoViolation) { EXPECT_TRUE(invariants_broken().empty()); }

TEST_P(LedgerCheckTest, FindsATransactionThatNoLongerSumsToZero) {
  corrupt("UPDATE ledger_entries SET amount_minor = amount_minor + 1 WHERE amount_minor = 2500");
  const auto broken = invariants_broken();
  ASSERT_EQ(broken.size(), 1U);
  EXPECT_TRUE(broken[0].starts_with("unbalanced: transaction ")) << broken[0];
  EXPECT_TRUE(broken[0].ends_with("(payment:a:capture) sums to 1 EUR minor units instead of zero"))
      << broken[0];
}

TEST_P(LedgerCheckTest, FindsAGuardedAccountBelowZero) {
  // Capture a turned into a balanced refund of money the processor never held.
  corrupt(
      "UPDATE ledger_entries SET amount_minor = -amount_minor WHERE amount_minor IN "
      "(2500, -2200, -300)");
  const auto broken = invariants_broken();
  ASSERT_EQ(broken.size(), 1U);
  EXPECT_EQ(broken[0],
            "negative_balance: processor_clearing stands at -1500 EUR minor units; this kind "
            "must never go negative");
}

TEST_P(LedgerCheckTest, FindsATransactionLeftWithOneEntry) {
  corrupt("DELETE FROM ledger_entries WHERE amount_minor IN (-900, -100)");
  const auto broken = invariants_broken();
  ASSERT_EQ(broken.size(), 2U);
  EXPECT_TRUE(
      broken[0].ends_with("(payment:b:capture) sums to 1000 EUR minor units instead of "
                          "zero"))
      << broken[0];
  EXPECT_TRUE(broken[1].starts_with("short_transaction: ")) << broken[1];
  EXPECT_TRUE(
      broken[1].ends_with("(payment:b:capture) has 1 entries; a movement needs at least "
                          "two"))
      << broken[1];
}

TEST_P(LedgerCheckTest, FindsAReferencePostedTwice) {
  // As after a restore that lost the unique index and replayed a day of writes.
  corrupt("DROP INDEX ledger_transactions_reference");
  corrupt(
      "INSERT INTO ledger_transactions (id, reference, description, created_at_us) "
      "SELECT 'dup-' || id, reference, description, created_at_us FROM "
      "ledger_transactions WHERE reference = 'payment:a:capture'");
  corrupt(
      "INSERT INTO ledger_entries (id, transaction_id, account_id, amount_minor, "
      "created_at_us) SELECT 'dup-' || id, 'dup-' || transaction_id, account_id, "
      "amount_minor, created_at_us FROM ledger_entries WHERE transaction_id IN (SELECT id FROM "
      "ledger_transactions WHERE reference = 'payment:a:capture' AND id NOT LIKE 'dup-%')");
  const auto broken = invariants_broken();
  ASSERT_EQ(broken.size(), 1U);
  EXPECT_EQ(broken[0], "posted_twice: reference payment:a:capture was posted 2 times");
}

INSTANTIATE_TEST_SUITE_P(Engines, LedgerCheckTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::ledger::testing
