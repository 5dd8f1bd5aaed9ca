// The ledger transactions of captures and refunds: balanced, zero parts left out, and partial
// refunds that add up to exactly the settlement.
#include "settlement.h"

#include <gtest/gtest.h>

namespace reskflow::payments {
namespace {

using ledger::AccountKind;

modules::Money eur(std::int64_t minor) { return {minor, "EUR"}; }

Intent captured_intent(std::int64_t amount) {
  Intent i;
  i.id = "pi-1";
  i.order_id = "o-1";
  i.merchant_id = "m-1";
  i.amount = i.captured = eur(amount);
  i.refunded = eur(0);
  return i;
}

std::int64_t sum_of(const ledger::TransactionRequest& t) {
  std::int64_t sum = 0;
  for (const auto& p : t.postings) sum += p.amount.amount_minor;
  return sum;
}

TEST(PaymentsSettlement, CaptureCreditsEachPartAndLeavesZeroPartsOut) {
  const auto t = capture_transaction(captured_intent(1000), {eur(900), eur(100), eur(0), eur(0)});
  EXPECT_EQ(t.reference, "payment:pi-1:capture");
  ASSERT_EQ(t.postings.size(), 3U);
  EXPECT_EQ(t.postings[0].account.kind, AccountKind::processor_clearing);
  EXPECT_EQ(t.postings[0].amount, eur(1000));
  EXPECT_EQ(t.postings[1].account, (ledger::AccountRef{AccountKind::merchant_payable, "m-1"}));
  EXPECT_EQ(t.postings[1].amount, eur(-900));
  EXPECT_EQ(sum_of(t), 0);
}

TEST(PaymentsSettlement, RefusesASettlementThatDoesNotShareOutTheCapture) {
  EXPECT_TRUE(validate_settlement(eur(1000), {eur(900), eur(100), eur(0), eur(0)}));
  auto short_by_one = validate_settlement(eur(1000), {eur(899), eur(100), eur(0), eur(0)});
  ASSERT_FALSE(short_by_one);
  EXPECT_EQ(short_by_one.error().fields[0].message,
            "parts sum to 9.99 EUR, not the 10.00 EUR captured");
  EXPECT_FALSE(validate_settlement(eur(1000), {eur(1100), eur(-100), eur(0), eur(0)}));
  EXPECT_FALSE(validate_settlement(eur(1000), {eur(900), {100, "USD"}, eur(0), eur(0)}));
}

TEST(PaymentsSettlement, PartialRefundsRoundDownAddUpAndLeaveTheCourierTheTip) {
  const Settlement parts{eur(1900), eur(250), eur(150), eur(200)};  // 25.00
  const auto third = refunded_parts(parts, eur(833));
  EXPECT_EQ(third.merchant, eur(633));  // 1900 * 833 / 2500 = 633.08
  EXPECT_EQ(third.tax, eur(49));        // 49.98
  EXPECT_EQ(third.tip, eur(0));
  EXPECT_EQ(third.platform, eur(833 - 633 - 49));
  const auto all = refunded_parts(parts, eur(2500));
  EXPECT_EQ(all.merchant, eur(1900));
  EXPECT_EQ(all.platform, eur(250 + 200));
  EXPECT_EQ(all.tax, eur(150));
  EXPECT_EQ(all.tip, eur(0));

  auto intent = captured_intent(2500);
  std::int64_t refunded = 0;
  std::int64_t merchant_back = 0;
  for (const std::int64_t step : {833, 833, 834}) {
    const auto t = refund_transaction(intent, parts, eur(refunded), eur(step), "r", "changed mind");
    EXPECT_EQ(sum_of(t), 0);
    for (const auto& p : t.postings) {
      if (p.account.kind == AccountKind::merchant_payable) merchant_back += p.amount.amount_minor;
      EXPECT_NE(p.account.kind, AccountKind::tips_payable);
    }
    refunded += step;
  }
  EXPECT_EQ(merchant_back, 1900);
}

}  // namespace
}  // namespace reskflow::payments
