// payments' event payload: what the service publishes reads back the same; a malformed one is
// refused.
#include "reskflow/payments/events.h"

#include <gtest/gtest.h>

#include "reskflow/modules/payload.h"

namespace reskflow::payments::events {
namespace {

using modules::payload::from_payload;
using modules::payload::to_payload;

TEST(PaymentsEventsTest, IntentPayloadReadsBack) {
  const IntentChanged e{"pi-1",        "o-1",         "u-1",      "m-1", "captured",
                        {2500, "EUR"}, {2500, "EUR"}, {0, "EUR"}, ""};
  const auto text = to_payload(e);
  EXPECT_EQ(text,
            R"({"intent_id":"pi-1","order_id":"o-1","payer_user_id":"u-1","merchant_id":"m-1",)"
            R"("status":"captured","currency":"EUR","amount_minor":2500,"captured_minor":2500,)"
            R"("refunded_minor":0,"decline_reason":""})");
  const auto read = from_payload<IntentChanged>(intent_captured, text);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->intent_id, "pi-1");
  EXPECT_EQ(read->order_id, "o-1");
  EXPECT_EQ(read->status, "captured");
  EXPECT_EQ(read->captured, (modules::Money{2500, "EUR"}));
  EXPECT_EQ(read->refunded, (modules::Money{0, "EUR"}));
}

TEST(PaymentsEventsTest, RefusesMalformedPayloads) {
  for (const auto* bad : {R"({"intent_id":"pi-1"})", R"({"intent_id":1})", "[]", "{"}) {
    const auto read = from_payload<IntentChanged>(intent_failed, bad);
    ASSERT_FALSE(read) << bad;
    EXPECT_EQ(read.error().code, ErrorCode::validation_failed);
  }
}

}  // namespace
}  // namespace reskflow::payments::events
