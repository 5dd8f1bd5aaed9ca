// The renewal job on both engines with a manual clock: each calendar month billed once when the
// period ends, never twice (a second run, a restart, a crash after the capture), a declined
// renewal retried after 1 day and 3 days, then ended, and a late success that restores it; a
// cancellation made while a renewal is charged is kept and the month refunded.
#include "capture_then.h"
#include "test_fixture.h"

namespace reskflow::subscriptions::testing {
namespace {

class RenewalsTest : public SubscriptionsFixture {
 protected:
  // The module again over payments that run `then` right after the next capture.
  void capture_then(std::function<void()> then) {
    wrapped = std::make_unique<payments::testing::CaptureThen>(payments_module->payments(),
                                                               std::move(then));
    module.reset();
    module = std::make_unique<SubscriptionsModuleImpl>(platform(), Deps{*wrapped}, settings,
                                                       clock.clock());
  }

  std::unique_ptr<payments::testing::CaptureThen> wrapped;
};

TEST_P(RenewalsTest, RenewsEachCalendarMonthWhenThePeriodEnds) {
  const auto s = subscribed();
  EXPECT_EQ(renew_at(s.period_end_us - 1), 0);
  EXPECT_EQ(renew_at(s.period_end_us), 1);
  auto now = must(service().mine(ada));
  EXPECT_EQ(now.period_number, 1);
  EXPECT_EQ(modules::iso_utc(now.period_start_us), "2026-12-28T09:10:00Z");
  EXPECT_EQ(modules::iso_utc(now.period_end_us), "2027-01-28T09:10:00Z");
  EXPECT_EQ(revenue(), eur(2 * 999));
  EXPECT_EQ(renew_at(now.period_end_us), 1);
  now = must(service().mine(ada));
  EXPECT_EQ(modules::iso_utc(now.period_end_us), "2027-02-28T09:10:00Z");
  EXPECT_EQ(revenue(), eur(3 * 999));
  EXPECT_EQ(must(service().periods(s.id)).size(), 3U);
  EXPECT_EQ(published_types().back(), events::subscription_renewed);
  EXPECT_TRUE(ledger::check(db()).value().empty());
  EXPECT_TRUE(payments::check(db()).value().empty());
}

TEST_P(RenewalsTest, ARenewalRunAgainOrAfterARestartNeverBillsTwice) {
  const auto s = subscribed();
  EXPECT_EQ(renew_at(s.period_end_us), 1);
  EXPECT_EQ(renew_at(s.period_end_us + 1), 0);
  restart();
  EXPECT_EQ(renew_at(s.period_end_us + 2), 0);
  EXPECT_EQ(revenue(), eur(2 * 999));
}

TEST_P(RenewalsTest, ACrashAfterTheCaptureIsFinishedWithoutAnotherCharge) {
  const auto s = subscribed();
  EXPECT_EQ(renew_at(s.period_end_us), 1);
  // The capture committed, the subscription's own write did not.
  ASSERT_TRUE(db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(n, tx.exec("UPDATE subscriptions_subscriptions SET period_number = 0, "
                      "period_start_us = $1, period_end_us = $2, next_renewal_at_us = $2",
                      {s.period_start_us, s.period_end_us}));
    RF_TRY(m, tx.exec("UPDATE subscriptions_periods SET status = 'pending', paid_at_us = NULL "
                      "WHERE period_number = 1"));
    return {};
  }));
  EXPECT_EQ(renew_at(s.period_end_us + 5), 1);
  EXPECT_EQ(must(service().mine(ada)).period_number, 1);
  EXPECT_EQ(revenue(), eur(2 * 999));
  EXPECT_TRUE(payments::check(db()).value().empty());
}

TEST_P(RenewalsTest, ADeclinedRenewalIsRetriedAfterOneDayAndThreeDaysThenEnds) {
  const auto s = subscribed();
  use_card(s.id, declined_card);
  EXPECT_EQ(renew_at(s.period_end_us), 1);
  auto now = must(service().mine(ada));
  EXPECT_EQ(now.status, status_past_due);
  EXPECT_EQ(now.renewal_failures, 1);
  EXPECT_EQ(now.next_renewal_at_us, s.period_end_us + day_us);
  EXPECT_FALSE(must(service().benefits_of(ada)));  // the new month is not paid for
  EXPECT_EQ(renew_at(s.period_end_us + day_us - 1), 0);
  EXPECT_EQ(renew_at(s.period_end_us + day_us), 1);
  now = must(service().mine(ada));
  EXPECT_EQ(now.renewal_failures, 2);
  EXPECT_EQ(now.next_renewal_at_us, s.period_end_us + 4 * day_us);
  EXPECT_EQ(renew_at(s.period_end_us + 4 * day_us), 1);
  now = must(service().mine(ada));
  EXPECT_EQ(now.status, status_ended);
  EXPECT_NE(now.ended_reason.find("declined 3 times"), std::string::npos);
  EXPECT_EQ(renew_at(s.period_end_us + 40 * day_us), 0);
  EXPECT_EQ(revenue(), eur(999));

  const auto events = published();
  ASSERT_EQ(events.size(), 5U);
  EXPECT_EQ(events[1].first, events::renewal_failed);
  EXPECT_EQ(events[1].second.next_attempt_at_us, s.period_end_us + day_us);
  EXPECT_FALSE(events[1].second.reason.empty());
  EXPECT_EQ(events[2].second.renewal_failures, 2);
  EXPECT_EQ(events[3].first, events::renewal_failed);
  EXPECT_FALSE(events[3].second.next_attempt_at_us);
  EXPECT_EQ(events[4].first, events::subscription_ended);
  const auto periods = must(service().periods(s.id));
  ASSERT_EQ(periods.size(), 2U);
  EXPECT_EQ(periods[1].status, period_failed);
  EXPECT_EQ(periods[1].attempts, 3);
  EXPECT_TRUE(ledger::check(db()).value().empty());
  EXPECT_TRUE(payments::check(db()).value().empty());
}

