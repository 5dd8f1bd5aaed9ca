// The in-memory spatial index: exact answers across cell borders, the antimeridian and a pole,
// nearest first with distances, moves and removals.
#include <gtest/gtest.h>

#include <random>

#include "reskflow/drivers/drivers.h"

namespace reskflow::drivers {
namespace {

using modules::geo::distance_m;
using modules::geo::Point;

TEST(SpatialIndexTest, AnswersNearestFirstWithDistancesAcrossCellBorders) {
  auto index = make_memory_index();
  const Point center{52.5200, 13.4050};
  // 0.01 degree cells: these straddle the borders around the centre.
  index->upsert("a", {52.5200, 13.4100});  // ~338 m east
  index->upsert("b", {52.5150, 13.4050});  // ~556 m south, in another row of cells
  index->upsert("c", {52.5300, 13.3990});  // ~1.2 km north-west
  index->upsert("far", {52.6000, 13.4050});
  const auto found = index->within(center, 1'500, 10);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].first, "a");
  EXPECT_EQ(found[1].first, "b");
  EXPECT_EQ(found[2].first, "c");
  EXPECT_DOUBLE_EQ(found[0].second, distance_m(center, {52.5200, 13.4100}));
  EXPECT_EQ(index->within(center, 1'500, 2).size(), 2u);
  EXPECT_EQ(index->within(center, 100, 10).size(), 0u);
}

TEST(SpatialIndexTest, MovesAndRemovesDrivers) {
  auto index = make_memory_index();
  index->upsert("a", {48.8566, 2.3522});
  index->upsert("a", {48.8600, 2.3600});  // moved to another cell
  EXPECT_EQ(index->size(), 1u);
  EXPECT_TRUE(index->within({48.8566, 2.3522}, 100, 10).empty());
  EXPECT_EQ(index->within({48.8600, 2.3600}, 100, 10).size(), 1u);
  index->remove("a");
  index->remove("nobody");
  EXPECT_EQ(index->size(), 0u);
  EXPECT_TRUE(index->within({48.8600, 2.3600}, 100, 10).empty());
}

TEST(SpatialIndexTest, FindsDriversAcrossTheAntimeridianAndNearAPole) {
  auto index = make_memory_index();
  index->upsert("west", {-17.0, 179.999});
  index->upsert("east", {-17.0, -179.999});
  EXPECT_EQ(index->within({-17.0, 180.0}, 500, 10).size(), 2u);
  index->upsert("pole", {89.999, 10.0});
  index->upsert("across", {89.999, -170.0});
  EXPECT_EQ(index->within({90.0, 0.0}, 1'000, 10).size(), 2u);
}

// The grid against a scan of every driver, on random points (seeded).
TEST(SpatialIndexTest, AgreesWithABruteForceScan) {
  std::mt19937_64 random(20261206);
  std::uniform_real_distribution<double> lat(52.3, 52.7);
  std::uniform_real_distribution<double> lng(13.1, 13.7);
  auto index = make_memory_index();
  std::vector<std::pair<std::string, Point>> all;
  for (int i = 0; i < 2'000; ++i) {
    all.emplace_back("d" + std::to_string(i), Point{lat(random), lng(random)});
    index->upsert(all.back().first, all.back().second);
  }
  for (int q = 0; q < 50; ++q) {
    const Point center{lat(random), lng(random)};
    const double radius = 500.0 + 100.0 * q;
    std::size_t expected = 0;
    for (const auto& [id, p] : all) expected += distance_m(center, p) <= radius ? 1u : 0u;
    const auto found = index->within(center, radius, all.size());
    ASSERT_EQ(found.size(), expected) << "query " << q;
    for (std::size_t i = 1; i < found.size(); ++i) EXPECT_LE(found[i - 1].second, found[i].second);
  }
}

}  // namespace
}  // namespace reskflow::drivers
