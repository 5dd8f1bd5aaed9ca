// The assignment solver is optimal against enumeration; the candidate graph holds the k
// nearest drivers.
#include <gtest/gtest.h>

#include <algorithm>

#include "reskflow/optimize/assignment.h"
#include "rng.h"

namespace reskflow::optimize {
namespace {

AssignmentProblem random_assignment(std::uint64_t seed, std::size_t deliveries,
                                    std::size_t drivers) {
  Rng rng(seed);
  AssignmentProblem p;
  p.delivery_count = deliveries;
  p.unassigned_cost = 150;
  for (std::size_t d = 0; d < drivers; ++d)
    p.driver_slots.push_back(static_cast<std::uint32_t>(rng.below(3)));
  for (std::size_t i = 0; i < deliveries; ++i) {
    for (std::size_t d = 0; d < drivers; ++d) {
      if (rng.chance(0.7))
        p.edges.push_back(AssignmentEdge{i, d, static_cast<Cost>(rng.below(200))});
    }
  }
  return p;
}

Cost enumerate(const AssignmentProblem& p, std::size_t i, std::vector<std::uint32_t>& used) {
  if (i == p.delivery_count) return 0;
  Cost best = p.unassigned_cost + enumerate(p, i + 1, used);
  for (const auto& e : p.edges) {
    if (e.delivery != i || used[e.driver] >= p.driver_slots[e.driver]) continue;
    ++used[e.driver];
    best = std::min(best, e.cost + enumerate(p, i + 1, used));
    --used[e.driver];
  }
  return best;
}

TEST(Assignment, MatchesEnumerationOnSmallRandomInstances) {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const AssignmentProblem p = random_assignment(seed, 1 + seed % 6, 1 + seed % 4);
    const auto result = solve_assignment(p);
    ASSERT_TRUE(result.has_value());
    std::vector<std::uint32_t> used(p.driver_slots.size(), 0);
    EXPECT_EQ(result->cost, enumerate(p, 0, used)) << "seed " << seed;
    // The reported matching is consistent with its cost and the slots.
    std::vector<std::uint32_t> load(p.driver_slots.size(), 0);
    Cost cost = 0;
    for (std::size_t i = 0; i < p.delivery_count; ++i) {
      const std::size_t d = result->driver_of[i];
      if (d == no_index) {
        cost += p.unassigned_cost;
        continue;
      }
      ++load[d];
      Cost edge = cost_max;
      for (const auto& e : p.edges) {
        if (e.delivery == i && e.driver == d) edge = std::min(edge, e.cost);
      }
      cost += edge;
    }
    EXPECT_EQ(cost, result->cost);
    for (std::size_t d = 0; d < load.size(); ++d) EXPECT_LE(load[d], p.driver_slots[d]);
  }
}

TEST(Assignment, RejectsBadEdges) {
  AssignmentProblem p;
  p.delivery_count = 1;
  p.driver_slots = {1};
  p.edges = {AssignmentEdge{0, 3, 5}};
  EXPECT_FALSE(solve_assignment(p).has_value());
}

TEST(Assignment, CandidateGraphHoldsTheNearestDrivers) {
  Rng rng(5);
  std::vector<DriverInfo> drivers(300);
  for (auto& d : drivers) d.position = GeoPoint{13.3 + rng.unit() * 0.2, 52.45 + rng.unit() * 0.1};
  std::vector<DeliveryInfo> deliveries(40);
  for (auto& d : deliveries) d.pickup = GeoPoint{13.3 + rng.unit() * 0.2, 52.45 + rng.unit() * 0.1};
  const GreatCircleModel model;
  AssignmentCostModel costs;
  costs.candidates_k = 5;
  costs.lateness_weight = costs.early_weight = costs.quality_weight_s = 0.0;
  const AssignmentProblem p = build_assignment_problem(deliveries, drivers, model, costs);
  ASSERT_EQ(p.edges.size(), 40U * 5U);
  for (std::size_t i = 0; i < deliveries.size(); ++i) {
    std::vector<double> all;
    for (const auto& d : drivers) all.push_back(model.duration(d.position, deliveries[i].pickup));
    std::sort(all.begin(), all.end());
    Cost worst = 0;
    for (const auto& e : p.edges) {
      if (e.delivery == i) worst = std::max(worst, e.cost);
    }
    EXPECT_LE(static_cast<double>(worst), all[4] + 1.0 + 0.01 * all[4]);
  }
  const auto result = solve_assignment(p);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->assigned, 40U);
}

}  // namespace
}  // namespace reskflow::optimize
