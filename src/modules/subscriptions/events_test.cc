// subscriptions' event payload: what the service publishes reads back the same; a malformed one
// is refused.
#include "reskflow/subscriptions/events.h"

#include <gtest/gtest.h>

#include "reskflow/modules/payload.h"

namespace reskflow::subscriptions::events {
namespace {

using modules::payload::from_payload;
using modules::payload::to_payload;

constexpr std::int64_t at_us = 1'795'857'000'000'000;  // 2026-11-28T09:10:00Z

TEST(SubscriptionsEventsTest, RenewalFailedReadsBack) {
  const SubscriptionChanged failed{"s1",
                                   "c1",
                                   "p1",
                                   "Plus",
                                   "past_due",
                                   {999, "EUR"},
                                   at_us,
                                   false,
                                   1,
                                   at_us + 86'400'000'000,
                                   "Your card was declined.",
                                   at_us};
  const auto text = to_payload(failed);
  EXPECT_EQ(text, R"({"subscription_id":"s1","customer_id":"c1","plan_id":"p1","plan_name":"Plus",)"
                  R"("status":"past_due","amount_minor":999,"currency":"EUR",)"
                  R"("period_end":"2026-11-28T09:10:00Z","cancel_at_period_end":false,)"
                  R"("renewal_failures":1,"next_attempt_at":"2026-11-29T09:10:00Z",)"
                  R"("reason":"Your card was declined.","at":"2026-11-28T09:10:00Z"})");
  const auto read = from_payload<SubscriptionChanged>(renewal_failed, text);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->subscription_id, "s1");
  EXPECT_EQ(read->amount, failed.amount);
  EXPECT_EQ(read->next_attempt_at_us, failed.next_attempt_at_us);
  EXPECT_EQ(read->renewal_failures, 1);
}

TEST(SubscriptionsEventsTest, NoNextAttemptReadsBackAsNone) {
  SubscriptionChanged ended{"s1", "c1", "p1", "Plus", "ended", {999, "EUR"}, at_us};
  const auto read = from_payload<SubscriptionChanged>(subscription_ended, to_payload(ended));
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_FALSE(read->next_attempt_at_us);
  EXPECT_EQ(read->status, "ended");
}

TEST(SubscriptionsEventsTest, RefusesAPayloadWithoutItsSubscription) {
  EXPECT_FALSE(from_payload<SubscriptionChanged>(subscription_renewed, R"({"customer_id":"c1"})"));
  EXPECT_FALSE(from_payload<SubscriptionChanged>(subscription_renewed, "[]"));
}

}  // namespace
}  // namespace reskflow::subscriptions::events
