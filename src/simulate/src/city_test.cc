// The simulated city: couriers ride along the street grid, rides end where they were going, and
// a seed gives the same numbers every time.
#include "city.h"

#include <gtest/gtest.h>

#include <cmath>

namespace reskflow::simulate {
namespace {

TEST(CityTest, RoutesRunAlongTheGridFromStartToEnd) {
  const City city(Scenario{}.area);
  Rng rng(7);
  for (int i = 0; i < 100; ++i) {
    const Metres from = city.random_place(rng);
    const Metres to = city.random_place(rng);
    const auto way = city.route(from, to);
    ASSERT_GE(way.size(), 1U);
    EXPECT_DOUBLE_EQ(way.front().x, from.x);
    EXPECT_DOUBLE_EQ(way.back().y, to.y);
    for (std::size_t k = 1; k < way.size(); ++k) {  // every leg is along a street or an avenue
      const bool along_x = std::abs(way[k].y - way[k - 1].y) < 1e-9;
      const bool along_y = std::abs(way[k].x - way[k - 1].x) < 1e-9;
      EXPECT_TRUE(along_x || along_y) << "leg " << k << " cuts across a block";
    }
    const double manhattan = std::abs(to.x - from.x) + std::abs(to.y - from.y);
    EXPECT_GE(City::length(way) + 1e-6, manhattan);
  }
}

TEST(CityTest, ARideCoversItsWholeLengthAndStopsAtTheEnd) {
  const City city(Scenario{}.area);
  const auto way = city.route({0, 0}, {500, 300});  // up the avenue, along street 360, down
  EXPECT_NEAR(City::length(way), 360 + 500 + 60, 1e-9);
  Ride ride(way);
  double moved = 0;
  int steps = 0;
  while (!ride.arrived() && steps++ < 1000) moved += ride.advance(37);
  EXPECT_NEAR(moved, 920, 1e-6);
  EXPECT_NEAR(ride.at().x, 500, 1e-9);
  EXPECT_NEAR(ride.at().y, 300, 1e-9);
  EXPECT_EQ(ride.advance(10), 0);
}

TEST(CityTest, PlacesConvertToCoordinatesAndBack) {
  const City city(Scenario{}.area);
  const auto p = city.to_metres(city.to_lat_lng({1234.5, -987.25}));
  EXPECT_NEAR(p.x, 1234.5, 1e-6);
  EXPECT_NEAR(p.y, -987.25, 1e-6);
}

TEST(RngTest, TheSameSeedAndActorGiveTheSameNumbers) {
  auto a = Rng::for_actor(42, "courier", 3);
  auto b = Rng::for_actor(42, "courier", 3);
  auto other = Rng::for_actor(42, "courier", 4);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next();
    EXPECT_EQ(x, b.next());
    differs = differs || x != other.next();
  }
  EXPECT_TRUE(differs);
  Rng spread(1);
  for (int i = 0; i < 1000; ++i) {
    const double v = spread.spread({12, 4, 3, 40});
    EXPECT_GE(v, 3);
    EXPECT_LE(v, 40);
  }
}

TEST(TimeTest, FixTimesRoundTripToTheMillisecond) {
  const auto at = std::chrono::system_clock::time_point(std::chrono::milliseconds(1796000000123));
  EXPECT_EQ(parse_iso_utc(iso_utc(at)), at);
  EXPECT_EQ(iso_utc(at), "2026-11-30T00:53:20.123Z");
}

}  // namespace
}  // namespace reskflow::simulate
