// Solutions (routes of job indices) and their schedules: arrival, waiting, load per step.
#pragma once

#include <vector>

#include "reskflow/optimize/problem.h"
#include "reskflow/optimize/types.h"

namespace reskflow::optimize {

struct Route {
  std::size_t vehicle = 0;
  std::vector<std::size_t> jobs;  // job indices in visiting order
  friend bool operator==(const Route&, const Route&) = default;
};

// Only non-empty routes are listed; every job is in exactly one route or in `unassigned`.
struct Solution {
  std::vector<Route> routes;
  std::vector<std::size_t> unassigned;
  friend bool operator==(const Solution&, const Solution&) = default;
};

// One stop of a schedule: the start (index 0), each job, the end (last).
struct StepTiming {
  Duration arrival = 0;
  Duration service_start = 0;
  Duration waiting = 0;
  Amount load;            // on board when leaving the step
  Distance distance = 0;  // travelled so far
  Duration travel = 0;    // travel time so far
};

struct RouteSchedule {
  std::vector<StepTiming> steps;  // jobs.size() + 2
  Cost cost = 0;                  // arc costs plus the vehicle's fixed cost
  Duration duration = 0;          // travel + service + waiting, start to end
  Duration service = 0;
  Duration waiting = 0;
  Distance distance = 0;
};

// Earliest schedule of a route: leave at the shift start, wait where a window is not open.
// It does not check feasibility (see checker.h).
RouteSchedule compute_schedule(const Problem& problem, const Route& route);

// Arc costs plus fixed costs of the used vehicles (no penalty for unassigned jobs).
Cost solution_cost(const Problem& problem, const Solution& solution);

// Total distance in user units, recomputed in double precision for Euclidean problems.
double solution_distance(const Problem& problem, const Solution& solution);
double route_distance(const Problem& problem, const Route& route);

}  // namespace reskflow::optimize
