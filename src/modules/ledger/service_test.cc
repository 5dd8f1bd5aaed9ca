// Posting on both engines: balances derived from entries, refusals that write nothing,
// idempotency by reference (also under concurrent retries), and the accounts that must never go
// negative.
#include <latch>
#include <limits>
#include <thread>

#include "accounts.h"
#include "test_fixture.h"

namespace reskflow::ledger::testing {
namespace {

class LedgerPostTest : public LedgerFixture {};

TEST_P(LedgerPostTest, PostsABalancedTransactionAndDerivesBalancesFromEntries) {
  ASSERT_TRUE(post(capture("payment:a:capture", luigi, 2500, 300)));
  ASSERT_TRUE(post(capture("payment:b:capture", luigi, 1000, 100)));
  EXPECT_EQ(balance_of(AccountKind::processor_clearing), 3500);
  EXPECT_EQ(balance_of(AccountKind::merchant_payable, luigi), -3100);  // a credit: owed
  EXPECT_EQ(balance_of(AccountKind::platform_revenue), -400);
  EXPECT_EQ(balance_of(AccountKind::merchant_payable, wok), 0);
  EXPECT_EQ(count("ledger_entries"), 6);
  EXPECT_EQ(count("ledger_accounts"), 3);
}

TEST_P(LedgerPostTest, RefusesUnbalancedAndShortTransactionsAndWritesNothing) {
  auto unbalanced = capture("payment:a:capture", luigi, 2500, 300);
  unbalanced.postings[0].amount.amount_minor = 2499;
  auto refused = post(unbalanced);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
  ASSERT_FALSE(refused.error().fields.empty());
  EXPECT_EQ(refused.error().fields[0].message, "debits and credits in EUR differ by -0.01 EUR");

  TransactionRequest single{"one-sided", "", {{{AccountKind::refunds, ""}, eur(0)}}};
  EXPECT_FALSE(post(single));
  TransactionRequest ownerless{"ownerless",
                               "",
                               {{{AccountKind::processor_clearing, ""}, eur(5)},
                                {{AccountKind::merchant_payable, ""}, eur(-5)}}};
  EXPECT_FALSE(post(ownerless));
  EXPECT_EQ(count("ledger_transactions"), 0);
  EXPECT_EQ(count("ledger_entries"), 0);
}

TEST_P(LedgerPostTest, BalancesEachCurrencyOnItsOwn) {
  TransactionRequest mixed{"fx",
                           "",
                           {{{AccountKind::processor_clearing, ""}, eur(100)},
                            {{AccountKind::platform_revenue, ""}, {-100, "USD"}}}};
  EXPECT_FALSE(post(mixed));
  mixed.postings.push_back({{AccountKind::processor_clearing, ""}, {100, "USD"}});
  mixed.postings.push_back({{AccountKind::platform_revenue, ""}, eur(-100)});
  EXPECT_TRUE(post(mixed));
}

TEST_P(LedgerPostTest, PostingAReferenceAgainReturnsTheFirstTransaction) {
  auto first = post(capture("payment:a:capture", luigi, 2500, 300));
  ASSERT_TRUE(first);
  auto again = post(capture("payment:a:capture", luigi, 2500, 300));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *first);
  EXPECT_EQ(balance_of(AccountKind::processor_clearing), 2500);
  EXPECT_EQ(count("ledger_transactions"), 1);
}

TEST_P(LedgerPostTest, ConcurrentRetriesOfOneReferencePostOnce) {
  constexpr std::size_t threads_count = 6;
  std::latch go(threads_count);
  std::vector<Result<std::string>> results(threads_count);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < threads_count; ++i) {
    threads.emplace_back([&, i] {
      go.arrive_and_wait();
      results[i] = post(capture("payment:a:capture", luigi, 2500, 300));
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> ids;
  for (const auto& r : results) {
    // A loser of the race either finds the winner's transaction or hits the unique reference.
    if (r)
      ids.insert(*r);
    else
      EXPECT_EQ(r.error().code, ErrorCode::conflict) << r.error().detail;
  }
  EXPECT_EQ(ids.size(), 1U);
  EXPECT_EQ(count("ledger_transactions"), 1);
  EXPECT_EQ(balance_of(AccountKind::processor_clearing), 2500);
}

TEST_P(LedgerPostTest, NeverTakesAGuardedAccountBelowZero) {
  ASSERT_TRUE(post(capture("payment:a:capture", luigi, 1000, 100)));
  auto refund = [](const std::string& reference, std::int64_t amount) {
    return TransactionRequest{reference,
                              "Refund",
                              {{{AccountKind::refunds, ""}, eur(amount)},
                               {{AccountKind::processor_clearing, ""}, eur(-amount)}}};
  };
  auto too_much = post(refund("refund:1", 1001));
  ASSERT_FALSE(too_much);
  EXPECT_EQ(too_much.error().detail,
            "the processor_clearing account would go negative, which it never may");
  EXPECT_TRUE(post(refund("refund:2", 1000)));
  EXPECT_EQ(balance_of(AccountKind::processor_clearing), 0);

  // A merchant's payable may go into debit: a refund after a payout is recovered later.
  TransactionRequest clawback{"clawback",
                              "",
                              {{{AccountKind::merchant_payable, luigi}, eur(5000)},
                               {{AccountKind::refunds, ""}, eur(-5000)}}};
  EXPECT_TRUE(post(clawback));
  EXPECT_EQ(balance_of(AccountKind::merchant_payable, luigi), 5000 - 900);
}

TEST_P(LedgerPostTest, RefusesPostingsToOneAccountThatAddUpBeyondAnAmount) {
  ASSERT_TRUE(post(capture("payment:a:capture", luigi, 1000, 100)));
  constexpr auto most = std::numeric_limits<std::int64_t>::max();
  // Each pair balances, but the two credits to the clearing account together wrap around.
  TransactionRequest wrapping{"wrapping",
                              "",
                              {{{AccountKind::processor_clearing, ""}, eur(-most)},
                               {{AccountKind::refunds, ""}, eur(most)},
                               {{AccountKind::processor_clearing, ""}, eur(-most)},
                               {{AccountKind::refunds, ""}, eur(most)}}};
  const auto refused = post(wrapping);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(count("ledger_transactions"), 1);
  EXPECT_EQ(balance_of(AccountKind::processor_clearing), 1000);
}

TEST(LedgerAccounts, KindsHaveNamesNormalSidesAndGuards) {
  for (auto kind :
       {AccountKind::customer_funds, AccountKind::processor_clearing, AccountKind::merchant_payable,
        AccountKind::driver_payable, AccountKind::platform_revenue, AccountKind::tax_payable,
        AccountKind::tips_payable, AccountKind::refunds, AccountKind::payouts_in_transit,
        AccountKind::promotions_expense}) {
    EXPECT_EQ(parse_kind(kind_name(kind)), kind);
  }
  EXPECT_EQ(parse_kind("savings"), std::nullopt);
  const modules::Money minus_300{-300, "EUR"};
  EXPECT_EQ(normal_amount(AccountKind::merchant_payable, minus_300).value().amount_minor, 300);
  EXPECT_EQ(normal_amount(AccountKind::processor_clearing, {300, "EUR"}).value().amount_minor, 300);
  EXPECT_FALSE(normal_amount(AccountKind::merchant_payable,
                             {std::numeric_limits<std::int64_t>::min(), "EUR"}));
  EXPECT_TRUE(must_not_go_negative(AccountKind::tax_payable));
  EXPECT_FALSE(must_not_go_negative(AccountKind::merchant_payable));
  EXPECT_EQ(normal_amount(AccountKind::promotions_expense, {300, "EUR"}).value().amount_minor, 300);
}

TEST(LedgerSettings, RefusesUnknownKeysAndOutOfRangeValues) {
  EXPECT_FALSE(load_settings({{"RESKFLOW_LEDGER_PAYOUT_INTERVALL_S", "60"}}));
  EXPECT_FALSE(load_settings({{"RESKFLOW_LEDGER_PAYOUT_INTERVAL_S", "0"}}));
  auto s = load_settings({{"RESKFLOW_LEDGER_PAYOUT_INTERVAL_S", "60"},
                          {"RESKFLOW_LEDGER_PAYOUT_MINIMUM_MINOR", "500"}});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->payout_interval_s, std::chrono::seconds(60));
  EXPECT_EQ(s->payout_minimum_minor, 500);
}

INSTANTIATE_TEST_SUITE_P(Engines, LedgerPostTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::ledger::testing
