// Schedules, costs and distances of solutions.
#include "reskflow/optimize/solution.h"

#include <algorithm>
#include <cmath>

namespace reskflow::optimize {

RouteSchedule compute_schedule(const Problem& problem, const Route& route) {
  const Vehicle& vehicle = problem.vehicles[route.vehicle];
  RouteSchedule s;
  s.steps.resize(route.jobs.size() + 2);
  Amount load = vehicle.initial_load;
  for (const std::size_t j : route.jobs) {
    if (problem.jobs[j].type == JobType::single) load += problem.jobs[j].delivery;
  }
  StepTiming& first = s.steps.front();
  first.arrival = first.service_start = vehicle.time_window.start;
  first.load = load;
  std::size_t prev = vehicle.start_index;
  Duration time = vehicle.time_window.start;
  for (std::size_t k = 0; k <= route.jobs.size(); ++k) {
    const bool at_end = k == route.jobs.size();
    const std::size_t loc = at_end ? vehicle.end_index : problem.jobs[route.jobs[k]].location;
    StepTiming& step = s.steps[k + 1];
    const StepTiming& before = s.steps[k];
    step.distance = before.distance + problem.distances(prev, loc);
    step.travel = before.travel + problem.durations(prev, loc);
    s.cost += problem.costs(prev, loc);
    step.arrival = time + problem.durations(prev, loc);
    step.service_start = step.arrival;
    if (!at_end) {
      const Job& job = problem.jobs[route.jobs[k]];
      const auto w = std::find_if(job.time_windows.begin(), job.time_windows.end(),
                                  [&](const TimeWindow& tw) { return tw.end >= step.arrival; });
      if (w != job.time_windows.end()) step.service_start = std::max(step.arrival, w->start);
      load = load - job.delivery + job.pickup;
      s.service += job.service;
      time = step.service_start + job.service;
    } else {
      time = step.arrival;
    }
    step.waiting = step.service_start - step.arrival;
    s.waiting += step.waiting;
    step.load = load;
    prev = loc;
  }
  s.distance = s.steps.back().distance;
  s.duration = s.steps.back().arrival - vehicle.time_window.start;
  if (!route.jobs.empty()) s.cost += vehicle.fixed_cost;
  return s;
}

Cost solution_cost(const Problem& problem, const Solution& solution) {
  Cost total = 0;
  for (const auto& route : solution.routes) total += compute_schedule(problem, route).cost;
  return total;
}

double route_distance(const Problem& problem, const Route& route) {
  const Vehicle& vehicle = problem.vehicles[route.vehicle];
  if (!problem.euclidean) {
    Distance total = 0;
    std::size_t prev = vehicle.start_index;
    for (const std::size_t j : route.jobs) {
      total += problem.distances(prev, problem.jobs[j].location);
      prev = problem.jobs[j].location;
    }
    total += problem.distances(prev, vehicle.end_index);
    return static_cast<double>(total) / problem.scales.distance;
  }
  // Virtual locations (open routes) have no coordinates and cost nothing.
  const auto point = [&](std::size_t loc) -> const Point* {
    return loc < problem.coordinates.size() ? &problem.coordinates[loc] : nullptr;
  };
  double total = 0.0;
  const Point* prev = point(vehicle.start_index);
  for (std::size_t k = 0; k <= route.jobs.size(); ++k) {
    const std::size_t loc =
        k == route.jobs.size() ? vehicle.end_index : problem.jobs[route.jobs[k]].location;
    const Point* here = point(loc);
    if (prev != nullptr && here != nullptr)
      total += std::hypot(here->x - prev->x, here->y - prev->y);
    prev = here;
  }
  return total;
}

double solution_distance(const Problem& problem, const Solution& solution) {
  double total = 0.0;
  for (const auto& route : solution.routes) total += route_distance(problem, route);
  return total;
}

}  // namespace reskflow::optimize
