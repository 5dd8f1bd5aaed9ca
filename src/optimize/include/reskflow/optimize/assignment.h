// Driver assignment: min-cost matching of ready deliveries to drivers with slots, exact on a
// (sparse) candidate graph by successive shortest paths with potentials.
#pragma once

#include <cstdint>
#include <expected>
#include <span>
#include <vector>

#include "reskflow/optimize/travel_model.h"
#include "reskflow/optimize/types.h"

namespace reskflow::optimize {

struct AssignmentEdge {
  std::size_t delivery = 0;
  std::size_t driver = 0;
  Cost cost = 0;  // non-negative
};

struct AssignmentProblem {
  std::size_t delivery_count = 0;
  std::vector<std::uint32_t> driver_slots;  // how many deliveries each driver may take
  std::vector<AssignmentEdge> edges;        // candidate pairs
  Cost unassigned_cost = 1'000'000;         // cost of leaving one delivery unmatched
};

struct AssignmentResult {
  std::vector<std::size_t> driver_of;  // per delivery; no_index when unmatched
  Cost cost = 0;                       // including unassigned_cost per unmatched delivery
  std::size_t assigned = 0;
};

// Exact minimum: no other choice of at most one candidate edge per delivery within the
// drivers' slots costs less.
std::expected<AssignmentResult, Error> solve_assignment(const AssignmentProblem& problem);

struct DriverInfo {
  GeoPoint position;
  std::uint32_t slots = 1;
  double quality = 1.0;  // 0 (worst) .. 1 (best), e.g. from ratings and acceptance
};

struct DeliveryInfo {
  GeoPoint pickup;
  double ready_in_s = 0.0;  // seconds until the order is ready at the pickup
};

// Weights of the matching cost, in seconds: eta + lateness_weight * max(0, eta - ready)
// + early_weight * max(0, ready - eta) + quality_weight * (1 - quality).
struct AssignmentCostModel {
  double lateness_weight = 2.0;
  double early_weight = 0.5;
  double quality_weight_s = 300.0;
  std::size_t candidates_k = 20;  // nearest drivers per delivery
  Cost unassigned_cost = 1'000'000;
};

// Builds the k-nearest candidate graph (a uniform grid over the drivers) and its costs.
AssignmentProblem build_assignment_problem(std::span<const DeliveryInfo> deliveries,
                                           std::span<const DriverInfo> drivers,
                                           const TravelModel& model,
                                           const AssignmentCostModel& cost_model);

}  // namespace reskflow::optimize
