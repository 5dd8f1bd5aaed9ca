// The routing module's rules, without HTTP: bound concurrent solves, read and solve a routing
// problem and check the answer independently, match deliveries to drivers.
#pragma once

#include <expected>
#include <functional>
#include <string>
#include <vector>

#include "metrics.h"
#include "requests.h"
#include "reskflow/core/errors.h"
#include "reskflow/optimize/route_solver.h"
#include "solve_slots.h"

namespace reskflow::routing {

struct AssignedPair {
  std::string delivery_id;
  std::string driver_id;
  optimize::Cost cost_s = 0;  // the matching cost of this pair, in seconds
  double eta_s = 0.0;         // the driver's travel time to the pickup
};

struct AssignmentAnswer {
  std::vector<AssignedPair> pairs;      // in the order of the request's deliveries
  std::vector<std::string> unassigned;  // delivery ids left without a driver
  optimize::Cost assigned_cost_s = 0;   // sum of the pairs' costs
  optimize::Cost total_cost_s = 0;      // the minimised objective: plus unassigned_cost_s each
};

// The route solver, replaceable in tests (a broken one shows that the checker guards replies).
using RouteSolver = std::function<std::expected<optimize::Solution, optimize::Error>(
    const optimize::Problem&, const optimize::SolveOptions&)>;

class RoutingService {
 public:
  RoutingService(const RoutingLimits& limits, std::size_t solves_concurrent_max,
                 metrics::Registry& registry, RouteSolver solver = {});

  const RoutingLimits& limits() const { return limits_; }
  SolveSlots& slots() { return slots_; }

  // The VROOM-shaped solution JSON, feasible by the independent checker. Fails with
  // validation_failed (the problem), unavailable (no free slot) or internal (checker).
  Result<std::string> optimize_routes(const RouteRequest& request);

  // The minimum-cost matching on the k-nearest candidate graph; unavailable or internal.
  Result<AssignmentAnswer> assign(const AssignmentRequest& request);

 private:
  Result<SolveSlots::Permit> acquire(SolveKind kind);

  RoutingLimits limits_;
  SolveSlots slots_;
  RoutingMetrics metrics_;
  RouteSolver solver_;
};

}  // namespace reskflow::routing
