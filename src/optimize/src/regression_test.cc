// A regression subset on generated instances: one per Solomon class (VRPTW) and two Li & Lim
// style ones (PDPTW). Every customer is served, the independent checker accepts the routes, and
// they are a quarter shorter than a simple baseline built apart from the solver (measured when
// written: 0.55-0.61 of nearest neighbour, 0.25-0.61 of one route per pair). The search runs a
// fixed number of iterations, not a time budget, so a loaded CI machine gets the same solutions
// as a quiet one; the time limit is only a safety net.
#include <gtest/gtest.h>

#include <algorithm>

#include "reskflow/optimize/route_solver.h"
#include "test_support.h"

namespace reskflow::optimize {
namespace {

using testing::InstanceSpec;
using testing::Layout;
using testing::Series;

SolveOptions fixed_effort(std::uint64_t iterations) {
  SolveOptions options;
  options.iteration_limit = iterations;
  options.time_limit = std::chrono::seconds(60);
  return options;
}

std::string param_name(const ::testing::TestParamInfo<InstanceSpec>& info) {
  std::string name = testing::instance_name(info.param);
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

// Solves for a fixed effort and checks the answer; returns its cost against the baseline's.
double solve_against(const Problem& p, const Solution& baseline, std::uint64_t iterations) {
  testing::expect_feasible(p, baseline);
  const auto result = solve_routes(p, fixed_effort(iterations));
  if (!result) {
    ADD_FAILURE() << p.name << ": " << result.error().message;
    return 1.0;
  }
  testing::expect_feasible(p, result->solution);
  const double ratio = static_cast<double>(solution_cost(p, result->solution)) /
                       static_cast<double>(solution_cost(p, baseline));
  ::testing::Test::RecordProperty("cost_to_baseline", std::to_string(ratio));
  return ratio;
}

class VrptwClasses : public ::testing::TestWithParam<InstanceSpec> {};

TEST_P(VrptwClasses, ServesEveryoneAndBeatsNearestNeighbour) {
  SCOPED_TRACE(testing::instance_name(GetParam()));
  const Problem p = testing::generated_vrptw(GetParam());
  const double ratio = solve_against(p, testing::nearest_neighbour_solution(p), 4000);
  EXPECT_LE(ratio, 0.75) << p.name << ": not a quarter shorter than nearest neighbour";
}

INSTANTIATE_TEST_SUITE_P(
    OnePerSolomonClass, VrptwClasses,
    ::testing::Values(
        InstanceSpec{.seed = 1, .layout = Layout::clustered},
        InstanceSpec{.seed = 2, .layout = Layout::clustered, .series = Series::long_horizon},
        InstanceSpec{.seed = 3, .layout = Layout::random},
        InstanceSpec{.seed = 4, .layout = Layout::random, .series = Series::long_horizon},
        InstanceSpec{.seed = 5, .layout = Layout::mixed},
        InstanceSpec{.seed = 6, .layout = Layout::mixed, .series = Series::long_horizon}),
    param_name);

class PdptwClasses : public ::testing::TestWithParam<InstanceSpec> {};

TEST_P(PdptwClasses, ServesEveryPairAndBeatsOneRoutePerPair) {
  SCOPED_TRACE(testing::instance_name(GetParam()));
  const Problem p = testing::generated_pdptw(GetParam());
  const double ratio = solve_against(p, testing::route_per_unit_solution(p), 2000);
  EXPECT_LE(ratio, 0.75) << p.name << ": not a quarter shorter than one route per pair";
}

INSTANTIATE_TEST_SUITE_P(LiLimStyle, PdptwClasses,
                         ::testing::Values(InstanceSpec{.seed = 7, .layout = Layout::mixed},
                                           InstanceSpec{.seed = 8,
                                                        .layout = Layout::clustered,
                                                        .series = Series::long_horizon}),
                         param_name);

}  // namespace
}  // namespace reskflow::optimize
