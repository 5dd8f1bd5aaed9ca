// proofs' event payload: what the service publishes reads back the same; a malformed one is
// refused.
#include "reskflow/proofs/events.h"

#include <gtest/gtest.h>

#include "reskflow/modules/payload.h"

namespace reskflow::proofs::events {
namespace {

using modules::payload::from_payload;
using modules::payload::to_payload;

TEST(ProofsEventsTest, ExcursionPayloadReadsBack) {
  const TemperatureExcursion e{"d1", "o1", "m1", "u1", 9.5, 2, 8, 1'795'857'000'000'000};
  const auto text = to_payload(e);
  EXPECT_EQ(text, R"({"delivery_id":"d1","order_id":"o1","merchant_id":"m1","driver_id":"u1",)"
                  R"("celsius":9.5,"min_c":2.0,"max_c":8.0,"measured_at":"2026-11-28T09:10:00Z"})");
  const auto read = from_payload<TemperatureExcursion>(temperature_excursion, text);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->delivery_id, "d1");
  EXPECT_EQ(read->order_id, "o1");
  EXPECT_EQ(read->merchant_id, "m1");
  EXPECT_EQ(read->driver_id, "u1");
  EXPECT_DOUBLE_EQ(read->celsius, 9.5);
  EXPECT_DOUBLE_EQ(read->min_c, 2);
  EXPECT_DOUBLE_EQ(read->max_c, 8);
  EXPECT_EQ(read->measured_at_us, e.measured_at_us);
}

TEST(ProofsEventsTest, RefusesMalformedPayloads) {
  for (const auto* bad :
       {R"({"delivery_id":"d1","order_id":"o1","merchant_id":"m1","driver_id":"u1",)"
        R"("celsius":"9","min_c":2,"max_c":8,"measured_at":"2026-11-28T09:10:00Z"})",
        R"({"delivery_id":"d1","order_id":"o1","merchant_id":"m1","driver_id":"u1",)"
        R"("celsius":9,"min_c":2,"max_c":8,"measured_at":"yesterday"})",
        R"({"delivery_id":"d1"})", "[]", "{"}) {
    const auto read = from_payload<TemperatureExcursion>(temperature_excursion, bad);
    ASSERT_FALSE(read) << bad;
    EXPECT_EQ(read.error().code, ErrorCode::validation_failed);
  }
}

}  // namespace
}  // namespace reskflow::proofs::events
