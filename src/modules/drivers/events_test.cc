// drivers' event payloads: what the module publishes reads back the same, and a malformed
// payload is refused.
#include "reskflow/drivers/events.h"

#include <gtest/gtest.h>

#include "reskflow/modules/payload.h"

namespace reskflow::drivers::events {
namespace {

using modules::payload::from_payload;
using modules::payload::to_payload;

TEST(DriversEventsTest, ShiftEventReadsBackTheSame) {
  const ShiftChanged started{"c1", "s1", "scooter", 3, true, 1'780'000'000'000'000};
  const auto text = to_payload(started);
  EXPECT_EQ(text, R"({"driver_id":"c1","shift_id":"s1","vehicle":"scooter","capacity":3,)"
                  R"("cold_storage":true,"at":"2026-05-28T20:26:40Z"})");
  const auto read = from_payload<ShiftChanged>(shift_started, text);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(to_payload(*read), text);
}

TEST(DriversEventsTest, RefusesAPayloadWithoutItsFields) {
  EXPECT_FALSE(from_payload<ShiftChanged>(shift_ended, R"({"driver_id":"c1"})"));
  EXPECT_FALSE(from_payload<ShiftChanged>(shift_ended, R"([1])"));
}

}  // namespace
}  // namespace reskflow::drivers::events
