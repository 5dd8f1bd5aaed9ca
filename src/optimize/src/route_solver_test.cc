// solve_routes refuses problems it cannot solve with an error value instead of reading past
// them; the construction serves nothing when there is no vehicle.
#include <gtest/gtest.h>

#include "reskflow/optimize/route_solver.h"
#include "test_support.h"

namespace reskflow::optimize {
namespace {

SolveOptions few_iterations() {
  SolveOptions options;
  options.iteration_limit = 50;
  return options;
}

TEST(SolveRoutes, RejectsAProblemWithoutVehicles) {
  Problem p = testing::random_tiny_problem(1, {.singles = 4});
  p.vehicles.clear();
  p.compatibility.clear();
  const auto result = solve_routes(p, few_iterations());
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(result.error().message, "the problem has no vehicle");
}

TEST(SolveRoutes, RejectsAProblemThatSkippedMakeProblem) {
  Problem p = testing::random_tiny_problem(2, {.singles = 4});
  p.vehicles.push_back(p.vehicles.front());  // the derived tables are now one vehicle short
  const auto result = solve_routes(p, few_iterations());
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().message, "the problem was not prepared by make_problem");
}

TEST(SolveRoutes, MakeProblemRejectsAnEmptyFleet) {
  Problem p = testing::random_tiny_problem(3, {.singles = 4});
  p.vehicles.clear();
  const auto made = make_problem(std::move(p));
  ASSERT_FALSE(made.has_value());
  EXPECT_EQ(made.error().message, "the problem has no vehicle");
}

TEST(SolveRoutes, ConstructionWithoutVehiclesLeavesEveryJobUnassigned) {
  Problem p = testing::random_tiny_problem(4, {.singles = 3, .shipments = 1});
  p.vehicles.clear();
  p.compatibility.clear();
  const Solution s = construct_solution(p);
  EXPECT_TRUE(s.routes.empty());
  EXPECT_EQ(s.unassigned, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace reskflow::optimize
