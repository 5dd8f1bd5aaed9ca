// The travel-time model: known answers from the default table, and a learned correction that
// moves the prediction the way the observations say, by a bounded step.
#include "travel_model.h"

#include <gtest/gtest.h>

namespace reskflow::drivers {
namespace {

using modules::geo::distance_m;
using modules::geo::Point;

constexpr std::int64_t hour_us = 3'600'000'000;
// 2026-11-30 (a Monday) at 00:00 UTC.
constexpr std::int64_t monday_us = 1'795'996'800'000'000;

const Point from{52.5200, 13.4050};
const Point to{52.5300, 13.4050};  // ~1.11 km north

TEST(TravelModelTest, PredictsFromCircuityAndTheVehiclesSpeedAtThatHour) {
  TravelModel model({1.3, 0.05, 0.02, 0});
  EXPECT_DOUBLE_EQ(model.road_distance_m(from, to), distance_m(from, to) * 1.3);
  // A car at 03:00 (night, 120 % of 9 m/s) and at 08:00 (rush hour, 65 %).
  EXPECT_DOUBLE_EQ(model.travel_seconds(from, to, Vehicle::car, monday_us + 3 * hour_us),
                   distance_m(from, to) * 1.3 / (9.0 * 1.2));
  EXPECT_DOUBLE_EQ(model.travel_seconds(from, to, Vehicle::car, monday_us + 8 * hour_us),
                   distance_m(from, to) * 1.3 / (9.0 * 0.65));
  // A bike feels a fifth of the rush hour: 4.5 m/s x 0.93.
  EXPECT_DOUBLE_EQ(default_speed_mps(Vehicle::bike, 8), 4.5 * 0.93);
}

TEST(TravelModelTest, HourOfDayFollowsTheCitysOffset) {
  TravelModel utc({1.3, 0.05, 0.02, 0});
  TravelModel tokyo({1.3, 0.05, 0.02, 9 * 60});
  EXPECT_EQ(utc.local_hour(monday_us + 23 * hour_us), 23);
  EXPECT_EQ(tokyo.local_hour(monday_us + 23 * hour_us), 8);
}

Position at(Point p, std::int64_t at_us) { return Position{p, at_us, 5, 0, 0}; }

TEST(TravelModelTest, LearnsSlowerTrafficInOneZoneAndHourByABoundedStep) {
  TravelModel model({1.3, 0.05, 0.02, 0});
  const auto noon = monday_us + 12 * hour_us;  // lunch: a car's default is 9 x 0.85 m/s
  const auto before = model.travel_seconds(from, to, Vehicle::car, noon);
  // Cars observed at 3.825 m/s, half the expected 7.65: the ratio 0.5, learned at 5 % a point.
  const Point a{52.5240, 13.4050};
  const Point b{52.5240 + 3.825 * 10 / 111'195.0, 13.4050};
  ASSERT_TRUE(model.observe(Vehicle::car, at(a, noon), at(b, noon + 10'000'000)));
  EXPECT_NEAR(model.correction({52.5250, 13.4050}, noon), 1.0 + 0.05 * (0.5 - 1.0), 1e-3);
  for (int i = 0; i < 200; ++i) model.observe(Vehicle::car, at(a, noon), at(b, noon + 10'000'000));
  EXPECT_NEAR(model.correction({52.5250, 13.4050}, noon), 0.5, 1e-3);
  const auto after = model.travel_seconds(from, to, Vehicle::car, noon);
  EXPECT_NEAR(after, before * 2, before * 0.01);
  // Another hour, another zone: untouched.
  EXPECT_DOUBLE_EQ(model.correction({52.5250, 13.4050}, noon + hour_us), 1.0);
  EXPECT_DOUBLE_EQ(model.correction({48.8566, 2.3522}, noon), 1.0);
}

TEST(TravelModelTest, AnOutlierMovesTheCorrectionOnlyByTheClampedStep) {
  TravelModel model({1.3, 0.05, 0.02, 0});
  const auto noon = monday_us + 12 * hour_us;
  // 60 m/s: eight times the expected speed, clamped to twice.
  const Point a{52.5240, 13.4050};
  const Point b{52.5240 + 600 / 111'195.0, 13.4050};
  ASSERT_TRUE(model.observe(Vehicle::car, at(a, noon), at(b, noon + 10'000'000)));
  EXPECT_NEAR(model.correction(a, noon), 1.0 + 0.05 * (2.0 - 1.0), 1e-3);
}

TEST(TravelModelTest, IgnoresPairsThatSayNothingAboutSpeed) {
  TravelModel model({1.3, 0.05, 0.02, 0});
  const auto noon = monday_us + 12 * hour_us;
  const Point a{52.5240, 13.4050};
  const Point near{52.5240 + 8 / 111'195.0, 13.4050};  // within both fixes' accuracy
  const Point b{52.5240 + 80 / 111'195.0, 13.4050};
  EXPECT_FALSE(model.observe(Vehicle::car, at(a, noon), at(near, noon + 10'000'000)));
  EXPECT_FALSE(model.observe(Vehicle::car, at(a, noon), at(b, noon + 2'000'000)));    // < 5 s
  EXPECT_FALSE(model.observe(Vehicle::car, at(a, noon), at(b, noon + 600'000'000)));  // > 5 min
  EXPECT_DOUBLE_EQ(model.correction(a, noon), 1.0);
}

}  // namespace
}  // namespace reskflow::drivers
