// The renewal job on both engines with a manual clock: each calendar month billed once when the
// period ends, never twice (a second run, a restart, a crash after the capture), a declined
// renewal retried after 1 day and 3 days, then ended, and a late success that restores it.
#include "test_fixture.h"

namespace reskflow::subscriptions::testing {
namespace {

class RenewalsTest : public SubscriptionsFixture {};

TEST_P(RenewalsTest, RenewsEachCalendarMonthWhenThePeriodEnds) {
  const auto s = subscribed();
  EXPECT_EQ(renew_at(s.period_end_us - 1), 0);
  EXPECT_EQ(renew_at(s.period_end_us), 1);
  auto now = must(service().mine(ada));
  EXPECT_EQ(now.period_number, 1);
  EXPECT_EQ(modules::iso_utc(now.period_start_us), "2026-12-28T09:10:00Z");
  EXPECT_EQ(modules::iso_utc(now.period_end_us), "2027-01-28T09:10:00Z");
  EXPECT_EQ(revenue_minor(), 2 * 999);
  EXPECT_EQ(renew_at(now.period_end_us), 1);
  now = must(service().mine(ada));
  EXPECT_EQ(modules::iso_utc(now.period_end_us), "2027-02-28T09:10:00Z");
  EXPECT_EQ(revenue_minor(), 3 * 999);
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
  EXPECT_EQ(revenue_minor(), 2 * 999);
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
  EXPECT_EQ(revenue_minor(), 2 * 999);
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
  EXPECT_EQ(revenue_minor(), 999);

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
  EXPECT_EQ(revenue_minor(), 2 * 999);
  EXPECT_TRUE(must(service().benefits_of(ada)));
}

TEST_P(RenewalsTest, RenewalsBillThePlansPriceOfTheirTime) {
  const auto s = subscribed();
  must(service().update_plan(plus.id, {.price_minor = 1299}));
  EXPECT_EQ(renew_at(s.period_end_us), 1);
  EXPECT_EQ(revenue_minor(), 999 + 1299);
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

INSTANTIATE_TEST_SUITE_P(Engines, RenewalsTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::subscriptions::testing
