// promotions' event payload: what the service publishes reads back the same; a malformed one is
// refused.
#include "reskflow/promotions/events.h"

#include <gtest/gtest.h>

#include "reskflow/modules/payload.h"

namespace reskflow::promotions::events {
namespace {

using modules::payload::from_payload;
using modules::payload::to_payload;

TEST(PromotionsEventsTest, PromotionChangedReadsBack) {
  const PromotionChanged paused{"p1", "m1", "WELCOME10", "paused", 1'795'857'000'000'000};
  const auto text = to_payload(paused);
  EXPECT_EQ(text, R"({"promotion_id":"p1","merchant_id":"m1","code":"WELCOME10",)"
                  R"("status":"paused","at":"2026-11-28T09:10:00Z"})");
  const auto read = from_payload<PromotionChanged>(promotion_paused, text);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->promotion_id, "p1");
  EXPECT_EQ(read->code, "WELCOME10");
  EXPECT_EQ(read->status, "paused");
  EXPECT_EQ(read->at_us, paused.at_us);
}

TEST(PromotionsEventsTest, RefusesMalformedPayloads) {
  for (const auto* bad : {R"({"promotion_id":"p1"})", "[]", "{"}) {
    EXPECT_EQ(from_payload<PromotionChanged>(promotion_created, bad).error().code,
              ErrorCode::validation_failed)
        << bad;
  }
}

}  // namespace
}  // namespace reskflow::promotions::events
