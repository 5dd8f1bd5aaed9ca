// Tiny instances with a known optimum (enumeration) are solved exactly, deterministically.
#include <gtest/gtest.h>

#include "reskflow/optimize/checker.h"
#include "reskflow/optimize/route_solver.h"
#include "test_support.h"

namespace reskflow::optimize {
namespace {

SolveOptions quick(std::uint64_t seed) {
  SolveOptions options;
  options.seed = seed;
  options.iteration_limit = 3000;
  options.time_limit = std::chrono::seconds(20);
  return options;
}

void expect_optimal(const Problem& p, std::uint64_t seed) {
  const Cost optimum = testing::brute_force_optimum(p);
  const auto result = solve_routes(p, quick(seed));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  if (optimum == cost_max) {
    testing::expect_feasible(p, result->solution, false);
    EXPECT_FALSE(result->solution.unassigned.empty()) << p.name;
    return;
  }
  testing::expect_feasible(p, result->solution);
  EXPECT_EQ(solution_cost(p, result->solution), optimum) << p.name << " seed " << seed;
}

TEST(Exact, SolvesTinyVrptwToOptimality) {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    expect_optimal(
        testing::random_tiny_problem(seed, {.singles = 6, .shipments = 0, .vehicles = 2}), seed);
  }
}

TEST(Exact, SolvesTinyPdptwToOptimality) {
  for (std::uint64_t seed = 100; seed <= 108; ++seed) {
    expect_optimal(
        testing::random_tiny_problem(seed, {.singles = 2, .shipments = 2, .vehicles = 2}), seed);
  }
}

TEST(Exact, SolvesLooseThreeVehicleProblems) {
  for (std::uint64_t seed = 200; seed <= 204; ++seed) {
    expect_optimal(testing::random_tiny_problem(
                       seed, {.singles = 6, .shipments = 0, .vehicles = 3, .tight_windows = false}),
                   seed);
  }
}

TEST(Exact, SameSeedAndIterationsGiveTheSameSolution) {
  const Problem p = testing::generated_vrptw({.seed = 21, .layout = testing::Layout::random});
  SolveOptions options = quick(7);
  options.iteration_limit = 400;
  const auto a = solve_routes(p, options);
  const auto b = solve_routes(p, options);
  ASSERT_TRUE(a.has_value() && b.has_value());
  EXPECT_EQ(a->solution, b->solution);
  options.threads = 2;
  const auto c = solve_routes(p, options);
  const auto d = solve_routes(p, options);
  ASSERT_TRUE(c.has_value() && d.has_value());
  EXPECT_EQ(c->solution, d->solution);
  testing::expect_feasible(p, a->solution);
  testing::expect_feasible(p, c->solution);
}

TEST(Exact, ConstructionServesEveryJobOfALongHorizonInstance) {
  const Problem p = testing::generated_vrptw(
      {.seed = 22, .layout = testing::Layout::mixed, .series = testing::Series::long_horizon});
  testing::expect_feasible(p, construct_solution(p));
}

}  // namespace
}  // namespace reskflow::optimize
