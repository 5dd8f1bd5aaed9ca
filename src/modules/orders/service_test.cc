// Checkout on both engines: an order from a cart with its server-side price, stock reserved,
// payment authorized and the cart checked out, all or nothing; the refusals (declined card,
// sold out, foreign cart, outside the zone, closed, bad schedule) change nothing; quotes that
// expired or changed answer with the new total in plain words.
#include "test_fixture.h"

namespace reskflow::orders::testing {
namespace {

using payments::IntentStatus;

TEST_P(OrdersTest, PlacesAnOrderFromACartAtTheServersPrice) {
  const auto cart_id = filled_cart(ada.user_id);
  const auto order = must(service->place(ada, checkout(cart_id)));
  EXPECT_EQ(order.status, "placed");
  ASSERT_EQ(order.lines.size(), 2U);
  EXPECT_EQ(order.lines[0].options, std::vector<std::string>{"Large"});
  EXPECT_EQ(order.lines[0].option_ids, std::vector<std::string>{"large"});  // to order it again
  EXPECT_EQ(must(service->get(ada, order.id)).lines[0].option_ids, order.lines[0].option_ids);
  EXPECT_EQ(order.price.items, (modules::Money{2 * 1300 + 250, "EUR"}));
  EXPECT_EQ(order.price.tax, (modules::Money{259, "EUR"}));  // included: 2850 - 2850 / 1.1
  EXPECT_EQ(order.price.total, (modules::Money{2850 + 199 + 143 + 200, "EUR"}));
  EXPECT_EQ(order.delivery.instructions, "Code 1234");
  EXPECT_TRUE(order.delivery.leave_at_door);
  const auto cart = must(carts_module->carts().priced_cart(cart_id));
  EXPECT_EQ(cart.status, "checked_out");
  EXPECT_EQ(catalog.stock("luigi", "soda"), 4);
  const auto intent = must(payments.intent(order.payment_intent_id));
  EXPECT_EQ(intent.status, IntentStatus::authorized);
  EXPECT_EQ(intent.amount, order.price.total);
  EXPECT_EQ(event_types(order.id), std::vector<std::string>{"orders.order.placed"});
  const auto read = must(service->get(ada, order.id));
  EXPECT_EQ(read.price.total, order.price.total);
  ASSERT_EQ(read.timeline.size(), 1U);
  EXPECT_EQ(read.timeline[0].status, "placed");
  EXPECT_EQ(service->get(bob, order.id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(service->get({bob.user_id, true}, order.id));  // an admin
}

// Each order is priced with the merchant's orders waiting before it: the first one free, then
// ×1.5, then ×2, the maximum, which more waiting orders keep (checkout counts only up to there).
TEST_P(OrdersTest, TheDeliveryFeeFollowsTheOrdersWaitingAtTheMerchant) {
  settings.pricing.demand_free_orders = 1;
  settings.pricing.demand_step_permille = 500;
  settings.pricing.demand_multiplier_max_permille = 2000;
  build_service();
  std::vector<std::int64_t> fees;
  for (const char last : {'1', '2', '3', '4', '5'}) {
    const auto order = place(std::string("0190a000-0000-7000-8000-0000000000d") + last);
    for (const auto& step : order.price.steps) {
      if (step.kind == "delivery_fee") fees.push_back(step.amount.amount_minor);
    }
  }
  EXPECT_EQ(fees, (std::vector<std::int64_t>{199, 199, 299, 398, 398}));
}

TEST_P(OrdersTest, AMemberPaysNoDeliveryFeeOverTheThresholdAndTheReducedServiceFee) {
  subscriptions.set_member(ada.user_id, {"plan-1", "Plus", {2000, "EUR"}, 250});
  const auto order = must(service->place(ada, checkout(filled_cart(ada.user_id))));
  ASSERT_GE(order.price.steps.size(), 4U);
  EXPECT_EQ(order.price.steps[2].label, "Member: free delivery");
  EXPECT_EQ(order.price.steps[2].amount, (modules::Money{0, "EUR"}));
  EXPECT_EQ(order.price.steps[3].label, "Service fee (member rate)");
  EXPECT_EQ(order.price.steps[3].amount, (modules::Money{71, "EUR"}));  // 2.5 % of 28.50
  EXPECT_EQ(order.price.total, (modules::Money{2850 + 71 + 200, "EUR"}));
  // A quote made as a member and placed after the membership lapsed tells what changed.
  const auto cart_id = filled_cart(ada.user_id);
  auto request = checkout(cart_id);
  request.quote_id = must(service->quote(ada, request)).id;
  subscriptions.clear_member(ada.user_id);
  const auto changed = service->place(ada, request);
  ASSERT_FALSE(changed);
  EXPECT_NE(changed.error().detail.find("Delivery fee went from 0.00 EUR to 1.99 EUR."),
            std::string::npos);
}

TEST_P(OrdersTest, ADeclinedCardPlacesNoOrderAndLeavesTheCartOpen) {
  const auto cart_id = filled_cart(ada.user_id);
  auto request = checkout(cart_id);
  request.payment_method = std::string(payments::testing::card_declined);
  const auto declined = service->place(ada, request);
  ASSERT_FALSE(declined);
  EXPECT_EQ(declined.error().code, ErrorCode::payment_declined);
  EXPECT_EQ(declined.error().detail, "the card was declined");
  EXPECT_EQ(must(carts_module->carts().priced_cart(cart_id)).status, "open");
  EXPECT_EQ(catalog.stock("luigi", "soda"), 5);
  EXPECT_TRUE(must(service->list({ada.user_id, "", "", {}, "", false, 20})).orders.empty());
  request.payment_method = card;
  EXPECT_TRUE(service->place(ada, request));
}

TEST_P(OrdersTest, ASoldOutLineRefusesTheOrderNamingTheItem) {
  const auto cart_id = filled_cart(ada.user_id);
  catalog.set_stock("luigi", "soda", 0);
  const auto refused = service->place(ada, checkout(cart_id));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(refused.error().detail, "Soda: This item is sold out. Remove it to order the rest.");
  ASSERT_EQ(refused.error().members.size(), 1U);
  EXPECT_EQ(refused.error().members[0].value, "soda");
  EXPECT_EQ(payments.authorizations(), 0);
}

TEST_P(OrdersTest, TheLastItemGoneWhileAuthorizingRefusesTheOrderAndReleasesTheHold) {
  const auto cart_id = filled_cart(ada.user_id);
  payments.during_next_authorize([this] { catalog.set_stock("luigi", "soda", 0); });
  const auto refused = service->place(ada, checkout(cart_id));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(refused.error().detail, "Soda is sold out");
  EXPECT_EQ(refused.error().members[0].value, "soda");
  EXPECT_EQ(must(carts_module->carts().priced_cart(cart_id)).status, "open");
  EXPECT_EQ(metrics->holds_released_after_failure.value(), 1.0);
  EXPECT_EQ(payments.authorizations(), 1);
  EXPECT_TRUE(must(service->list({ada.user_id, "", "", {}, "", false, 20})).orders.empty());
}

TEST_P(OrdersTest, RefusesBadCheckoutsWithAProblemAndChangesNothing) {
  const auto cart_id = filled_cart(ada.user_id);
  const auto field_of = [&](CheckoutRequest r, const Caller& who = {}) {
    auto placed = service->place(who.user_id.empty() ? ada : who, r);
    if (placed) return std::string("placed");
    return placed.error().fields.empty() ? placed.error().detail : placed.error().fields[0].field;
  };
  auto far = checkout(cart_id);
  far.delivery.point = {48.0, 2.0};
  EXPECT_EQ(field_of(far), "delivery.point");
  auto greedy = checkout(cart_id);
  greedy.tip_minor = settings.tip_minor_max + 1;
  EXPECT_EQ(field_of(greedy), "tip_minor");
  auto soon = checkout(cart_id);
  soon.scheduled_for_us = now + 10 * minute_us;  // under the 15 minutes of preparation
  EXPECT_EQ(field_of(soon), "scheduled_for");
  EXPECT_EQ(field_of(checkout(cart_id), bob), "no such cart");
  EXPECT_EQ(field_of(checkout("0190ffff-0000-7000-8000-000000000000")), "no such cart");
  auto paused = FakeCatalog::open_merchant("luigi", "Luigi's", {1500, "EUR"});
  paused.open_now = false;
  catalog.add_merchant(paused);
  EXPECT_EQ(field_of(checkout(cart_id)),
            "Luigi's is closed now; schedule the order for when it is open");
  auto later = checkout(cart_id);
  later.scheduled_for_us = now + 60 * minute_us;
  EXPECT_EQ(field_of(later), "placed");
  EXPECT_EQ(payments.authorizations(), 1);
}

TEST_P(OrdersTest, AScheduledOrderEntersTheQueueItsPrepTimeAhead) {
  auto request = checkout(filled_cart(ada.user_id));
  request.scheduled_for_us = now + 120 * minute_us;
  const auto order = must(service->place(ada, request));
  EXPECT_EQ(order.queue_at_us, now + 105 * minute_us);
  EXPECT_TRUE(must(service->merchant_queue("luigi", "", "", 20)).orders.empty());
  now += 105 * minute_us;
  EXPECT_EQ(must(service->merchant_queue("luigi", "", "", 20)).orders.size(), 1U);
}

TEST_P(OrdersTest, AnExpiredOrChangedQuoteAnswersWithTheNewTotal) {
  const auto cart_id = filled_cart(ada.user_id);
  const auto quote = must(service->quote(ada, checkout(cart_id)));
  EXPECT_EQ(quote.price.total, (modules::Money{3392, "EUR"}));
  auto request = checkout(cart_id);
  request.quote_id = quote.id;
  catalog.set_price("soda", 300);
  const auto changed = service->place(ada, request);
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().code, ErrorCode::conflict);
  EXPECT_EQ(changed.error().detail,
            "The price changed. Items went from 28.50 EUR to 29.00 EUR. Tax went from 2.59 EUR "
            "to 2.64 EUR. Service fee went from 1.43 EUR to 1.45 EUR. The total is now 34.44 EUR "
            "(was 33.92 EUR). Check the new total and order again.");
  std::map<std::string, std::string> members;
  for (const auto& m : changed.error().members) members[m.name] = m.value;
  EXPECT_EQ(members["total_minor"], "3444");
  request.quote_id = members["quote_id"];
  now += settings.quote_ttl_s.count() * 1'000'000 + 1;
  const auto expired = service->place(ada, request);
  ASSERT_FALSE(expired);
  EXPECT_TRUE(expired.error().detail.starts_with("Your quote expired."));
  std::string fresh;
  for (const auto& m : expired.error().members) {
    if (m.name == "quote_id") fresh = m.value;
  }
  request.quote_id = fresh;
  EXPECT_EQ(must(service->place(ada, request)).price.total, (modules::Money{3444, "EUR"}));
}

}  // namespace

TEST_P(OrdersTest, APromotionCodeIsADiscountStepRedeemedWithTheOrder) {
  promotions.set_discounts(
      "WELCOME",
      {{"p1", "Code WELCOME: 3.00 EUR off", {300, "EUR"}, promotions::Funder::merchant}});
  auto request = checkout(filled_cart(ada.user_id));
  request.promotion_code = "WELCOME";
  const auto quoted = must(service->quote(ada, request));
  const auto& steps = quoted.price.steps;
  ASSERT_GE(steps.size(), 2U);
  EXPECT_EQ(steps[steps.size() - 2].kind, "discount");
  EXPECT_EQ(steps[steps.size() - 2].label, "Code WELCOME: 3.00 EUR off");
  EXPECT_EQ(steps[steps.size() - 2].amount, (modules::Money{-300, "EUR"}));
  EXPECT_EQ(steps.back().kind, "tip");
  EXPECT_EQ(quoted.price.total, (modules::Money{2850 + 199 + 143 - 300 + 200, "EUR"}));
  request.quote_id = quoted.id;
  const auto order = must(service->place(ada, request));
  EXPECT_EQ(order.price.total, quoted.price.total);
  EXPECT_EQ(must(payments.intent(order.payment_intent_id)).amount, order.price.total);
  EXPECT_EQ(promotions.redeemed(), std::vector<std::string>{order.id});
  const auto stored = must(service->get(ada, order.id)).price.steps;
  ASSERT_EQ(stored.size(), order.price.steps.size());
  EXPECT_EQ(stored[stored.size() - 2].label, "Code WELCOME: 3.00 EUR off");
  EXPECT_EQ(stored[stored.size() - 2].amount, (modules::Money{-300, "EUR"}));
}

TEST_P(OrdersTest, ARefusedCodeAnswersWithItsReasonAndPlacesNothing) {
  auto request = checkout(filled_cart(ada.user_id));
  request.promotion_code = "NOPE";
  for (const auto& refused :
       {service->quote(ada, request).error(), service->place(ada, request).error()}) {
    EXPECT_EQ(refused.code, ErrorCode::validation_failed);
    EXPECT_EQ(refused.detail, "No promotion has the code NOPE.");
    ASSERT_EQ(refused.fields.size(), 1U);
    EXPECT_EQ(refused.fields[0].field, "promotion_code");
  }
  EXPECT_EQ(payments.authorizations(), 0);

  promotions.set_discounts(
      "LAST", {{"p2", "Code LAST: 3.00 EUR off", {300, "EUR"}, promotions::Funder::platform}});
  const std::string ran_out = "The code LAST ran out while you ordered.";
  promotions.fail_next_redeem(
      {ErrorCode::validation_failed, ran_out, {{"promotion_code", ran_out}}, {}});
  request.promotion_code = "LAST";
  const auto late = service->place(ada, request);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().detail, ran_out);
  EXPECT_EQ(metrics->holds_released_after_failure.value(), 1.0);
  EXPECT_EQ(must(carts_module->carts().priced_cart(request.cart_id)).status, "open");
  EXPECT_TRUE(must(service->list({ada.user_id, "", "", {}, "", false, 20})).orders.empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, OrdersTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace reskflow::orders::testing