TEST_P(RenewalsTest, ARetryThatSucceedsKeepsTheCalendarMonths) {
  const auto s = subscribed();
  use_card(s.id, declined_card);
  EXPECT_EQ(renew_at(s.period_end_us), 1);
  use_card(s.id, good_card);
  EXPECT_EQ(renew_at(s.period_end_us + day_us), 1);
  const auto now = must(service().mine(ada));
  EXPECT_EQ(now.status, status_active);
  EXPECT_EQ(now.renewal_failures, 0);
  EXPECT_EQ(modules::iso_utc(now.period_end_us), "2027-01-28T09:10:00Z");
  EXPECT_EQ(revenue(), eur(2 * 999));
  EXPECT_TRUE(must(service().benefits_of(ada)));
}

TEST_P(RenewalsTest, RenewalsBillThePlansPriceOfTheirTime) {
  const auto s = subscribed();
  must(service().update_plan(plus.id, {.price_minor = 1299}));
  EXPECT_EQ(renew_at(s.period_end_us), 1);
  EXPECT_EQ(revenue(), eur(999 + 1299));
}

TEST_P(RenewalsTest, RenewingAheadBillsBeforeThePeriodEnds) {
  settings.renew_ahead_hours = std::chrono::hours(24);
  build_module();
  const auto s = subscribed();
  EXPECT_EQ(s.next_renewal_at_us, s.period_end_us - day_us);
  EXPECT_EQ(renew_at(s.period_end_us - day_us), 1);
  EXPECT_EQ(must(service().mine(ada)).period_number, 1);
  // A customer who cancels is never billed ahead: it ends when the paid period does.
  must(service().cancel(ada));
  const auto now = must(service().mine(ada));
  EXPECT_EQ(now.next_renewal_at_us, now.period_end_us);
}

TEST_P(RenewalsTest, ThePastDueKeepTheBenefitsOfAPeriodPaidAhead) {
  settings.renew_ahead_hours = std::chrono::hours(24);
  build_module();
  const auto s = subscribed();
  use_card(s.id, declined_card);
  EXPECT_EQ(renew_at(s.period_end_us - day_us), 1);
  EXPECT_EQ(must(service().mine(ada)).status, status_past_due);
  EXPECT_TRUE(must(service().benefits_of(ada)));
  clock.set(s.period_end_us);
  EXPECT_FALSE(must(service().benefits_of(ada)));
}

TEST_P(RenewalsTest, CancellingWhilePastDueEndsAtOnce) {
  const auto s = subscribed();
  use_card(s.id, declined_card);
  EXPECT_EQ(renew_at(s.period_end_us), 1);
  const auto ended = must(service().cancel(ada));
  EXPECT_EQ(ended.status, status_ended);
  EXPECT_EQ(renew_at(s.period_end_us + 2 * day_us), 0);
  EXPECT_EQ(published_types().back(), events::subscription_ended);
}

TEST_P(RenewalsTest, ACancellationMadeWhileTheRenewalChargesIsKeptAndTheMonthRefunded) {
  const auto s = subscribed();
  // The customer cancels between the renewal's capture and its write of the new period.
  capture_then([&] { must(service().cancel(ada)); });
  EXPECT_EQ(renew_at(s.period_end_us), 1);
  auto now = must(service().mine(ada));
  EXPECT_TRUE(now.cancel_at_period_end);
  EXPECT_EQ(now.period_number, 0);
  const auto given_back =
      must(ledger_module->ledger().balance({ledger::AccountKind::refunds, ""}, "EUR")).amount_minor;
  EXPECT_EQ(given_back, 999);
  EXPECT_EQ(revenue().amount_minor - given_back, 999);
  const auto intents =
      must(payments_module->payments().intents_of_order(payment_reference(s.id, 1)));
  ASSERT_EQ(intents.size(), 1U);
  EXPECT_EQ(intents[0].status, payments::IntentStatus::refunded);
  EXPECT_EQ(must(service().periods(s.id)).back().status, period_failed);
  // Resuming would renew with a payment given back: refused, the membership ends as cancelled.
  EXPECT_EQ(service().resume(ada).error().code, ErrorCode::invalid_transition);
  EXPECT_EQ(renew_at(s.period_end_us + 1), 1);
  now = must(service().mine(ada));
  EXPECT_EQ(now.status, status_ended);
  EXPECT_EQ(now.ended_at_us, s.period_end_us);
  EXPECT_EQ(now.ended_reason, "cancelled by the customer");
  EXPECT_EQ(published_types(),
            (std::vector<std::string>{std::string(events::subscription_started),
                                      std::string(events::subscription_cancelled),
                                      std::string(events::subscription_ended)}));
  EXPECT_EQ(revenue().amount_minor - given_back, 999);
  EXPECT_TRUE(ledger::check(db()).value().empty());
  EXPECT_TRUE(payments::check(db()).value().empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, RenewalsTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::subscriptions::testing
