// Forward and backward passes that fill a route's cache.
#include "route_cache.h"

#include <algorithm>

namespace reskflow::optimize {
namespace {

void resize_all(RouteCache& r, std::size_t positions) {
  r.location.resize(positions);
  r.service.resize(positions);
  r.earliest.resize(positions);
  r.latest.resize(positions);
  r.load.resize(positions);
  r.fwd_max.resize(positions);
  r.bwd_max.resize(positions);
  r.cum_delivery.resize(positions);
  r.cum_cost.resize(positions);
  r.open.resize(positions);
}

void forward_pass(const Problem& p, RouteCache& r) {
  const Vehicle& vehicle = p.vehicles[r.vehicle];
  const std::size_t n = r.jobs.size();
  Amount start_load = vehicle.initial_load;
  for (const std::size_t j : r.jobs) {
    if (p.jobs[j].type == JobType::single) start_load += p.jobs[j].delivery;
  }
  r.earliest[0] = vehicle.time_window.start;
  r.load[0] = start_load;
  r.fwd_max[0] = start_load;
  r.cum_delivery[0] = Amount{};
  r.cum_cost[0] = 0;
  r.open[0] = 0;
  r.feasible = start_load.fits_in(vehicle.capacity);
  for (std::size_t i = 1; i <= n + 1; ++i) {
    const std::size_t prev = r.location[i - 1];
    const std::size_t here = r.location[i];
    const Duration arrival = r.earliest[i - 1] + r.service[i - 1] + p.durations(prev, here);
    r.cum_cost[i] = r.cum_cost[i - 1] + p.costs(prev, here);
    if (i == n + 1) {
      r.earliest[i] = arrival;
      r.load[i] = r.load[i - 1];
      r.cum_delivery[i] = r.cum_delivery[i - 1];
      r.open[i] = 0;
      if (arrival > vehicle.time_window.end) r.feasible = false;
    } else {
      const Job& job = p.jobs[r.jobs[i - 1]];
      r.earliest[i] = earliest_start(job, arrival);
      if (r.earliest[i] > duration_max) r.feasible = false;
      r.load[i] = r.load[i - 1] - job.delivery + job.pickup;
      r.cum_delivery[i] = r.cum_delivery[i - 1];
      if (job.type == JobType::single) r.cum_delivery[i] += job.delivery;
      r.open[i] = r.open[i - 1];
      if (job.type == JobType::pickup) ++r.open[i];
      if (job.type == JobType::delivery) --r.open[i];
    }
    r.fwd_max[i] = max_of(r.fwd_max[i - 1], r.load[i]);
    if (!r.load[i].fits_in(vehicle.capacity)) r.feasible = false;
  }
}

void backward_pass(const Problem& p, RouteCache& r) {
  const Vehicle& vehicle = p.vehicles[r.vehicle];
  const std::size_t n = r.jobs.size();
  r.latest[n + 1] = vehicle.time_window.end;
  r.bwd_max[n + 1] = r.load[n + 1];
  for (std::size_t i = n + 1; i-- > 0;) {
    const Duration bound =
        r.latest[i + 1] - p.durations(r.location[i], r.location[i + 1]) - r.service[i];
    r.latest[i] = i == 0 ? bound : latest_start(p.jobs[r.jobs[i - 1]], bound);
    r.bwd_max[i] = max_of(r.bwd_max[i + 1], r.load[i]);
  }
  if (r.latest[0] < r.earliest[0]) r.feasible = false;
}

}  // namespace

void refresh_route(const Problem& problem, RouteCache& route) {
  const Vehicle& vehicle = problem.vehicles[route.vehicle];
  const std::size_t n = route.jobs.size();
  resize_all(route, n + 2);
  route.location[0] = vehicle.start_index;
  route.service[0] = 0;
  for (std::size_t k = 0; k < n; ++k) {
    route.location[k + 1] = problem.jobs[route.jobs[k]].location;
    route.service[k + 1] = problem.jobs[route.jobs[k]].service;
  }
  route.location[n + 1] = vehicle.end_index;
  route.service[n + 1] = 0;
  forward_pass(problem, route);
  backward_pass(problem, route);
  route.cost = route.cum_cost[n + 1] + (n > 0 ? vehicle.fixed_cost : 0);
  route.fixed = std::min(vehicle.fixed_prefix.size(), n);
}

bool sequence_feasible(const Problem& problem, std::size_t vehicle,
                       const std::vector<std::size_t>& jobs) {
  RouteCache r;
  r.vehicle = vehicle;
  r.jobs = jobs;
  refresh_route(problem, r);
  if (!r.feasible) return false;
  for (std::size_t k = 0; k < jobs.size(); ++k) {
    const Job& job = problem.jobs[jobs[k]];
    const auto here = jobs.begin() + static_cast<std::ptrdiff_t>(k);
    if (job.type == JobType::pickup && std::find(here, jobs.end(), job.sibling) == jobs.end()) {
      return false;
    }
    if (job.type == JobType::delivery && std::find(jobs.begin(), here, job.sibling) == here) {
      return false;
    }
  }
  return true;
}

}  // namespace reskflow::optimize
