// The cold-chain arithmetic with known answers: minutes out of range, min and max, and one
// excursion per run of readings out of range, however late readings arrive.
#include "temperature.h"

#include <gtest/gtest.h>

namespace reskflow::proofs {
namespace {

constexpr std::int64_t minute_us = 60'000'000;
constexpr std::int64_t t0 = 1'795'857'000'000'000;  // 2026-11-28T09:10:00Z
const deliveries::TemperatureRange fridge{2, 8};

std::vector<Reading> every_minute(const std::vector<double>& celsius) {
  std::vector<Reading> out;
  for (std::size_t i = 0; i < celsius.size(); ++i)
    out.push_back({t0 + static_cast<std::int64_t>(i) * minute_us, celsius[i]});
  return out;
}

TEST(ColdChainTest, CountsMinutesOutOfRangeAndOneExcursionPerRun) {
  // minute: 0  1  2  3   4  5  6   7  8    9
  const auto readings = every_minute({4, 5, 9, 10, 7, 8, 12, 1, 3.5, 9.5});
  const auto a = analyse(readings, fridge);
  EXPECT_EQ(a.summary.readings, 10);
  EXPECT_EQ(a.summary.min_c, 1);
  EXPECT_EQ(a.summary.max_c, 12);
  // Out at 2 and 3 (held to 4: 2 min), at 6 and 7 (held to 8: 2 min), at 9 (the last: 0).
  EXPECT_EQ(a.summary.out_of_range_s, 4 * 60);
  ASSERT_EQ(a.summary.excursions, 3);
  EXPECT_FALSE(a.summary.compliant());
  ASSERT_EQ(a.excursions.size(), 3U);
  EXPECT_EQ(a.excursions[0].started_at_us, t0 + 2 * minute_us);
  EXPECT_EQ(a.excursions[0].ended_at_us, t0 + 3 * minute_us);
  EXPECT_EQ(a.excursions[0].celsius, 9);
  EXPECT_EQ(a.excursions[1].started_at_us, t0 + 6 * minute_us);  // 12 then 1: one run
  EXPECT_EQ(a.excursions[1].ended_at_us, t0 + 7 * minute_us);
  EXPECT_EQ(a.excursions[2].started_at_us, t0 + 9 * minute_us);
  EXPECT_EQ(*a.summary.first_measured_at_us, t0);
  EXPECT_EQ(*a.summary.last_measured_at_us, t0 + 9 * minute_us);
}

TEST(ColdChainTest, TheBoundsOfTheRangeAreInRange) {
  const auto a = analyse(every_minute({2, 8, 2, 8}), fridge);
  EXPECT_EQ(a.summary.out_of_range_s, 0);
  EXPECT_EQ(a.summary.excursions, 0);
  EXPECT_TRUE(a.summary.compliant());
}

TEST(ColdChainTest, NoReadingsMeanNoMinimumNorMaximum) {
  const auto a = analyse({}, fridge);
  EXPECT_EQ(a.summary.readings, 0);
  EXPECT_FALSE(a.summary.min_c);
  EXPECT_FALSE(a.summary.first_measured_at_us);
  EXPECT_TRUE(a.summary.compliant());
}

TEST(ColdChainTest, AlertsOnlyRunsThatOverlapNoAlertedExcursion) {
  const std::vector<Excursion> alerted{{t0 + 2 * minute_us, t0 + 2 * minute_us, 9}};
  // The alerted run grew (a later reading out), and a new run started after readings in range.
  const std::vector<Excursion> found{{t0 + 2 * minute_us, t0 + 3 * minute_us, 9},
                                     {t0 + 6 * minute_us, t0 + 6 * minute_us, 12}};
  const auto fresh = new_excursions(found, alerted);
  ASSERT_EQ(fresh.size(), 1U);
  EXPECT_EQ(fresh[0].started_at_us, t0 + 6 * minute_us);
  // A late reading out just before the alerted one moves the run's start: still the same one.
  const std::vector<Excursion> moved{{t0 + minute_us, t0 + 3 * minute_us, 11}};
  EXPECT_TRUE(new_excursions(moved, alerted).empty());
}

}  // namespace
}  // namespace reskflow::proofs
