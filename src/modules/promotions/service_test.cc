// The promotion rules on both engines: the amount of each kind, refusals of a code in plain
// words, stacking (one code plus the best automatic campaign, never past the items before tax),
// per-user limits and caps, running a campaign, and the money: a called-off order gives its
// redemption back, a platform-funded discount is paid to the merchant at delivery and taken back
// on refund.
#include "test_fixture.h"

namespace reskflow::promotions::testing {
namespace {

using ledger::AccountKind;

class PromotionsServiceTest : public PromotionsFixture {
 protected:
  std::string refusal_of(const Basket& b) {
    auto got = service().discounts(b);
    EXPECT_FALSE(got);
    if (got) return "";
    EXPECT_EQ(got.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(got.error().fields.at(0).field, "promotion_code");
    return got.error().detail;
  }
};

TEST_P(PromotionsServiceTest, EachKindTakesItsAmountOff) {
  auto ten = draft("TEN");
  ten.kind = std::string(kind_percentage);
  ten.percent = 10;
  ten.amount.amount_minor = 0;
  create(ten);
  auto capped = ten;
  capped.code = "TENMAX";
  capped.amount.amount_minor = 200;
  create(capped);
  auto free = draft("FREEDEL");
  free.kind = std::string(kind_free_delivery);
  free.amount.amount_minor = 0;
  create(free);
  create(draft("THREE"));

  const auto off = [&](const std::string& code) {
    auto got = must(service().discounts(basket(code)));
    EXPECT_EQ(got.size(), 1U) << code;
    return got.empty() ? Discount{} : got.front();
  };
  EXPECT_EQ(off("ten").amount, (modules::Money{285, "EUR"}));  // 10 % of 28.50, code any case
  EXPECT_EQ(off("TEN").label, "Code TEN: 10 % off");
  EXPECT_EQ(off("TENMAX").amount.amount_minor, 200);
  EXPECT_EQ(off("FREEDEL").amount.amount_minor, 199);
  EXPECT_EQ(off("FREEDEL").label, "Code FREEDEL: free delivery");
  EXPECT_EQ(off("THREE").amount.amount_minor, 300);
  EXPECT_EQ(off("THREE").funder, Funder::merchant);
}

TEST_P(PromotionsServiceTest, RefusesACodeWithTheReasonInPlainWords) {
  auto later = draft("LATER");
  later.starts_at_us = clock.now_us() + day_us;
  create(later);
  auto over = draft("OVER");
  over.ends_at_us = clock.now_us() - 60'000'000;
  create(over);
  auto first = draft("FIRST");
  first.first_order_only = true;
  create(first);
  auto big = draft("BIG");
  big.minimum_basket.amount_minor = 3000;
  create(big);
  create(draft("WOKONLY", wok));
  auto usd = draft("DOLLAR");
  usd.amount.currency = "USD";
  create(usd);
  const auto paused = create(draft("NAP"));
  must(service().change_status(luigi, paused.id, StatusAction::pause));

  EXPECT_EQ(refusal_of(basket("NOPE")), "No promotion has the code NOPE.");
  EXPECT_EQ(refusal_of(basket("LATER")), "The code LATER starts at 2026-11-29T09:10:00Z.");
  EXPECT_EQ(refusal_of(basket("OVER")), "The code OVER expired at 2026-11-28T09:09:00Z.");
  EXPECT_EQ(refusal_of(basket("FIRST")), "The code FIRST is for a first order only.");
  EXPECT_EQ(refusal_of(basket("BIG")), "The code BIG needs items of at least 30.00 EUR.");
  EXPECT_EQ(refusal_of(basket("WOKONLY")), "The code WOKONLY is not valid at this shop.");
  EXPECT_EQ(refusal_of(basket("DOLLAR")), "The code DOLLAR is for orders in USD.");
  EXPECT_EQ(refusal_of(basket("NAP")), "The code NAP is paused.");
  auto newcomer = basket("FIRST");
  newcomer.first_order = true;
  EXPECT_EQ(must(service().discounts(newcomer)).size(), 1U);
}

TEST_P(PromotionsServiceTest, StacksOneCodeWithTheBestAutomaticCampaign) {
  auto five = draft("");
  five.kind = std::string(kind_percentage);
  five.percent = 5;  // 1.43 off 28.50
  five.amount.amount_minor = 0;
  create(five);
  auto platform = draft("", "");
  platform.name = "Platform week";
  platform.amount.amount_minor = 250;
  create(platform);
  auto free = draft("FREEDEL");
  free.kind = std::string(kind_free_delivery);
  free.amount.amount_minor = 0;
  create(free);

  const auto got = must(service().discounts(basket("FREEDEL")));
  ASSERT_EQ(got.size(), 2U);
  EXPECT_EQ(got[0].amount.amount_minor, 199);
  EXPECT_EQ(got[1].label, "Platform week: 2.50 EUR off");
  EXPECT_EQ(got[1].funder, Funder::platform);
  const auto automatic_only = must(service().discounts(basket()));
  ASSERT_EQ(automatic_only.size(), 1U);
  EXPECT_EQ(automatic_only[0].amount.amount_minor, 250);
}

TEST_P(PromotionsServiceTest, DiscountsNeverTakeMoreThanTheItemsBeforeTax) {
  auto huge = draft("HUGE");
  huge.amount.amount_minor = 5000;
  create(huge);
  auto automatic = draft("");
  automatic.amount.amount_minor = 100;
  create(automatic);
  const auto got = must(service().discounts(basket("HUGE")));
  ASSERT_EQ(got.size(), 1U);  // nothing is left for the automatic campaign
  EXPECT_EQ(got[0].amount.amount_minor, 2591);
}

TEST_P(PromotionsServiceTest, PerUserLimitRedemptionCapAndBudgetHold) {
  auto once = draft("ONCE");
  once.per_user_limit = 1;
  create(once);
  auto two = draft("TWO");
  two.redemptions_max = 2;
  create(two);
  auto budget = draft("BUDGET");
  budget.budget = modules::Money{500, "EUR"};
  const auto budgeted = create(budget);

  ASSERT_TRUE(place("order-1", basket("ONCE")));
  EXPECT_EQ(refusal_of(basket("ONCE")), "You have used the code ONCE already.");
  EXPECT_TRUE(place("order-2", basket("ONCE", bob)));
  ASSERT_TRUE(place("order-3", basket("TWO")));
  ASSERT_TRUE(place("order-4", basket("TWO", bob)));
  EXPECT_EQ(refusal_of(basket("TWO")), "The code TWO is used up.");
  ASSERT_TRUE(place("order-5", basket("BUDGET")));
  EXPECT_EQ(refusal_of(basket("BUDGET", bob)), "The code BUDGET is used up.");
  const auto seen = stored(budgeted.id);
  EXPECT_EQ(seen.spent.amount_minor, 300);
  EXPECT_EQ(seen.redemptions, 1);
}

TEST_P(PromotionsServiceTest, RedeemRefusesWhatRanOutSinceTheQuote) {
  auto budget = draft("LAST");
  budget.budget = modules::Money{300, "EUR"};
  create(budget);
  const auto quoted_ada = must(service().discounts(basket("LAST")));
  const auto quoted_bob = must(service().discounts(basket("LAST", bob)));
  ASSERT_TRUE(db().write([&](store::Transaction& tx) {
    return service().redeem(tx, "order-1", basket("LAST"), quoted_ada);
  }));
  auto late = db().write([&](store::Transaction& tx) {
    return service().redeem(tx, "order-2", basket("LAST", bob), quoted_bob);
  });
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(late.error().detail, "The code LAST ran out while you ordered.");
}

TEST_P(PromotionsServiceTest, RedemptionsCountOnceAndOnlyWhenTheOrderCommits) {
  const auto code = create(draft("WELCOME3"));
  auto week = draft("", "");
  week.name = "Platform week";
  week.amount.amount_minor = 250;
  create(week);
  const auto& counted = platform().metrics.counter("promotions_redemptions_total",
                                                   "Discounts redeemed by placed orders");
  const auto quoted = must(service().discounts(basket("WELCOME3")));
  ASSERT_EQ(quoted.size(), 2U);
  // The order's transaction meets a serialization failure and runs again, as the database
  // runs any transaction that hits storage_busy.
  int attempts = 0;
  ASSERT_TRUE(db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(redeemed, service().redeem(tx, "order-1", basket("WELCOME3"), quoted));
    if (++attempts == 1) return fail(ErrorCode::storage_busy, "could not serialize access");
    return {};
  }));
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(counted.value(), 2.0);
  // An order written no further after its redemptions (the stock ran out) counts nothing.
  const auto quoted_bob = must(service().discounts(basket("WELCOME3", bob)));
  EXPECT_FALSE(db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(redeemed, service().redeem(tx, "order-2", basket("WELCOME3", bob), quoted_bob));
    return fail(ErrorCode::conflict, "an item sold out");
  }));
  EXPECT_EQ(counted.value(), 2.0);
  EXPECT_EQ(stored(code.id).redemptions, 1);
}

