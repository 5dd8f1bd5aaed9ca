// Payout runs on both engines: payable balances move to payouts_in_transit in batches, small
// balances wait, a second run pays nothing twice, the batches can be read back, and the bank's
// answer settles a batch (paid: out of transit; failed: owed to the merchant again).
#include "test_fixture.h"

namespace reskflow::ledger::testing {
namespace {

class LedgerPayoutTest : public LedgerFixture {};

TEST_P(LedgerPayoutTest, MovesEachPayableBalanceToInTransitOnce) {
  ASSERT_TRUE(post(capture("payment:a:capture", luigi, 2500, 300)));
  ASSERT_TRUE(post(capture("payment:b:capture", wok, 1000, 100)));
  auto batch = module->service().pay_out({100, 500});
  ASSERT_TRUE(batch) << batch.error().detail;
  ASSERT_TRUE(*batch);
  EXPECT_EQ((*batch)->payouts_count, 2);
  EXPECT_EQ(balance_of(AccountKind::merchant_payable, luigi), 0);
  EXPECT_EQ(balance_of(AccountKind::payouts_in_transit, luigi), -2200);
  EXPECT_EQ(balance_of(AccountKind::payouts_in_transit, wok), -900);

  auto again = module->service().pay_out({100, 500});
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);  // nothing is owed any more
  EXPECT_TRUE(check(db()).value().empty());

  auto read = module->service().payout_batch((*batch)->id);
  ASSERT_TRUE(read);
  ASSERT_EQ(read->payouts.size(), 2U);
  std::set<std::int64_t> amounts{read->payouts[0].amount.amount_minor,
                                 read->payouts[1].amount.amount_minor};
  EXPECT_EQ(amounts, (std::set<std::int64_t>{2200, 900}));
  EXPECT_EQ(module->service().payout_batch("nope").error().code, ErrorCode::not_found);
}

TEST_P(LedgerPayoutTest, APaidBatchLeavesTransitAndAFailedOneIsOwedAgain) {
  ASSERT_TRUE(post(capture("payment:a:capture", luigi, 2500, 300)));
  ASSERT_TRUE(post(capture("payment:b:capture", wok, 1000, 100)));
  auto sent = module->service().pay_out({100, 500});
  ASSERT_TRUE(sent && *sent);
  const auto id = (*sent)->id;
  const auto paid = module->service().settle_batch(id, "paid", "");
  ASSERT_TRUE(paid) << paid.error().detail;
  EXPECT_EQ(paid->status, "paid");
  EXPECT_EQ(paid->settled_at_us, clock.now_us());
  EXPECT_EQ(balance_of(AccountKind::payouts_in_transit, luigi), 0);
  EXPECT_EQ(balance_of(AccountKind::payouts_in_transit, wok), 0);
  EXPECT_EQ(balance_of(AccountKind::processor_clearing, ""), 3500 - 2200 - 900);  // the fees
  EXPECT_TRUE(module->service().settle_batch(id, "paid", ""));  // the same answer again
  EXPECT_EQ(balance_of(AccountKind::processor_clearing, ""), 400);
  EXPECT_EQ(module->service().settle_batch(id, "failed", "account closed").error().code,
            ErrorCode::conflict);

  ASSERT_TRUE(post(capture("payment:c:capture", luigi, 1000, 100)));
  auto next = module->service().pay_out({100, 500});
  ASSERT_TRUE(next && *next);
  EXPECT_EQ(balance_of(AccountKind::merchant_payable, luigi), 0);
  const auto no_reason = module->service().settle_batch((*next)->id, "failed", "");
  EXPECT_EQ(no_reason.error().fields.at(0).field, "reason");
  EXPECT_EQ(module->service().settle_batch((*next)->id, "lost", "").error().fields.at(0).field,
            "outcome");
  const auto failed = module->service().settle_batch((*next)->id, "failed", "account closed");
  ASSERT_TRUE(failed) << failed.error().detail;
  EXPECT_EQ(failed->failure_reason, "account closed");
  EXPECT_EQ(balance_of(AccountKind::payouts_in_transit, luigi), 0);
  EXPECT_EQ(balance_of(AccountKind::merchant_payable, luigi), -900);  // owed again
  EXPECT_EQ(module->service().settle_batch("nope", "paid", "").error().code, ErrorCode::not_found);
  EXPECT_TRUE(check(db()).value().empty());
}

TEST_P(LedgerPayoutTest, LeavesBalancesUnderTheMinimumForALaterRun) {
  ASSERT_TRUE(post(capture("payment:a:capture", luigi, 150, 60)));  // owes 90
  auto batch = module->service().pay_out({100, 500});
  ASSERT_TRUE(batch);
  EXPECT_FALSE(*batch);
  ASSERT_TRUE(post(capture("payment:b:capture", luigi, 150, 60)));  // owes 180
  batch = module->service().pay_out({100, 500});
  ASSERT_TRUE(batch && *batch);
  EXPECT_EQ((*batch)->payouts[0].amount, eur(180));
}

TEST_P(LedgerPayoutTest, ARunMakesBatchesOfTheConfiguredSizeUntilAllArePaid) {
  settings.payout_batch_accounts_max = 1;
  settings.payout_minimum_minor = 1;
  module.reset();
  module = std::make_unique<LedgerModuleImpl>(platform(), directory, settings, clock.clock());
  ASSERT_TRUE(post(capture("payment:a:capture", luigi, 2500, 300)));
  ASSERT_TRUE(post(capture("payment:b:capture", wok, 1000, 100)));
  auto paid = module->run_payouts();
  ASSERT_TRUE(paid);
  EXPECT_EQ(*paid, 2);
  auto page = module->service().payout_batches("", 1);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->batches.size(), 1U);
  ASSERT_TRUE(page->next_cursor);
  auto next = module->service().payout_batches(*page->next_cursor, 1);
  ASSERT_TRUE(next);
  ASSERT_EQ(next->batches.size(), 1U);
  EXPECT_NE(next->batches[0].id, page->batches[0].id);
  EXPECT_EQ(module->service().payout_batches(next->batches[0].id, 1)->batches.size(), 0U);
}

INSTANTIATE_TEST_SUITE_P(Engines, LedgerPayoutTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::ledger::testing
