// Which consumed events become notices: a failed payment of an order tells its payer; the
// payment events of a membership's month do not (subscriptions' own events tell the member).
#include "consumed.h"

#include <gtest/gtest.h>

#include "reskflow/modules/payload.h"
#include "reskflow/payments/events.h"
#include "reskflow/subscriptions/events.h"

namespace reskflow::notifications {
namespace {

bus::Envelope failed_payment(const std::string& order_id) {
  const payments::events::IntentChanged e{"pi-1",     order_id,   "u-1",
                                          "m-1",      "failed",   {999, "EUR"},
                                          {0, "EUR"}, {0, "EUR"}, "Your card was declined."};
  return {"e-1", std::string(payments::events::intent_failed), "pi-1",
          modules::payload::to_payload(e), 1'795'857'000'000'000};
}

TEST(ConsumedEvents, AnOrdersFailedPaymentTellsItsPayer) {
  const auto notices = notices_of(failed_payment("0190f000-0000-7000-8000-00000000abcd"));
  ASSERT_TRUE(notices) << notices.error().detail;
  ASSERT_EQ(notices->size(), 1U);
  EXPECT_EQ(notices->front().user_id, "u-1");
  EXPECT_EQ(notices->front().reason, "Your card was declined.");
}

TEST(ConsumedEvents, AMembershipsPaymentIsToldBySubscriptionsAlone) {
  const auto payment = notices_of(
      failed_payment(std::string(subscriptions::events::payment_order_prefix) + "s-1:1"));
  ASSERT_TRUE(payment) << payment.error().detail;
  EXPECT_TRUE(payment->empty());

  const subscriptions::events::SubscriptionChanged e{
      "s-1", "u-1", "p-1", "Plus", "past_due", {999, "EUR"}, 1'795'857'000'000'000};
  const auto renewal = notices_of({"e-2", std::string(subscriptions::events::renewal_failed), "s-1",
                                   modules::payload::to_payload(e), 1'795'857'000'000'000});
  ASSERT_TRUE(renewal) << renewal.error().detail;
  ASSERT_EQ(renewal->size(), 1U);
  EXPECT_EQ(renewal->front().user_id, "u-1");
  EXPECT_EQ(renewal->front().amount, (modules::Money{999, "EUR"}));
}

}  // namespace
}  // namespace reskflow::notifications
