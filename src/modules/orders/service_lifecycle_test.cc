// The order state machine on both engines: the merchant-delivery journey captures the payment
// with its shares and publishes what reviews reads; refusals of illegal moves say what is
// allowed; cancellations follow the refund policy and give the stock back; a hold release that
// fails is retried with backoff; unanswered orders are rejected after the timeout; the
// merchant's queue pages.
#include "reskflow/modules/utc_time.h"
#include "test_fixture.h"

namespace reskflow::orders::testing {
namespace {

using payments::IntentStatus;

class OrderLifecycleTest : public OrdersTest {
 protected:
  Result<Order> move(const Order& order, std::string_view next, Actor actor = Actor::merchant,
                     std::string reason = {}) {
    TransitionRequest r{std::string(next), actor, cook, std::move(reason), std::nullopt};
    if (next == status_accepted) r.prep_time_minutes = 20;
    if (actor == Actor::customer) r.user_id = order.customer_id;
    return service->transition(order.id, r);
  }
  IntentStatus payment_of(const Order& order) {
    return must(payments.intent(order.payment_intent_id)).status;
  }
};

TEST_P(OrderLifecycleTest, MerchantDeliveryCapturesThePaymentAndPublishesDelivered) {
  const auto order = place(ada.user_id);
  for (const auto next : {status_accepted, status_preparing, status_ready, status_picked_up}) {
    now += minute_us;
    EXPECT_EQ(must(move(order, next)).status, next);
  }
  EXPECT_EQ(payment_of(order), IntentStatus::authorized);
  now += minute_us;
  const auto delivered = must(move(order, status_delivered));
  EXPECT_EQ(payment_of(order), IntentStatus::captured);
  const auto shares = payments.settlement(order.payment_intent_id);
  ASSERT_TRUE(shares);
  EXPECT_EQ(shares->merchant, (modules::Money{2850 - 259, "EUR"}));
  EXPECT_EQ(shares->platform, (modules::Money{199 + 143, "EUR"}));
  EXPECT_EQ(shares->tax, (modules::Money{259, "EUR"}));
  EXPECT_EQ(shares->tip, (modules::Money{200, "EUR"}));
  ASSERT_EQ(delivered.timeline.size(), 6U);
  EXPECT_EQ(delivered.timeline[1].note, "20 min");
  EXPECT_EQ(delivered.timeline[5].at_us, now.load());
  EXPECT_EQ(event_types(order.id),
            (std::vector<std::string>{"orders.order.placed", "orders.order.accepted",
                                      "orders.order.preparing", "orders.order.ready",
                                      "orders.order.picked_up", "orders.order.delivered"}));
  const auto payload = last_event(order.id);
  EXPECT_EQ(payload.at("customer_id").as_string(), ada.user_id);
  EXPECT_EQ(payload.at("merchant_id").as_string(), "luigi");
  EXPECT_EQ(payload.at("delivered_at").as_string(), modules::iso_utc(now));
}

TEST_P(OrderLifecycleTest, WithPlatformDeliveryOnlyTheCourierCarriesTheOrder) {
  auto platform_mode = FakeCatalog::open_merchant("luigi", "Luigi's", {1500, "EUR"});
  platform_mode.prep_time_minutes = 15;
  catalog.add_merchant(platform_mode);
  catalog.add_item("luigi", {"soda", "Soda", 250, {}, false, false, 5, catalog::ColdRange{2, 8}});
  const auto order = place(ada.user_id);
  EXPECT_EQ(order.delivery_mode, "platform");
  EXPECT_FALSE(order.age_restricted);
  ASSERT_TRUE(move(order, status_accepted));
  const auto seen = must(service->delivery_order(order.id));
  EXPECT_EQ(seen.delivery_mode, "platform");
  EXPECT_EQ(seen.item_count, 3);
  EXPECT_EQ(seen.cold_min_c, 2);
  EXPECT_EQ(seen.cold_max_c, 8);
  EXPECT_EQ(seen.ready_at_us, now.load() + 20 * minute_us);
  EXPECT_EQ(seen.tip, (modules::Money{200, "EUR"}));
  // The merchant hands the order over, and no more; the courier walks it through ready.
  EXPECT_EQ(move(order, status_preparing)->status, status_preparing);
  EXPECT_EQ(move(order, status_picked_up).error().code, ErrorCode::invalid_transition);
  ASSERT_TRUE(service->courier_transition(order.id, status_picked_up, ""));
  ASSERT_TRUE(service->courier_transition(order.id, status_picked_up, ""));  // again: no change
  EXPECT_EQ(move(order, status_delivered).error().code, ErrorCode::invalid_transition);
  ASSERT_TRUE(service->courier_transition(order.id, status_delivered, ""));
  EXPECT_EQ(payment_of(order), IntentStatus::captured);
  EXPECT_EQ(must(service->get_any(order.id)).timeline.back().actor, "courier");
}

// The kitchen marks the order ready between the courier's read of it and the courier's own move
// through ready: the pickup still happens (it failed with a conflict, and a courier app that
// then retried its last step, as the simulator did, was refused for ever).
TEST_P(OrderLifecycleTest, ACourierPicksUpAnOrderTheKitchenMarksReadyAtTheSameMoment) {
  auto platform_mode = FakeCatalog::open_merchant("luigi", "Luigi's", {1500, "EUR"});
  catalog.add_merchant(platform_mode);
  const auto order = place(ada.user_id);
  ASSERT_TRUE(move(order, status_accepted));
  ASSERT_TRUE(move(order, status_preparing));
  bool kitchen_moved = false;
  at_next_clock_read = [&] { kitchen_moved = move(order, status_ready).has_value(); };
  const auto picked = service->courier_transition(order.id, status_picked_up, "");
  ASSERT_TRUE(picked) << picked.error().detail;
  EXPECT_TRUE(kitchen_moved);
  const auto after = must(service->get_any(order.id));
  EXPECT_EQ(after.status, status_picked_up);
  ASSERT_GE(after.timeline.size(), 2U);
  EXPECT_EQ(after.timeline[after.timeline.size() - 2].actor, "merchant");
  EXPECT_EQ(after.timeline.back().actor, "courier");
}

TEST_P(OrderLifecycleTest, TheCourierCannotMoveAMerchantDeliveryOrder) {
  const auto order = place(ada.user_id);
  ASSERT_TRUE(move(order, status_accepted));
  EXPECT_EQ(service->courier_transition(order.id, status_picked_up, "").error().code,
            ErrorCode::conflict);
}

TEST_P(OrderLifecycleTest, AnIllegalMoveNamesTheStateAndWhatIsAllowed) {
  const auto order = place(ada.user_id);
  const auto early = move(order, status_ready);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::invalid_transition);
  ASSERT_EQ(early.error().members.size(), 2U);
  EXPECT_EQ(early.error().members[0].value, "placed");
  EXPECT_EQ(early.error().members[1].value, "accepted, rejected, cancelled");
  must(move(order, status_accepted));
  const auto late = move(order, status_cancelled, Actor::customer);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().detail,
            "an order that is accepted cannot become cancelled or change any more here");
  EXPECT_EQ(move(order, status_accepted).error().code, ErrorCode::invalid_transition);
  auto stranger = TransitionRequest{"cancelled", Actor::customer, bob.user_id, "", std::nullopt};
  EXPECT_EQ(service->transition(order.id, stranger).error().code, ErrorCode::not_found);
  const auto no_reason = move(order, status_cancelled, Actor::merchant);
  EXPECT_TRUE(no_reason);  // the merchant's choice while preparing; a reason is optional
}