TEST_P(PromotionsServiceTest, ACalledOffOrderGivesItsRedemptionBack) {
  auto once = draft("ONCE");
  once.per_user_limit = 1;
  once.budget = modules::Money{300, "EUR"};
  const auto p = create(once);
  ASSERT_TRUE(place("order-1", basket("ONCE")));
  EXPECT_EQ(stored(p.id).spent, (modules::Money{300, "EUR"}));
  order_event(orders::events::order_cancelled, "order-1", "cancelled");
  order_event(orders::events::order_cancelled, "order-1", "cancelled");  // a redelivery
  const auto back = stored(p.id);
  EXPECT_EQ(back.spent.amount_minor, 0);
  EXPECT_EQ(back.redemptions, 0);
  EXPECT_TRUE(place("order-2", basket("ONCE")));
}

TEST_P(PromotionsServiceTest, PlatformFundedDiscountIsPaidToTheMerchantAndTakenBackOnRefund) {
  create(draft("PLATFORM", ""));
  create(draft("MERCHANT"));
  ASSERT_TRUE(place("order-1", basket("PLATFORM")));
  ASSERT_TRUE(place("order-2", basket("MERCHANT")));
  order_event(orders::events::order_delivered, "order-1", "delivered");
  order_event(orders::events::order_delivered, "order-2", "delivered");
  EXPECT_EQ(balance_of(AccountKind::promotions_expense), 300);
  EXPECT_EQ(balance_of(AccountKind::merchant_payable, luigi), -300);  // credit: owed to luigi
  order_event(orders::events::order_refunded, "order-1", "refunded");
  order_event(orders::events::order_refunded, "order-1", "refunded");
  EXPECT_EQ(balance_of(AccountKind::promotions_expense), 0);
  EXPECT_EQ(balance_of(AccountKind::merchant_payable, luigi), 0);
  EXPECT_TRUE(must(ledger::check(db())).empty());
}

