// Refunds on both engines: partial refunds add up in the ledger, a retried refund (also
// concurrent) gives back once, nothing is given back beyond the capture, and a refund before
// capture releases the hold.
#include <latch>
#include <thread>

#include "test_fixture.h"

namespace reskflow::payments::testing {
namespace {

using ledger::AccountKind;

class PaymentsRefundTest : public PaymentsFixture {
 protected:
  Intent captured(const std::string& order) {
    const auto intent = authorized(order);
    auto done = payments().capture(intent.id, eur(2500), settlement_of_2500());
    EXPECT_TRUE(done) << done.error().detail;
    return done.value_or(Intent{});
  }
};

TEST_P(PaymentsRefundTest, PartialRefundsAddUpAndGiveBackEveryPartButTheCouriersTip) {
  const auto intent = captured("order-1");
  auto first = payments().refund(intent.id, eur(1000), "cold pizza");
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_EQ(first->status, IntentStatus::partially_refunded);
  EXPECT_EQ(first->refunded, eur(1000));
  auto retry = payments().refund(intent.id, eur(1000), "cold pizza");
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->refunded, eur(1000));
  auto rest = payments().refund(intent.id, eur(1500), "late delivery");
  ASSERT_TRUE(rest) << rest.error().detail;
  EXPECT_EQ(rest->status, IntentStatus::refunded);

  EXPECT_EQ(balance(AccountKind::processor_clearing), 0);
  EXPECT_EQ(balance(AccountKind::merchant_payable, luigi), 0);
  EXPECT_EQ(balance(AccountKind::tax_payable), 0);
  EXPECT_EQ(balance(AccountKind::tips_payable), -200);      // still the courier's
  EXPECT_EQ(balance(AccountKind::platform_revenue), -250);  // earned, then
  EXPECT_EQ(balance(AccountKind::refunds), 250 + 200);      // given back, with the tip's share
  EXPECT_EQ(count("SELECT COUNT(*) FROM ledger_transactions"), 3);
  EXPECT_TRUE(ledger::check(db()).value().empty());
  EXPECT_EQ(published().back().first, "payments.intent.refunded");
  EXPECT_EQ(published().back().second.refunded.amount_minor, 2500);
}

// A merchant's own refund comes out of its payable first; an admin's refund of the rest then
// gives back exactly what is left of each part.
TEST_P(PaymentsRefundTest, AMerchantsRefundComesOutOfItsPayableFirst) {
  const auto intent = captured("order-1");
  auto merchants = payments().refund_from_merchant(intent.id, eur(600), "burnt crust");
  ASSERT_TRUE(merchants) << merchants.error().detail;
  EXPECT_EQ(merchants->status, IntentStatus::partially_refunded);
  EXPECT_EQ(balance(AccountKind::merchant_payable, luigi), -1900 + 600);
  EXPECT_EQ(balance(AccountKind::tax_payable), -150);
  EXPECT_EQ(balance(AccountKind::refunds), 0);
  auto rest = payments().refund(intent.id, eur(1900), "order lost its way");
  ASSERT_TRUE(rest) << rest.error().detail;
  EXPECT_EQ(balance(AccountKind::merchant_payable, luigi), 0);
  EXPECT_EQ(balance(AccountKind::tax_payable), 0);
  EXPECT_EQ(balance(AccountKind::refunds), 250 + 200);
  EXPECT_EQ(balance(AccountKind::processor_clearing), 0);
  EXPECT_TRUE(ledger::check(db()).value().empty());
  EXPECT_TRUE(check(db()).value().empty());
  // Before capture there is nothing of the merchant's to give back.
  const auto held = authorized("order-2");
  EXPECT_EQ(payments().refund_from_merchant(held.id, eur(100), "early").error().code,
            ErrorCode::invalid_transition);
}

TEST_P(PaymentsRefundTest, RefusesToGiveBackMoreThanWasCaptured) {
  const auto intent = captured("order-1");
  ASSERT_TRUE(payments().refund(intent.id, eur(2000), "missing items"));
  auto too_much = payments().refund(intent.id, eur(501), "more");
  ASSERT_FALSE(too_much);
  EXPECT_EQ(too_much.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(too_much.error().fields[0].message, "must be from 1 to 500");
  EXPECT_EQ(payments().refund(intent.id, eur(0), "none").error().code,
            ErrorCode::validation_failed);
  EXPECT_EQ(payments().refund(intent.id, eur(100), "").error().code, ErrorCode::validation_failed);
  EXPECT_EQ(balance(AccountKind::processor_clearing), 500);
}

TEST_P(PaymentsRefundTest, ARefundBeforeCaptureReleasesTheHold) {
  const auto intent = authorized("order-1");
  auto part = payments().refund(intent.id, eur(500), "removed a drink");
  ASSERT_TRUE(part) << part.error().detail;
  EXPECT_EQ(part->status, IntentStatus::authorized);
  EXPECT_EQ(part->amount, eur(2000));
  EXPECT_EQ(payments().capture(intent.id, eur(2500), settlement_of_2500()).error().code,
            ErrorCode::validation_failed);
  auto all = payments().refund(intent.id, eur(2000), "order cancelled");
  ASSERT_TRUE(all) << all.error().detail;
  EXPECT_EQ(all->status, IntentStatus::cancelled);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ledger_transactions"), 0);
  EXPECT_EQ(published().back().first, "payments.intent.cancelled");
}

TEST_P(PaymentsRefundTest, ConcurrentRetriesOfOneRefundGiveBackOnce) {
  const auto intent = captured("order-1");
  constexpr std::size_t threads_count = 6;
  std::latch go(threads_count);
  std::vector<Result<Intent>> results(threads_count);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < threads_count; ++i) {
    threads.emplace_back([&, i] {
      go.arrive_and_wait();
      results[i] = payments().refund(intent.id, eur(1000), "cold pizza");
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) {
    ASSERT_TRUE(r) << r.error().detail;
    EXPECT_EQ(r->refunded, eur(1000));
  }
  EXPECT_EQ(balance(AccountKind::processor_clearing), 1500);
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments_refunds"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments_test_operations WHERE kind = 'refund'"), 1);
}

TEST_P(PaymentsRefundTest, AFailedOrCancelledPaymentHasNothingToRefund) {
  auto declined = authorize("order-1", test_cards::declined);
  ASSERT_FALSE(declined);
  const auto id = declined.error().members[0].value;
  EXPECT_EQ(payments().refund(id, eur(100), "x").error().code, ErrorCode::invalid_transition);
}

INSTANTIATE_TEST_SUITE_P(Engines, PaymentsRefundTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::payments::testing