TEST_P(OrderLifecycleTest, CancellingBeforeAcceptanceReleasesTheHoldAndTheStock) {
  const auto order = place(ada.user_id);
  EXPECT_EQ(catalog.stock("luigi", "soda"), 4);
  const auto cancelled = must(move(order, status_cancelled, Actor::customer, "changed my mind"));
  EXPECT_EQ(cancelled.reason, "changed my mind");
  EXPECT_EQ(payment_of(order), IntentStatus::cancelled);
  EXPECT_EQ(catalog.stock("luigi", "soda"), 5);
  EXPECT_EQ(event_types(order.id).back(), "orders.order.cancelled");
  EXPECT_EQ(move(order, status_refunded, Actor::admin).error().code, ErrorCode::invalid_transition);
}

TEST_P(OrderLifecycleTest, RejectionNeedsAReasonAndAnAdminRefundsADeliveredOrder) {
  const auto rejected_order = place(ada.user_id);
  EXPECT_EQ(move(rejected_order, status_rejected).error().fields[0].field, "reason");
  must(move(rejected_order, status_rejected, Actor::merchant, "out of dough"));
  EXPECT_EQ(payment_of(rejected_order), IntentStatus::cancelled);
  const auto order = place(bob.user_id);
  for (const auto next :
       {status_accepted, status_preparing, status_ready, status_picked_up, status_delivered})
    must(move(order, next));
  EXPECT_EQ(move(order, status_refunded, Actor::merchant).error().code,
            ErrorCode::invalid_transition);  // after pickup only an admin decides
  const auto refunded = must(move(order, status_refunded, Actor::admin, "cold food"));
  EXPECT_EQ(refunded.status, "refunded");
  EXPECT_EQ(payment_of(order), IntentStatus::refunded);
}

TEST_P(OrderLifecycleTest, AFailedCaptureLeavesTheOrderWhereItWasAndARetrySucceeds) {
  const auto order = place(ada.user_id);
  for (const auto next : {status_accepted, status_preparing, status_ready, status_picked_up})
    must(move(order, next));
  payments.fail_next({ErrorCode::timeout, "the provider did not answer", {}, {}});
  EXPECT_EQ(move(order, status_delivered).error().code, ErrorCode::timeout);
  EXPECT_EQ(must(service->get_any(order.id)).status, "picked_up");
  EXPECT_EQ(must(move(order, status_delivered)).status, "delivered");
  EXPECT_EQ(payment_of(order), IntentStatus::captured);
}

TEST_P(OrderLifecycleTest, ACancellationStandsWhenTheHoldCannotBeReleasedAndTheJobRetries) {
  const auto order = place(ada.user_id);
  payments.fail_next({ErrorCode::timeout, "the provider did not answer", {}, {}});
  EXPECT_EQ(must(move(order, status_cancelled, Actor::customer)).status, "cancelled");
  EXPECT_EQ(metrics->payment_failures.value(), 1.0);
  EXPECT_EQ(payment_of(order), IntentStatus::authorized);
  EXPECT_EQ(catalog.stock("luigi", "soda"), 5);
  // Not due yet: the first retry waits hold_release_retry_ms.
  EXPECT_EQ(must(service->retry_releases(10)), 0);
  now += std::chrono::microseconds(settings.hold_release_retry_ms).count();
  EXPECT_EQ(must(service->retry_releases(10)), 1);
  EXPECT_EQ(payment_of(order), IntentStatus::cancelled);
  EXPECT_EQ(metrics->holds_released_on_retry.value(), 1.0);
  now += std::chrono::microseconds(settings.hold_release_retry_max_ms).count();
  EXPECT_EQ(must(service->retry_releases(10)), 0);  // released: nothing left to try
}

TEST_P(OrderLifecycleTest, AReleaseThatKeepsFailingIsRetriedLaterEachTime) {
  const auto order = place(ada.user_id);
  payments.fail_next({ErrorCode::unavailable, "the provider is down", {}, {}});
  must(move(order, status_rejected, Actor::merchant, "out of dough"));
  const auto first = std::chrono::microseconds(settings.hold_release_retry_ms).count();
  now += first;
  payments.fail_next({ErrorCode::unavailable, "the provider is down", {}, {}});
  EXPECT_EQ(must(service->retry_releases(10)), 1);
  EXPECT_EQ(payment_of(order), IntentStatus::authorized);
  now += first;  // the second retry waits twice as long as the first
  EXPECT_EQ(must(service->retry_releases(10)), 0);
  now += first;
  EXPECT_EQ(must(service->retry_releases(10)), 1);
  EXPECT_EQ(payment_of(order), IntentStatus::cancelled);
  EXPECT_EQ(metrics->payment_failures.value(), 2.0);
}

TEST_P(OrderLifecycleTest, AReleaseThatWorkedTheFirstTimeLeavesNothingToRetry) {
  const auto order = place(ada.user_id);
  must(move(order, status_cancelled, Actor::customer));
  EXPECT_EQ(payment_of(order), IntentStatus::cancelled);
  now += std::chrono::microseconds(settings.hold_release_retry_max_ms).count();
  EXPECT_EQ(must(service->retry_releases(10)), 0);
}

TEST_P(OrderLifecycleTest, RejectsOrdersTheMerchantDoesNotAnswerInTime) {
  const auto old_order = place(ada.user_id);
  now += settings.accept_timeout_s.count() * 1'000'000 / 2;
  const auto recent = place(bob.user_id);
  now += settings.accept_timeout_s.count() * 1'000'000 / 2 + 1;
  EXPECT_EQ(must(service->reject_unanswered(10)), 1);
  const auto rejected = must(service->get_any(old_order.id));
  EXPECT_EQ(rejected.status, "rejected");
  EXPECT_EQ(rejected.timeline.back().actor, "system");
  EXPECT_EQ(payment_of(old_order), IntentStatus::cancelled);
  EXPECT_EQ(must(service->get_any(recent.id)).status, "placed");
  EXPECT_EQ(metrics->auto_rejected.value(), 1.0);
}

TEST_P(OrderLifecycleTest, TheMerchantQueuePagesOldestFirstByStatus) {
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(place("0190a000-0000-7000-8000-00000000010" + std::to_string(i)).id);
    now += minute_us;
  }
  must(move(must(service->get_any(ids[1])), status_accepted));
  const auto first = must(service->merchant_queue("luigi", "", "", 2));
  ASSERT_EQ(first.orders.size(), 2U);
  EXPECT_EQ(first.orders[0].id, ids[0]);
  EXPECT_EQ(first.next_cursor, ids[1]);
  const auto second = must(service->merchant_queue("luigi", "", first.next_cursor, 2));
  ASSERT_EQ(second.orders.size(), 1U);
  EXPECT_EQ(second.next_cursor, "");
  const auto placed = must(service->merchant_queue("luigi", "placed", "", 20));
  ASSERT_EQ(placed.orders.size(), 2U);
  EXPECT_EQ(placed.orders[1].id, ids[2]);
  EXPECT_TRUE(must(service->merchant_queue("m0", "", "", 20)).orders.empty());
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Engines, OrderLifecycleTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace reskflow::orders::testing