TEST_P(PromotionsServiceTest, PausesResumesAndEndsACampaign) {
  const auto p = create(draft("RUN"));
  EXPECT_EQ(must(service().change_status(luigi, p.id, StatusAction::pause)).status, "paused");
  EXPECT_EQ(service().change_status(luigi, p.id, StatusAction::pause).error().code,
            ErrorCode::invalid_transition);
  EXPECT_EQ(must(service().change_status(luigi, p.id, StatusAction::resume)).status, "active");
  EXPECT_EQ(service().change_status(wok, p.id, StatusAction::end).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(must(service().change_status(luigi, p.id, StatusAction::end)).status, "ended");
  EXPECT_EQ(service().change_status(luigi, p.id, StatusAction::resume).error().code,
            ErrorCode::invalid_transition);
  EXPECT_EQ(refusal_of(basket("RUN")), "The code RUN has ended.");
  EXPECT_TRUE(service().create(mia, draft("RUN")));  // an ended promotion's code is free again
  EXPECT_EQ(service().create(mia, draft("run")).error().code, ErrorCode::conflict);
}

TEST_P(PromotionsServiceTest, RefusesRulesThatDoNotFitTheKind) {
  auto bad = draft("BAD!");
  bad.kind = std::string(kind_percentage);
  bad.percent = 0;
  bad.ends_at_us = bad.starts_at_us;
  auto refused = service().create(mia, bad);
  ASSERT_FALSE(refused);
  std::set<std::string> fields;
  for (const auto& f : refused.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"code", "percent", "ends_at"}));
}

INSTANTIATE_TEST_SUITE_P(Engines, PromotionsServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::promotions::testing
