// The ledger transactions of captures and refunds: balanced, zero parts left out, and partial
// refunds that add up to exactly the settlement.
#include "settlement.h"

#include <gtest/gtest.h>

#include <limits>

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
  const auto t =
      capture_transaction(captured_intent(1000), {eur(900), eur(100), eur(0), eur(0)}).value();
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

Settlement plus(const Settlement& a, const Settlement& b) {
  return {eur(a.merchant.amount_minor + b.merchant.amount_minor),
          eur(a.platform.amount_minor + b.platform.amount_minor),
          eur(a.tax.amount_minor + b.tax.amount_minor),
          eur(a.tip.amount_minor + b.tip.amount_minor)};
}

const Settlement nothing{eur(0), eur(0), eur(0), eur(0)};

TEST(PaymentsSettlement, PartialRefundsRoundDownAddUpAndLeaveTheCourierTheTip) {
  const Settlement parts{eur(1900), eur(250), eur(150), eur(200)};  // 25.00
  const auto third = refund_parts(parts, nothing, eur(833), RefundFunding::shared).value();
  EXPECT_EQ(third.merchant, eur(633));  // 1900 * 833 / 2500 = 633.08
  EXPECT_EQ(third.tax, eur(49));        // 49.98
  EXPECT_EQ(third.tip, eur(0));
  EXPECT_EQ(third.platform, eur(833 - 633 - 49));
  const auto all = refund_parts(parts, nothing, eur(2500), RefundFunding::shared).value();
  EXPECT_EQ(all.merchant, eur(1900));
  EXPECT_EQ(all.platform, eur(250 + 200));
  EXPECT_EQ(all.tax, eur(150));
  EXPECT_EQ(all.tip, eur(0));

  auto intent = captured_intent(2500);
  Settlement given = nothing;
  std::int64_t merchant_back = 0;
  for (const std::int64_t step : {833, 833, 834}) {
    const auto now = refund_parts(parts, given, eur(step), RefundFunding::shared).value();
    const auto t = refund_transaction(intent, now, eur(step), "r", "changed mind").value();
    EXPECT_EQ(sum_of(t), 0);
    for (const auto& p : t.postings) {
      if (p.account.kind == AccountKind::merchant_payable) merchant_back += p.amount.amount_minor;
      EXPECT_NE(p.account.kind, AccountKind::tips_payable);
    }
    given = plus(given, now);
  }
  EXPECT_EQ(merchant_back, 1900);
  EXPECT_EQ(given.tax, eur(150));
}

TEST(PaymentsSettlement, AMerchantsRefundComesFromItsPartFirst) {
  const Settlement parts{eur(1900), eur(250), eur(150), eur(200)};  // 25.00
  const auto first = refund_parts(parts, nothing, eur(500), RefundFunding::merchant_first).value();
  EXPECT_EQ(first.merchant, eur(500));
  EXPECT_EQ(first.tax, eur(0));
  EXPECT_EQ(first.platform, eur(0));
  // More than the merchant has left: the rest is shared between tax and the platform.
  const auto over = refund_parts(parts, first, eur(1500), RefundFunding::merchant_first).value();
  EXPECT_EQ(over.merchant, eur(1400));
  EXPECT_EQ(over.tax, eur(25));  // 150 * 100 / (150 + 450)
  EXPECT_EQ(over.platform, eur(75));
  // An admin then gives back everything left: exactly what is left of each part.
  const auto given = plus(first, over);
  const auto rest = refund_parts(parts, given, eur(500), RefundFunding::shared).value();
  EXPECT_EQ(rest.merchant, eur(0));
  EXPECT_EQ(rest.tax, eur(125));
  EXPECT_EQ(rest.platform, eur(375));
}

TEST(PaymentsSettlement, RefusesARefundSplitThatWouldMixCurrenciesOrOverflow) {
  const Settlement parts{eur(1900), eur(250), eur(150), eur(200)};
  const auto mixed = refund_parts(parts, nothing, {500, "USD"}, RefundFunding::shared);
  ASSERT_FALSE(mixed);
  EXPECT_EQ(mixed.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(mixed.error().detail, "cannot combine amounts in USD and EUR");
  Settlement given_in_usd = nothing;
  given_in_usd.tax = {10, "USD"};
  EXPECT_FALSE(refund_parts(parts, given_in_usd, eur(500), RefundFunding::merchant_first));
  const Settlement huge{eur(std::numeric_limits<std::int64_t>::max()), eur(1), eur(0), eur(0)};
  EXPECT_FALSE(refund_parts(huge, nothing, eur(1), RefundFunding::shared));
  const Settlement owed{eur(std::numeric_limits<std::int64_t>::min()), eur(0), eur(0), eur(0)};
  EXPECT_FALSE(capture_transaction(captured_intent(1000), owed));
}

// Random sequences of shared and merchant-first refunds: each part given back stays within
// what was captured of it, and refunding everything gives back the merchant's and the tax's
// parts exactly.
TEST(PaymentsSettlement, AnyMixOfRefundsGivesBackEachPartExactlyWhenAllIsRefunded) {
  std::uint64_t state = 13;
  auto next = [&state](std::int64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::int64_t>((state >> 33U) % static_cast<std::uint64_t>(bound));
  };
  for (int run = 0; run < 2000; ++run) {
    const Settlement parts{eur(next(5000)), eur(next(800)), eur(next(600)), eur(next(500))};
    const auto total = parts.merchant.amount_minor + parts.platform.amount_minor +
                       parts.tax.amount_minor + parts.tip.amount_minor;
    if (total == 0) continue;
    Settlement given = nothing;
    std::int64_t left = total;
    while (left > 0) {
      const auto amount = next(4) == 0 ? left : 1 + next(left);
      const auto funding = next(2) == 0 ? RefundFunding::shared : RefundFunding::merchant_first;
      const auto now = refund_parts(parts, given, eur(amount), funding).value();
      ASSERT_EQ(now.merchant.amount_minor + now.tax.amount_minor + now.platform.amount_minor,
                amount);
      given = plus(given, now);
      ASSERT_GE(now.merchant.amount_minor, 0);
      ASSERT_GE(now.tax.amount_minor, 0);
      ASSERT_LE(given.merchant.amount_minor, parts.merchant.amount_minor);
      ASSERT_LE(given.tax.amount_minor, parts.tax.amount_minor);
      ASSERT_LE(given.platform.amount_minor, parts.platform.amount_minor + parts.tip.amount_minor);
      left -= amount;
    }
    EXPECT_EQ(given.merchant, parts.merchant) << "run " << run;
    EXPECT_EQ(given.tax, parts.tax) << "run " << run;
  }
}

}  // namespace
}  // namespace reskflow::payments
