// Batching: new orders go into routes under way without moving planned stops; pickups stay
// before deliveries; fixed prefixes (stops already committed) are respected.
#include <gtest/gtest.h>

#include <algorithm>

#include "reskflow/optimize/route_solver.h"
#include "test_support.h"

namespace reskflow::optimize {
namespace {

bool keeps_order(const std::vector<std::size_t>& before, const std::vector<std::size_t>& after) {
  std::size_t k = 0;
  for (const std::size_t j : after) {
    if (k < before.size() && before[k] == j) ++k;
  }
  return k == before.size();
}

Problem clustered_pairs() {
  return testing::generated_pdptw({.seed = 51, .layout = testing::Layout::clustered});
}

TEST(Batching, InsertsNewShipmentsWithoutReorderingPlannedStops) {
  const Problem p = clustered_pairs();
  std::vector<std::uint8_t> is_later(p.jobs.size(), 0);
  std::vector<std::size_t> later;
  for (std::size_t j = 0; j < p.jobs.size(); ++j) {
    if (p.jobs[j].type == JobType::pickup && j % 5 == 0) {
      later.push_back(j);
      is_later[j] = is_later[p.jobs[j].sibling] = 1;
    }
  }
  SolveOptions options;
  options.iteration_limit = 300;
  auto solved = solve_routes(p, options);
  ASSERT_TRUE(solved.has_value()) << solved.error().message;
  Solution planned = std::move(solved->solution);
  for (auto& route : planned.routes)
    std::erase_if(route.jobs, [&](std::size_t j) { return is_later[j] != 0; });
  const auto result = insert_orders(p, planned, later);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  testing::expect_feasible(p, *result, false);
  for (const Route& before : planned.routes) {
    const auto after = std::find_if(result->routes.begin(), result->routes.end(),
                                    [&](const Route& r) { return r.vehicle == before.vehicle; });
    ASSERT_NE(after, result->routes.end());
    EXPECT_TRUE(keeps_order(before.jobs, after->jobs));
  }
  EXPECT_TRUE(result->unassigned.empty());
}

TEST(Batching, RejectsInfeasibleCurrentRoutes) {
  const Problem p = clustered_pairs();
  Solution broken{{Route{0, {p.jobs[2].sibling, 2}}}, {}};  // a delivery before its pickup
  if (p.jobs[2].type == JobType::delivery) broken.routes[0].jobs = {2, p.jobs[2].sibling};
  const std::size_t none[] = {0};
  EXPECT_FALSE(insert_orders(p, broken, none).has_value());
}

TEST(Batching, SolverKeepsFixedPrefixFirst) {
  for (std::uint64_t seed = 300; seed < 306; ++seed) {
    Problem p = testing::random_tiny_problem(
        seed, {.singles = 3, .shipments = 3, .vehicles = 2, .tight_windows = false});
    p.vehicles[0].fixed_prefix = {0};
    p.vehicles[0].time_window.end = 2000;
    p.vehicles[1].time_window.end = 2000;
    p = testing::prepared(std::move(p));
    SolveOptions options;
    options.iteration_limit = 500;
    const auto solved = solve_routes(p, options);
    ASSERT_TRUE(solved.has_value()) << solved.error().message;
    const Solution& s = solved->solution;
    testing::expect_feasible(p, s, false);
    const auto own = std::find_if(s.routes.begin(), s.routes.end(),
                                  [](const Route& r) { return r.vehicle == 0; });
    ASSERT_NE(own, s.routes.end());
    EXPECT_EQ(own->jobs.front(), 0U);
  }
}

}  // namespace
}  // namespace reskflow::optimize
