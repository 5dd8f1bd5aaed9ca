// A fast regression subset: one Solomon instance per class and one Li & Lim instance, 1 s
// each, all jobs served, feasible, and within a loose gap of the best-known distance.
#include <gtest/gtest.h>

#include "reskflow/optimize/route_solver.h"
#include "test_support.h"

namespace reskflow::optimize {
namespace {

class SolomonSubset : public ::testing::TestWithParam<const char*> {};

TEST_P(SolomonSubset, ServesAllWithinFivePercent) {
  const std::string name = GetParam();
  const Problem p = testing::load_instance("solomon/" + name + ".txt");
  SolveOptions options;
  options.time_limit = std::chrono::seconds(1);
  const SolveResult result = solve_routes(p, options);
  testing::expect_feasible(p, result.solution);
  const double bks = testing::solomon_bks_distance(name);
  ASSERT_GT(bks, 0.0);
  const double gap = 100.0 * (solution_distance(p, result.solution) - bks) / bks;
  RecordProperty("gap_percent", std::to_string(gap));
  RecordProperty("iterations", std::to_string(result.stats.iterations));
  EXPECT_LE(gap, 5.0) << name << " distance " << solution_distance(p, result.solution);
}

INSTANTIATE_TEST_SUITE_P(OnePerClass, SolomonSubset,
                         ::testing::Values("C101", "C201", "R101", "R201", "RC101", "RC201"));

TEST(LiLim, ServesEveryTaskFeasibly) {
  const Problem p = testing::load_instance("lilim-sample/lrc101.txt");
  SolveOptions options;
  options.time_limit = std::chrono::seconds(1);
  const SolveResult result = solve_routes(p, options);
  testing::expect_feasible(p, result.solution);
  EXPECT_TRUE(result.solution.unassigned.empty());
}

}  // namespace
}  // namespace reskflow::optimize
