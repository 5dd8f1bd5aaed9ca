// The pricing steps and the rounding rule: half up on each step's own base, tax inside or on
// top, delivery by distance band times demand, the service fee's bounds, the small-order fee,
// and changes told in plain words.
#include "pricing.h"

#include <gtest/gtest.h>

#include <limits>

namespace reskflow::orders {
namespace {

modules::Money eur(std::int64_t minor) { return {minor, "EUR"}; }

PricingRules rules() {
  PricingRules r;
  r.bands = {{2000, 199}, {5000, 299}};
  return r;
}

PricingInput input(std::int64_t items_minor, double distance_m = 1000, std::int64_t waiting = 0) {
  return {"EUR", eur(items_minor), eur(1500), distance_m, waiting, eur(0)};
}

std::int64_t step(const PriceBreakdown& b, std::string_view kind) {
  for (const auto& s : b.steps) {
    if (s.kind == kind) return s.amount.amount_minor;
  }
  return -1;
}

modules::Money must_total(const PricingRules& r, const PricingInput& in) {
  auto priced = price_order(r, in);
  EXPECT_TRUE(priced) << priced.error().detail;
  return priced ? priced->total : eur(-1);
}

TEST(PricingTest, RoundsHalfUpAwayFromZeroOnce) {
  EXPECT_EQ(scaled_half_up(2850, 500, 10'000), 143);  // 142.5
  EXPECT_EQ(scaled_half_up(2849, 500, 10'000), 142);  // 142.45
  EXPECT_EQ(scaled_half_up(-2850, 500, 10'000), -143);
  EXPECT_EQ(scaled_half_up(199, 1500, 1000), 299);                // 298.5
  EXPECT_EQ(scaled_half_up(INT64_MAX / 2, 2, 2), INT64_MAX / 2);  // no overflow in between
}

TEST(PricingTest, TaxIsInsideOrOnTopOfTheItems) {
  auto inclusive = price_order(rules(), input(2850));
  ASSERT_TRUE(inclusive);
  EXPECT_EQ(step(*inclusive, "tax"), 259);  // 2850 - round(2850 / 1.1) = 2850 - 2591
  EXPECT_EQ(inclusive->total, eur(2850 + 199 + 143));
  auto on_top = rules();
  on_top.tax_inclusive = false;
  auto exclusive = price_order(on_top, input(2850));
  ASSERT_TRUE(exclusive);
  EXPECT_EQ(step(*exclusive, "tax"), 285);
  EXPECT_EQ(exclusive->total, eur(2850 + 285 + 199 + 143));
  EXPECT_EQ(exclusive->fees, eur(199 + 143));
}

TEST(PricingTest, DeliveryFollowsDistanceBandsAndDemand) {
  EXPECT_EQ(step(*price_order(rules(), input(2000, 2000)), "delivery_fee"), 199);
  EXPECT_EQ(step(*price_order(rules(), input(2000, 2001)), "delivery_fee"), 299);
  EXPECT_EQ(step(*price_order(rules(), input(2000, 50'000)), "delivery_fee"), 299);
  EXPECT_EQ(step(*price_order(rules(), input(2000, 1000, 5)), "delivery_fee"), 199);
  const auto busy = *price_order(rules(), input(2000, 1000, 10));  // ×1.5
  EXPECT_EQ(step(busy, "delivery_fee"), 299);                      // 298.5
  EXPECT_EQ(busy.steps[2].label, "Delivery fee (busy: ×1.5)");
  EXPECT_EQ(step(*price_order(rules(), input(2000, 1000, 1000)), "delivery_fee"), 398);  // ×2 max
}

// Checkout counts a merchant's waiting orders only up to demand_orders_counted_max: from there on
// every count must price the same, and one order fewer must not (else the cap is too low).
TEST(PricingTest, DemandStopsGrowingAtTheCountedMaximum) {
  auto stepped = rules();
  stepped.demand_step_permille = 300;  // 5 free, then ×1.3, ×1.6, ×1.9, ×2 (max)
  auto still = rules();
  still.demand_step_permille = 0;
  for (const auto& r : {rules(), stepped, still}) {
    const auto cap = demand_orders_counted_max(r);
    const auto fee = [&r](std::int64_t waiting) {
      return step(*price_order(r, input(2000, 1000, waiting)), "delivery_fee");
    };
    for (const std::int64_t beyond : {cap + 1, cap + 7, cap + 100'000})
      EXPECT_EQ(fee(beyond), fee(cap)) << "cap " << cap << ", waiting " << beyond;
    if (r.demand_step_permille > 0) {
      EXPECT_LT(fee(cap - 1), fee(cap)) << "cap " << cap;
    }
  }
  EXPECT_EQ(demand_orders_counted_max(rules()), 15);  // 5 free + 10 steps of 0.1 up to ×2
  EXPECT_EQ(demand_orders_counted_max(stepped), 9);   // 5 free + 4 steps, the last one capped
}

TEST(PricingTest, ServiceFeeStaysWithinItsBoundsAndSmallOrdersPayAFee) {
  EXPECT_EQ(step(*price_order(rules(), input(100)), "service_fee"), 50);
  EXPECT_EQ(step(*price_order(rules(), input(100'000)), "service_fee"), 500);
  EXPECT_EQ(step(*price_order(rules(), input(1499)), "small_order_fee"), 200);
  EXPECT_EQ(step(*price_order(rules(), input(1500)), "small_order_fee"), -1);
  auto tipped = input(2000);
  tipped.tip = eur(300);
  const auto with_tip = *price_order(rules(), tipped);
  EXPECT_EQ(step(with_tip, "tip"), 300);
  EXPECT_EQ(with_tip.total, eur(2000 + 199 + 100 + 300));
  tipped.tip = {300, "USD"};
  EXPECT_EQ(price_order(rules(), tipped).error().code, ErrorCode::validation_failed);
}

TEST(PricingTest, ARepricedOrderKeepsTheDeliveryFeeItWasPlacedWith) {
  const auto placed = *price_order(rules(), input(2000, 1000, 10));  // busy: ×1.5
  auto changed = input(3000, 1000, 0);
  changed.kept_delivery_fee = placed.steps[2];
  const auto repriced = *price_order(rules(), changed);
  EXPECT_EQ(step(repriced, "delivery_fee"), 299);  // 1.99 × 1.5, half up, as placed
  EXPECT_EQ(repriced.steps[2].label, placed.steps[2].label);
  EXPECT_EQ(step(repriced, "service_fee"), 150);
  EXPECT_EQ(repriced.fees, eur(299 + 150));
  EXPECT_EQ(repriced.total, eur(3000 + 299 + 150));
}

TEST(PricingTest, MembersGetFreeDeliveryOverTheThresholdAndTheirServiceFeeRate) {
  auto at_threshold = input(1500, 3000);
  at_threshold.member = MemberBenefits{"Plus", eur(1500), 250};
  const auto free = *price_order(rules(), at_threshold);
  EXPECT_EQ(step(free, "delivery_fee"), 0);
  EXPECT_EQ(free.steps[2].label, "Member: free delivery");
  EXPECT_EQ(step(free, "service_fee"), 38);  // 2.5 % of 15.00, half up, under the usual minimum
  EXPECT_EQ(free.steps[3].label, "Service fee (member rate)");
  EXPECT_EQ(free.fees, eur(38));
  EXPECT_EQ(free.total, eur(1500 + 38));

  auto under = input(1499, 3000);
  under.member = at_threshold.member;
  const auto paying = *price_order(rules(), under);
  EXPECT_EQ(step(paying, "delivery_fee"), 299);
  EXPECT_EQ(step(paying, "service_fee"), 37);
  EXPECT_EQ(step(paying, "small_order_fee"), 200);

  auto big = input(100'000);
  big.member = MemberBenefits{"Plus", eur(0), 1000};
  EXPECT_EQ(step(*price_order(rules(), big), "service_fee"), 500);  // the usual maximum holds
}

TEST(PricingTest, BenefitsInAnotherCurrencyDoNotApply) {
  auto in_eur = input(2000);
  in_eur.member = MemberBenefits{"Plus", {0, "GBP"}, 0};
  const auto priced = *price_order(rules(), in_eur);
  EXPECT_EQ(step(priced, "delivery_fee"), 199);
  EXPECT_EQ(step(priced, "service_fee"), 100);
}

TEST(PricingTest, TellsChangesInPlainWords) {
  const auto before = *price_order(rules(), input(2000));
  EXPECT_TRUE(price_changes(before, before).value().empty());
  const auto after = *price_order(rules(), input(2000, 3000));
  EXPECT_EQ(price_changes(before, after).value(),
            (std::vector<std::string>{"Delivery fee went from 1.99 EUR to 2.99 EUR.",
                                      "The total is now 23.99 EUR (was 22.99 EUR)."}));
}

TEST(PricingTest, ADiscountIsAStepAfterTheFeesThatNeverReachesTaxOrTip) {
  auto in = input(2850);
  in.tip = eur(200);
  in.discounts = {{"Code WELCOME: 3.00 EUR off", eur(300)},
                  {"Autumn offer: free delivery", eur(199)}};
  auto priced = price_order(rules(), in);
  ASSERT_TRUE(priced) << priced.error().detail;
  std::vector<std::string> kinds;
  for (const auto& s : priced->steps) kinds.push_back(s.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"items", "tax", "delivery_fee", "service_fee",
                                             "discount", "discount", "tip"}));
  EXPECT_EQ(priced->steps[4].label, "Code WELCOME: 3.00 EUR off");
  EXPECT_EQ(priced->steps[4].amount, eur(-300));
  EXPECT_EQ(priced->total, eur(2850 + 199 + 143 - 300 - 199 + 200));
  EXPECT_EQ(priced->tax, eur(259));  // on the items as they are
  EXPECT_EQ(priced->fees, eur(199 + 143));
  EXPECT_EQ(items_before_tax(rules(), eur(2850)), eur(2591));

  in.discounts = {{"Too much", eur(2592)}};  // one more than the items before tax
  auto refused = price_order(rules(), in);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
  in.discounts = {{"All of it", eur(2591)}};
  EXPECT_EQ(must_total(rules(), in), eur(259 + 199 + 143 + 200));  // tax, fees and tip remain
}

TEST(PricingTest, TellsAChangedDiscountInPlainWords) {
  auto with = input(2850);
  with.discounts = {{"Code WELCOME: 3.00 EUR off", eur(300)}};
  const auto before = price_order(rules(), with);
  const auto now = price_order(rules(), input(2850));
  ASSERT_TRUE(before && now);
  const auto changes = price_changes(*before, *now).value();
  ASSERT_EQ(changes.size(), 2U);
  EXPECT_EQ(changes[0], "Discount went from -3.00 EUR to 0.00 EUR.");
}

TEST(PricingTest, RefusesAPriceOrAComparisonThatWouldOverflow) {
  constexpr auto most = std::numeric_limits<std::int64_t>::max();
  // The fees on top of the largest items are more than an amount can hold: refused, not wrapped.
  const auto refused = price_order(rules(), input(most));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);

  auto two = *price_order(rules(), input(2000));
  two.steps.push_back({"discount", "Half", eur(-(most / 2) - 2), true});
  two.steps.push_back({"discount", "Half again", eur(-(most / 2) - 2), true});
  const auto compared = price_changes(*price_order(rules(), input(2000)), two);
  ASSERT_FALSE(compared);
  EXPECT_EQ(compared.error().code, ErrorCode::validation_failed);
  two.steps.back().amount = {-1, "USD"};
  EXPECT_FALSE(price_changes(*price_order(rules(), input(2000)), two));
}

}  // namespace
}  // namespace reskflow::orders
