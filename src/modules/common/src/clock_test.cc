// The clocks services are given: the system's reads real time, a manual one only moves when told.
#include "reskflow/modules/clock.h"

#include <gtest/gtest.h>

namespace reskflow::modules {
namespace {

TEST(ClockTest, SystemClockReadsTheTimeOfDay) {
  const auto now = system_clock()();
  const auto expected = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  EXPECT_LE(now, expected);
  EXPECT_GT(now, expected - std::int64_t{60'000'000});
}

TEST(ClockTest, ManualClockMovesOnlyWhenTold) {
  ManualClock manual(1'000);
  const Clock clock = manual.clock();
  EXPECT_EQ(clock(), 1'000);
  manual.advance(std::chrono::seconds(2));
  EXPECT_EQ(clock(), 2'001'000);
  manual.set(5);
  EXPECT_EQ(clock(), 5);
  EXPECT_EQ(manual.now_us(), 5);
}

}  // namespace
}  // namespace reskflow::modules
