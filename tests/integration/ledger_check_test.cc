// `reskflow ledger check` as an operator runs it, on both engines: 0 on a healthy ledger, 1 with
// a line naming each violation once the tables are corrupted, 2 when there is no ledger to check.
#include <gtest/gtest.h>

#include "engines.h"
#include "process.h"
#include "reskflow/store/database.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

class LedgerCheckBinaryTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  int run(const std::vector<std::string>& args, std::string& output) {
    std::vector<std::string> argv{binary_path()};
    argv.insert(argv.end(), args.begin(), args.end());
    Process p(argv, {{"DATABASE_URL", url}});
    const auto code = p.wait_exit(60s);
    output = p.output();
    return code.value_or(-1);
  }

  void corrupt(const std::string& sql) {
    auto db = store::Database::open(url);
    ASSERT_TRUE(db);
    auto done = (*db)->write([&](store::Transaction& tx) -> Status {
      RF_TRY(n, tx.exec(sql));
      return {};
    });
    ASSERT_TRUE(done) << done.error().detail;
  }

  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
};

TEST_P(LedgerCheckBinaryTest, ExitsNonZeroNamingEachViolation) {
  std::string output;
  ASSERT_EQ(run({"ledger", "check"}, output), 2) << output;  // nothing migrated yet
  ASSERT_EQ(run({"migrate"}, output), 0) << output;
  ASSERT_EQ(run({"ledger", "check"}, output), 0) << output;
  EXPECT_NE(output.find("ledger check: every invariant holds"), std::string::npos) << output;

  corrupt(
      "INSERT INTO ledger_accounts (id, kind, owner_id, currency, created_at_us) VALUES "
      "('a1', 'processor_clearing', '', 'EUR', 0), ('a2', 'refunds', '', 'EUR', 0)");
  corrupt(
      "INSERT INTO ledger_transactions (id, reference, description, created_at_us) VALUES "
      "('t1', 'refund:by-hand', 'A refund typed into the database', 0)");
  corrupt(
      "INSERT INTO ledger_entries (id, transaction_id, account_id, amount_minor, "
      "created_at_us) VALUES ('e1', 't1', 'a2', 500, 0), ('e2', 't1', 'a1', -499, 0)");
  ASSERT_EQ(run({"ledger", "check"}, output), 1) << output;
  EXPECT_NE(output.find("violation: unbalanced: transaction t1 (refund:by-hand) sums to 1 EUR"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("violation: negative_balance: processor_clearing stands at -499 EUR"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("ledger check: 2 violations"), std::string::npos) << output;
}

INSTANTIATE_TEST_SUITE_P(Engines, LedgerCheckBinaryTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing
