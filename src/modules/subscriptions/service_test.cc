// Subscribing on both engines: the first month is captured at once as the platform's revenue, a
// declined or challenging card keeps nothing, one live subscription per customer, cancelling at
// the period's end, resuming, members' benefits, and admins' plans.
#include "test_fixture.h"

namespace reskflow::subscriptions::testing {
namespace {

class SubscriptionsServiceTest : public SubscriptionsFixture {};

TEST_P(SubscriptionsServiceTest, SubscribingCapturesTheFirstMonthAsPlatformRevenue) {
  const auto s = subscribed();
  EXPECT_EQ(s.status, status_active);
  EXPECT_EQ(s.period_number, 0);
  EXPECT_EQ(modules::iso_utc(s.period_start_us), "2026-11-28T09:10:00Z");
  EXPECT_EQ(modules::iso_utc(s.period_end_us), "2026-12-28T09:10:00Z");
  EXPECT_EQ(s.next_renewal_at_us, s.period_end_us);
  const auto periods = must(service().periods(s.id));
  ASSERT_EQ(periods.size(), 1U);
  EXPECT_EQ(periods[0].status, period_paid);
  const auto intent = must(payments_module->payments().intent(periods[0].intent_id));
  EXPECT_EQ(intent.status, payments::IntentStatus::captured);
  EXPECT_EQ(intent.captured, eur(999));
  EXPECT_EQ(intent.order_id, payment_reference(s.id, 0));
  EXPECT_EQ(revenue(), eur(999));
  EXPECT_EQ(published_types(), std::vector<std::string>{std::string(events::subscription_started)});
  EXPECT_TRUE(ledger::check(db()).value().empty());
  EXPECT_TRUE(payments::check(db()).value().empty());
}

TEST_P(SubscriptionsServiceTest, ADeclinedCardKeepsNothing) {
  auto refused = service().subscribe(ada, plus.id, std::string(declined_card));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::payment_declined);
  EXPECT_FALSE(refused.error().detail.empty());
  EXPECT_EQ(service().mine(ada).error().code, ErrorCode::not_found);
  EXPECT_EQ(revenue(), eur(0));
  EXPECT_TRUE(published_types().empty());
  // Another card may be tried at once.
  EXPECT_EQ(subscribed().status, status_active);
}

TEST_P(SubscriptionsServiceTest, ACardAskingForAChallengeIsRefusedAndItsHoldReleased) {
  auto refused = service().subscribe(ada, plus.id, std::string(challenge_card));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::payment_declined);
  EXPECT_NE(refused.error().detail.find("confirmation step"), std::string::npos);
  std::string intent_id;
  for (const auto& m : refused.error().members) {
    if (m.name == "intent_id") intent_id = m.value;
  }
  EXPECT_EQ(must(payments_module->payments().intent(intent_id)).status,
            payments::IntentStatus::cancelled);
  EXPECT_EQ(service().mine(ada).error().code, ErrorCode::not_found);
}

TEST_P(SubscriptionsServiceTest, OneLiveSubscriptionPerCustomer) {
  subscribed();
  auto again = service().subscribe(ada, plus.id, std::string(good_card));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(revenue(), eur(999));
  EXPECT_EQ(subscribed(bob).customer_id, bob);
}

TEST_P(SubscriptionsServiceTest, APlanOffSaleCannotBeSubscribed) {
  must(service().update_plan(plus.id, {.active = false}));
  auto refused = service().subscribe(ada, plus.id, std::string(good_card));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::not_found);
  EXPECT_TRUE(must(service().plans(false)).empty());
  EXPECT_EQ(must(service().plans(true)).size(), 1U);
}

TEST_P(SubscriptionsServiceTest, ASubscribeCutShortIsFinishedByItsRetryWithoutChargingTwice) {
  // The first attempt authorized and captured, then the process died before recording it.
  const auto s = subscribed();
  ASSERT_TRUE(db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(n, tx.exec("UPDATE subscriptions_subscriptions SET status = 'incomplete'"));
    RF_TRY(m, tx.exec("UPDATE subscriptions_periods SET status = 'pending'"));
    return {};
  }));
  const auto retried = subscribed();
  EXPECT_EQ(retried.id, s.id);
  EXPECT_EQ(retried.status, status_active);
  EXPECT_EQ(revenue(), eur(999));
  EXPECT_TRUE(payments::check(db()).value().empty());
}

TEST_P(SubscriptionsServiceTest, MembersGetTheirPlansBenefitsWhileActive) {
  EXPECT_FALSE(must(service().benefits_of(ada)));
  subscribed();
  const auto benefits = must(service().benefits_of(ada));
  ASSERT_TRUE(benefits);
  EXPECT_EQ(benefits->plan_name, "Plus");
  EXPECT_EQ(benefits->free_delivery_threshold, eur(1500));
  EXPECT_EQ(benefits->service_fee_bp, 250);
  EXPECT_FALSE(must(service().benefits_of(bob)));
}

TEST_P(SubscriptionsServiceTest, CancellingKeepsTheBenefitsUntilThePeriodEnds) {
  const auto s = subscribed();
  const auto cancelled = must(service().cancel(ada));
  EXPECT_TRUE(cancelled.cancel_at_period_end);
  EXPECT_EQ(cancelled.status, status_active);
  EXPECT_TRUE(must(service().cancel(ada)).cancel_at_period_end);  // twice changes nothing
  EXPECT_TRUE(must(service().benefits_of(ada)));
  EXPECT_EQ(renew_at(s.period_end_us - 1), 0);
  EXPECT_EQ(renew_at(s.period_end_us), 1);
  const auto ended = must(service().mine(ada));
  EXPECT_EQ(ended.status, status_ended);
  EXPECT_EQ(ended.ended_at_us, s.period_end_us);
  EXPECT_FALSE(must(service().benefits_of(ada)));
  EXPECT_EQ(revenue(), eur(999));  // never billed again
  EXPECT_EQ(published_types(),
            (std::vector<std::string>{std::string(events::subscription_started),
                                      std::string(events::subscription_cancelled),
                                      std::string(events::subscription_ended)}));
  EXPECT_EQ(service().resume(ada).error().code, ErrorCode::invalid_transition);
  EXPECT_EQ(service().cancel(ada).error().code, ErrorCode::not_found);
  EXPECT_EQ(subscribed().status, status_active);  // subscribing again starts a new one
}

TEST_P(SubscriptionsServiceTest, ResumingBeforeTheEndKeepsItRenewing) {
  const auto s = subscribed();
  must(service().cancel(ada));
  const auto resumed = must(service().resume(ada));
  EXPECT_FALSE(resumed.cancel_at_period_end);
  EXPECT_EQ(renew_at(s.period_end_us), 1);
  EXPECT_EQ(must(service().mine(ada)).period_number, 1);
  EXPECT_EQ(revenue(), eur(2 * 999));
}

TEST_P(SubscriptionsServiceTest, PlansAreValidatedAndChangedByTheFieldsGiven) {
  auto bad = service().create_plan({"", eur(0), eur(-1), 10'001, true});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(bad.error().fields.size(), 4U);
  const auto changed = must(service().update_plan(plus.id, {.price_minor = 1299}));
  EXPECT_EQ(changed.price, eur(1299));
  EXPECT_EQ(changed.name, "Plus");
  EXPECT_EQ(service().update_plan("nope", {}).error().code, ErrorCode::not_found);
}

INSTANTIATE_TEST_SUITE_P(Engines, SubscriptionsServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::subscriptions::testing
