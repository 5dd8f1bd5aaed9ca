// The seeded instance generator: reproducible, feasible by construction, read back by the
// Solomon and Li & Lim readers as written, with the layouts it promises.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "reskflow/optimize/checker.h"
#include "reskflow/optimize/instance_io.h"
#include "test_support.h"

namespace reskflow::optimize {
namespace {

using testing::InstanceSpec;
using testing::Layout;
using testing::Series;

constexpr Layout all_layouts[] = {Layout::clustered, Layout::random, Layout::mixed};
constexpr Series all_series[] = {Series::short_horizon, Series::long_horizon};

TEST(Generator, SameSpecGivesTheSameInstance) {
  const InstanceSpec spec{.seed = 11, .layout = Layout::mixed, .customers = 40};
  EXPECT_EQ(testing::generate_solomon(spec), testing::generate_solomon(spec));
  EXPECT_EQ(testing::generate_lilim(spec), testing::generate_lilim(spec));
  InstanceSpec other = spec;
  other.seed = 12;
  EXPECT_NE(testing::generate_solomon(spec), testing::generate_solomon(other));
  EXPECT_NE(testing::generate_lilim(spec), testing::generate_lilim(other));
}

TEST(Generator, EveryCustomerCanBeServedByItsOwnVehicle) {
  for (const Layout layout : all_layouts) {
    for (const Series series : all_series) {
      for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const InstanceSpec spec{.seed = seed, .layout = layout, .series = series};
        SCOPED_TRACE(testing::instance_name(spec));
        const Problem vrptw = testing::generated_vrptw(spec);
        EXPECT_TRUE(
            check_solution(vrptw, testing::route_per_unit_solution(vrptw), true).feasible());
        const Problem pdptw = testing::generated_pdptw(spec);
        EXPECT_TRUE(
            check_solution(pdptw, testing::route_per_unit_solution(pdptw), true).feasible());
      }
    }
  }
}

TEST(Generator, SolomonReaderSeesTheFleetAndCustomers) {
  const InstanceSpec spec{
      .seed = 3, .layout = Layout::clustered, .series = Series::long_horizon, .customers = 30};
  const Problem p = testing::generated_vrptw(spec);
  ASSERT_EQ(p.jobs.size(), 30U);
  ASSERT_EQ(p.vehicles.size(), 30U);
  EXPECT_EQ(p.vehicles[0].capacity.values[0], 700);
  EXPECT_EQ(p.vehicles[0].time_window.end, 3390 * 10'000);
  for (const Job& job : p.jobs) {
    EXPECT_EQ(job.type, JobType::single);
    EXPECT_EQ(job.service, 90 * 10'000);
    EXPECT_EQ(job.delivery.values[0] % 10, 0);  // clustered demands are multiples of 10
    ASSERT_EQ(job.time_windows.size(), 1U);
    EXPECT_LE(job.time_windows[0].start, job.time_windows[0].end);
  }
}

TEST(Generator, LiLimReaderPairsEveryPickupWithItsDelivery) {
  const InstanceSpec spec{.seed = 5, .layout = Layout::random, .customers = 40};
  const Problem p = testing::generated_pdptw(spec);
  ASSERT_EQ(p.jobs.size(), 40U);
  EXPECT_EQ(p.vehicles.size(), 20U);
  std::size_t pickups = 0;
  std::size_t adjacent = 0;  // rows are shuffled, so few pairs sit next to each other
  for (std::size_t j = 0; j < p.jobs.size(); ++j) {
    const Job& job = p.jobs[j];
    ASSERT_NE(job.sibling, no_index);
    const Job& other = p.jobs[job.sibling];
    EXPECT_EQ(other.sibling, j);
    if (job.type != JobType::pickup) continue;
    ++pickups;
    EXPECT_EQ(other.type, JobType::delivery);
    EXPECT_EQ(job.pickup, other.delivery);
    EXPECT_GT(job.pickup.values[0], 0);
    if (job.sibling == j + 1) ++adjacent;
  }
  EXPECT_EQ(pickups, 20U);
  EXPECT_LT(adjacent, 10U);
}

// The average distance from each customer to its nearest other customer.
double nearest_distance_average(const Problem& p) {
  double sum = 0.0;
  for (std::size_t a = 1; a < p.coordinates.size(); ++a) {
    double nearest = 1e9;
    for (std::size_t b = 1; b < p.coordinates.size(); ++b) {
      if (a == b) continue;
      nearest = std::min(nearest, std::hypot(p.coordinates[a].x - p.coordinates[b].x,
                                             p.coordinates[a].y - p.coordinates[b].y));
    }
    sum += nearest;
  }
  return sum / static_cast<double>(p.coordinates.size() - 1);
}

TEST(Generator, ClusteredCustomersStandCloserTogetherThanRandomOnes) {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const InstanceSpec clustered{.seed = seed, .layout = Layout::clustered};
    const InstanceSpec mixed{.seed = seed, .layout = Layout::mixed};
    const InstanceSpec random{.seed = seed, .layout = Layout::random};
    SCOPED_TRACE("seed " + std::to_string(seed));
    const double c = nearest_distance_average(testing::generated_vrptw(clustered));
    const double m = nearest_distance_average(testing::generated_vrptw(mixed));
    const double r = nearest_distance_average(testing::generated_vrptw(random));
    EXPECT_LT(c, m);
    EXPECT_LT(m, r);
  }
}

TEST(Generator, InstanceFilesAreReadWithTheirFormatDetected) {
  const InstanceSpec spec{.seed = 8, .layout = Layout::mixed, .customers = 20};
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "optimize-gen";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "vrptw.txt") << testing::generate_solomon(spec);
  std::ofstream(dir / "pdptw.txt") << testing::generate_lilim(spec);
  const auto vrptw = read_instance_file(dir / "vrptw.txt");
  ASSERT_TRUE(vrptw.has_value()) << vrptw.error().message;
  EXPECT_EQ(vrptw->name, "RC1-s8");  // Solomon files name themselves on their first line
  EXPECT_EQ(vrptw->jobs.size(), 20U);
  const auto pdptw = read_instance_file(dir / "pdptw.txt");
  ASSERT_TRUE(pdptw.has_value()) << pdptw.error().message;
  EXPECT_EQ(pdptw->name, "pdptw");  // Li & Lim files are named after the file
  EXPECT_NE(pdptw->jobs[0].type, JobType::single);
  const auto missing = read_instance_file(dir / "missing.txt");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::io_error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace reskflow::optimize
