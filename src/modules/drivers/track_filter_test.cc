// Location validation with a known answer: a bike's GPS trace with injected duplicates,
// reordering, teleports, a coarse fix and a point from the future; each bad point is flagged
// exactly, the good ones are all kept, and the fleet reports the counts.
#include "track_filter.h"

#include <gtest/gtest.h>

#include "memory_fleet.h"
#include "reskflow/modules/clock.h"

namespace reskflow::drivers {
namespace {

constexpr std::int64_t second_us = 1'000'000;
constexpr std::int64_t start_us = 1'795'857'000'000'000;  // 2026-11-28T09:10:00Z

// A bike riding north at 5 m/s from Alexanderplatz, a fix every 5 s, 5 m accurate.
Position ride(int step) {
  return Position{
      {52.5219 + step * 25.0 / 111'195.0, 13.4132}, start_us + step * 5 * second_us, 5, 5, 0};
}

TEST(TrackFilterTest, ToleratesAJumpWithinTheFixesAccuracy) {
  std::deque<Position> recent{ride(0)};
  const TrackRules bike{15, 250, start_us + 3'600 * second_us};
  // 115 m in 5 s: less both fixes' 30 m it is 55 m, within 75 m at 15 m/s.
  auto jumpy = ride(1);
  jumpy.point.lat += 90 / 111'195.0;
  jumpy.accuracy_m = 30;
  recent.back().accuracy_m = 30;
  EXPECT_EQ(judge(recent, jumpy, bike), Verdict::accepted);
  jumpy.point.lat += 60 / 111'195.0;  // 175 m: 40 m too far even with the accuracy
  EXPECT_EQ(judge(recent, jumpy, bike), Verdict::implausible);
}

TEST(TrackFilterTest, FlagsEachBadPointOfATraceExactly) {
  modules::ManualClock clock(start_us + 200 * second_us);
  DriversSettings settings;
  MemoryFleet fleet(settings, clock.clock());
  fleet.start_shift({"c1", Vehicle::bike, 1, false, "s1", start_us, start_us, start_us},
                    std::nullopt);
  auto teleport = ride(9);
  teleport.point.lng += 0.05;  // 3.4 km east in 5 s
  auto coarse = ride(13);
  coarse.accuracy_m = 800;
  auto from_the_future = ride(60);  // 300 s ahead of its place; 100 s past the clock's skew
  const std::vector<std::pair<Position, Verdict>> trace{
      {ride(0), Verdict::accepted},  {ride(1), Verdict::accepted},
      {ride(2), Verdict::accepted},  {ride(2), Verdict::duplicate},
      {ride(4), Verdict::accepted},  {ride(3), Verdict::out_of_order},  // sent late
      {ride(5), Verdict::accepted},  {ride(1), Verdict::duplicate},     // resent, older
      {ride(6), Verdict::accepted},  {ride(7), Verdict::accepted},
      {ride(8), Verdict::accepted},  {teleport, Verdict::implausible},
      {ride(9), Verdict::accepted},  {ride(10), Verdict::accepted},
      {coarse, Verdict::inaccurate}, {from_the_future, Verdict::future},
      {ride(11), Verdict::accepted}, {ride(12), Verdict::accepted},
  };
  std::vector<Position> points;
  for (const auto& [p, v] : trace) points.push_back(p);
  std::vector<Position> heard;
  fleet.on_position([&](const std::string& id, const Position& p) {
    EXPECT_EQ(id, "c1");
    heard.push_back(p);
  });
  const auto report = fleet.ingest("c1", points);
  ASSERT_TRUE(report) << report.error().detail;
  std::vector<std::pair<std::size_t, Verdict>> expected_rejections;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    if (trace[i].second != Verdict::accepted) expected_rejections.emplace_back(i, trace[i].second);
  }
  std::vector<std::pair<std::size_t, Verdict>> rejections;
  for (const auto& r : report->rejected) rejections.emplace_back(r.index, r.verdict);
  EXPECT_EQ(rejections, expected_rejections);
  EXPECT_EQ(report->accepted, 12);
  EXPECT_EQ(report->dropped, 5);
  EXPECT_EQ(report->flagged, 1);
  // What was kept is the clean ride, in order, and every listener call matches it.
  const auto track = fleet.recent_track("c1");
  ASSERT_EQ(track.size(), 12u);
  for (std::size_t i = 0; i < track.size(); ++i) {
    const int step = i < 3 ? static_cast<int>(i) : static_cast<int>(i) + 1;  // 3 never came
    EXPECT_EQ(track[i].at_us, ride(step).at_us) << i;
  }
  EXPECT_EQ(heard.size(), track.size());
  EXPECT_EQ(fleet.last_position("c1")->at_us, ride(12).at_us);
}

}  // namespace
}  // namespace reskflow::drivers
