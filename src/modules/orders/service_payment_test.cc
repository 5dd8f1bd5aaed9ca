// Paying later, on both engines: a split group order enters the merchant's queue only once
// every participant's share is authorized, and releases every hold when the host cancels or the
// shares are not paid in time; delivery captures every share. A card that asks for a challenge
// leaves the order waiting until the challenge is done, failed or abandoned.
#include "test_fixture.h"

namespace reskflow::orders::testing {
namespace {

using payments::IntentStatus;
using payments::testing::card_challenge;
using payments::testing::card_declined;

class PayingLaterTest : public OrdersTest {
 protected:
  Order place_split() {
    auto request = checkout(group_cart());
    request.split = true;
    request.payment_method.clear();
    return must(service->place(ada, request));
  }
  Order place_with_challenge() {
    auto request = checkout(filled_cart(ada.user_id));
    request.payment_method = std::string(card_challenge);
    return must(service->place(ada, request));
  }
  IntentStatus intent_status(const std::string& intent_id) {
    return must(payments.intent(intent_id)).status;
  }
  std::size_t queued() { return must(service->merchant_queue("luigi", "", "", 10)).orders.size(); }
  Result<Order> cancel(const Order& order, const Caller& who) {
    return service->transition(
        order.id, {std::string(status_cancelled), Actor::customer, who.user_id, "", std::nullopt});
  }
};

TEST_P(PayingLaterTest, ASplitOrderIsPlacedOnlyWhenEveryShareIsAuthorized) {
  const auto order = place_split();
  EXPECT_EQ(order.status, status_awaiting_payment);
  EXPECT_EQ(order.payment_mode, payment_split);
  ASSERT_EQ(order.shares.size(), 2U);
  // 33.92 in all (docs/orders.md's worked example): 5.42 of fees and tip shared by items.
  EXPECT_EQ(order.shares[0].user_id, ada.user_id);
  EXPECT_EQ(order.shares[0].amount.amount_minor, 2600 + 494);
  EXPECT_EQ(order.shares[1].display_name, "Bob");
  EXPECT_EQ(order.shares[1].amount.amount_minor, 250 + 48);
  EXPECT_EQ(order.price.total.amount_minor, 3392);
  EXPECT_EQ(queued(), 0U);
  EXPECT_EQ(catalog.stock("luigi", "soda"), 4);  // held for the order meanwhile

  const auto bob_paid = must(service->pay_share(bob, order.id, card));
  EXPECT_EQ(bob_paid.status, status_awaiting_payment);
  EXPECT_EQ(bob_paid.shares[1].status, "authorized");
  EXPECT_EQ(bob_paid.shares[0].status, "pending");
  EXPECT_EQ(queued(), 0U);

  now += minute_us;
  const auto placed = must(service->pay_share(ada, order.id, card));
  EXPECT_EQ(placed.status, status_placed);
  EXPECT_FALSE(placed.payment_due_us);
  EXPECT_EQ(placed.queue_at_us, now.load());
  EXPECT_EQ(queued(), 1U);
  EXPECT_EQ(event_types(order.id),
            (std::vector<std::string>{"orders.order.awaiting_payment", "orders.order.placed"}));
  for (const auto& share : placed.shares)
    EXPECT_EQ(intent_status(share.intent_id), IntentStatus::authorized);
  const auto again = service->pay_share(bob, order.id, card);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::invalid_transition);
}

TEST_P(PayingLaterTest, ADeclinedShareSaysWhyAndCanBePaidWithAnotherCard) {
  const auto order = place_split();
  const auto declined = service->pay_share(bob, order.id, std::string(card_declined));
  ASSERT_FALSE(declined);
  EXPECT_EQ(declined.error().code, ErrorCode::payment_declined);
  const auto seen = must(service->get(ada, order.id));
  EXPECT_EQ(seen.shares[1].status, "failed");
  EXPECT_EQ(seen.shares[1].decline_reason, declined.error().detail);
  EXPECT_EQ(seen.status, status_awaiting_payment);
  EXPECT_EQ(must(service->pay_share(bob, order.id, card)).shares[1].status, "authorized");
}

TEST_P(PayingLaterTest, ParticipantsSeeTheOrderButOnlyTheHostChangesIt) {
  const auto order = place_split();
  const Caller eve{"0190a000-0000-7000-8000-00000000000e", false};
  EXPECT_EQ(must(service->get(bob, order.id)).id, order.id);
  EXPECT_EQ(service->get(eve, order.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(service->pay_share(eve, order.id, card).error().code, ErrorCode::not_found);
  EXPECT_EQ(cancel(order, bob).error().code, ErrorCode::not_found);
  ModificationRequest more{{LineChange{0, "", 3, {}, ""}}};
  EXPECT_EQ(service->modify(bob, order.id, more).error().code, ErrorCode::not_found);
  EXPECT_EQ(must(service->order_of_cart(bob, order.cart_id)).orders.size(), 1U);
  EXPECT_TRUE(must(service->order_of_cart(eve, order.cart_id)).orders.empty());
}

TEST_P(PayingLaterTest, TheHostCancellingReleasesEveryShareAndTheStock) {
  const auto order = place_split();
  const auto paid = must(service->pay_share(bob, order.id, card));
  const auto cancelled = must(cancel(order, ada));
  EXPECT_EQ(cancelled.status, status_cancelled);
  EXPECT_EQ(intent_status(paid.shares[1].intent_id), IntentStatus::cancelled);
  EXPECT_EQ(catalog.stock("luigi", "soda"), 5);
  EXPECT_EQ(service->pay_share(ada, order.id, card).error().code, ErrorCode::invalid_transition);
}

TEST_P(PayingLaterTest, SharesNotPaidInTimeAreReleasedByTheJob) {
  const auto order = place_split();
  const auto paid = must(service->pay_share(bob, order.id, card));
  now += 14 * minute_us;
  EXPECT_EQ(must(service->expire_unpaid(10)), 0);
  now += 2 * minute_us;  // past the 15 minutes
  EXPECT_EQ(must(service->expire_unpaid(10)), 1);
  const auto expired = must(service->get(ada, order.id));
  EXPECT_EQ(expired.status, status_cancelled);
  EXPECT_EQ(expired.reason, "the payment was not completed in time");
  EXPECT_EQ(intent_status(paid.shares[1].intent_id), IntentStatus::cancelled);
  EXPECT_EQ(catalog.stock("luigi", "soda"), 5);
  EXPECT_EQ(event_types(order.id).back(), "orders.order.cancelled");
}

TEST_P(PayingLaterTest, DeliveryCapturesEveryShareWithItsPartOfTheSettlement) {
  const auto order = place_split();
  must(service->pay_share(bob, order.id, card));
  const auto placed = must(service->pay_share(ada, order.id, card));
  for (const auto next :
       {status_accepted, status_preparing, status_ready, status_picked_up, status_delivered}) {
    TransitionRequest r{std::string(next), Actor::merchant, cook, "", std::nullopt};
    if (next == status_accepted) r.prep_time_minutes = 20;
    ASSERT_TRUE(service->transition(order.id, r));
  }
  payments::Settlement sum{{0, "EUR"}, {0, "EUR"}, {0, "EUR"}, {0, "EUR"}};
  for (const auto& share : placed.shares) {
    const auto intent = must(payments.intent(share.intent_id));
    EXPECT_EQ(intent.status, IntentStatus::captured);
    EXPECT_EQ(intent.captured, share.amount);
    const auto part = *payments.settlement(share.intent_id);
    sum.merchant.amount_minor += part.merchant.amount_minor;
    sum.platform.amount_minor += part.platform.amount_minor;
    sum.tax.amount_minor += part.tax.amount_minor;
    sum.tip.amount_minor += part.tip.amount_minor;
  }
  EXPECT_EQ(sum.merchant.amount_minor, 2850 - 259);
  EXPECT_EQ(sum.platform.amount_minor, 199 + 143);
  EXPECT_EQ(sum.tax.amount_minor, 259);
  EXPECT_EQ(sum.tip.amount_minor, 200);
  const auto refunded = must(service->transition(
      order.id, {std::string(status_refunded), Actor::admin, "", "cold pizza", std::nullopt}));
  EXPECT_EQ(refunded.status, status_refunded);
  for (const auto& share : placed.shares)
    EXPECT_EQ(intent_status(share.intent_id), IntentStatus::refunded);
}

TEST_P(PayingLaterTest, OnlyAGroupCartCanBeSplit) {
  auto request = checkout(filled_cart(ada.user_id));
  request.split = true;
  const auto refused = service->place(ada, request);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "split");
  EXPECT_EQ(catalog.stock("luigi", "soda"), 5);
}

TEST_P(PayingLaterTest, AChallengedCardWaitsAndTheCompletedChallengePlacesTheOrder) {
  const auto order = place_with_challenge();
  EXPECT_EQ(order.status, status_awaiting_payment);
  ASSERT_EQ(order.shares.size(), 1U);
  EXPECT_EQ(order.shares[0].status, "requires_action");
  EXPECT_EQ(order.shares[0].intent_id, order.payment_intent_id);
  EXPECT_FALSE(order.shares[0].challenge_url.empty());
  EXPECT_EQ(queued(), 0U);
  EXPECT_EQ(must(service->settle_payment(order.id)).status, status_awaiting_payment);

  must(payments.complete_challenge(order.payment_intent_id, true));
  const auto placed = must(service->settle_payment(order.id));
  EXPECT_EQ(placed.status, status_placed);
  EXPECT_EQ(placed.shares[0].status, "authorized");
  EXPECT_EQ(placed.timeline.back().actor, "system");
  EXPECT_EQ(queued(), 1U);
  EXPECT_EQ(must(service->settle_payment(order.id)).version, placed.version);  // done once
}

TEST_P(PayingLaterTest, AFailedChallengeCancelsTheOrderAndGivesTheStockBack) {
  const auto order = place_with_challenge();
  EXPECT_EQ(catalog.stock("luigi", "soda"), 4);
  must(payments.complete_challenge(order.payment_intent_id, false));
  const auto cancelled = must(service->settle_payment(order.id));
  EXPECT_EQ(cancelled.status, status_cancelled);
  EXPECT_EQ(cancelled.reason, "the card's verification failed");
  EXPECT_EQ(catalog.stock("luigi", "soda"), 5);
}

TEST_P(PayingLaterTest, AnAbandonedChallengeExpiresAndReleasesTheHold) {
  const auto order = place_with_challenge();
  now += 16 * minute_us;
  EXPECT_EQ(must(service->expire_unpaid(10)), 1);
  EXPECT_EQ(must(service->get(ada, order.id)).status, status_cancelled);
  EXPECT_EQ(intent_status(order.payment_intent_id), IntentStatus::cancelled);
  EXPECT_EQ(must(service->expire_unpaid(10)), 0);
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Engines, PayingLaterTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace reskflow::orders::testing
