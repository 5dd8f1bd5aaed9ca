// A fast regression subset: one Solomon instance per class and one Li & Lim instance, all jobs
// served, feasible, and within a loose gap of the best-known distance. The search runs a fixed
// number of iterations, not a time budget, so a loaded CI machine (two sanitized test binaries
// per core) gets the same solutions as a quiet one; the time limit is only a safety net.
#include <gtest/gtest.h>

#include "reskflow/optimize/route_solver.h"
#include "test_support.h"

namespace reskflow::optimize {
namespace {

SolveOptions fixed_effort(std::uint64_t iterations) {
  SolveOptions options;
  options.iteration_limit = iterations;
  options.time_limit = std::chrono::seconds(60);
  return options;
}

class SolomonSubset : public ::testing::TestWithParam<const char*> {};

TEST_P(SolomonSubset, ServesAllWithinFivePercent) {
  const std::string name = GetParam();
  const Problem p = testing::load_instance("solomon/" + name + ".txt");
  const SolveResult result = solve_routes(p, fixed_effort(4000));
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
  const SolveResult result = solve_routes(p, fixed_effort(2000));
  testing::expect_feasible(p, result.solution);
  EXPECT_TRUE(result.solution.unassigned.empty());
}

}  // namespace
}  // namespace reskflow::optimize
