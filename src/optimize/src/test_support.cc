// Test helpers: generated instances, baseline solutions, the checker assertion and a
// brute-force solver.
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "reskflow/optimize/checker.h"
#include "reskflow/optimize/instance_io.h"
#include "reskflow/optimize/travel_model.h"
#include "rng.h"

namespace reskflow::optimize::testing {

namespace {

Problem read_generated(std::expected<Problem, Error> problem, std::string name) {
  if (!problem) throw std::runtime_error(name + " was rejected: " + problem.error().message);
  problem->name = std::move(name);
  return std::move(*problem);
}

}  // namespace

void PrintTo(const InstanceSpec& spec, std::ostream* out) { *out << instance_name(spec); }

Problem generated_vrptw(const InstanceSpec& spec) {
  return read_generated(parse_solomon(generate_solomon(spec)), instance_name(spec));
}

Problem generated_pdptw(const InstanceSpec& spec) {
  return read_generated(parse_lilim(generate_lilim(spec)), instance_name(spec) + "-pd");
}

Problem prepared(Problem draft) {
  auto made = make_problem(std::move(draft));
  if (!made) throw std::runtime_error("make_problem: " + made.error().message);
  return std::move(*made);
}

namespace {

// The nearest job vehicle v can serve next from `at` at time `now` with `load` on board.
std::size_t nearest_servable(const Problem& p, std::size_t v, const std::vector<bool>& served,
                             std::size_t at, Duration now, const Amount& load) {
  const Vehicle& vehicle = p.vehicles[v];
  std::size_t best = no_index;
  for (std::size_t j = 0; j < p.jobs.size(); ++j) {
    const Job& job = p.jobs[j];
    if (served[j] || !p.compatible(j, v) || !(load + job.delivery).fits_in(vehicle.capacity))
      continue;
    const TimeWindow window = job.time_windows.empty() ? TimeWindow{} : job.time_windows.front();
    const Duration start = std::max(now + p.durations(at, job.location), window.start);
    const Duration back = start + job.service + p.durations(job.location, vehicle.end_index);
    if (start > window.end || back > vehicle.time_window.end) continue;
    if (best == no_index || p.costs(at, job.location) < p.costs(at, p.jobs[best].location))
      best = j;
  }
  return best;
}

}  // namespace

Solution nearest_neighbour_solution(const Problem& p) {
  for (const Job& job : p.jobs) {
    if (job.type != JobType::single || job.pickup != Amount{} || job.time_windows.size() > 1)
      throw std::invalid_argument("nearest_neighbour_solution takes single deliveries only");
  }
  Solution s;
  std::vector<bool> served(p.jobs.size(), false);
  for (std::size_t v = 0; v < p.vehicles.size(); ++v) {
    Route route{v, {}};
    std::size_t at = p.vehicles[v].start_index;
    Duration now = p.vehicles[v].time_window.start;
    Amount load = p.vehicles[v].initial_load;
    for (;;) {
      const std::size_t j = nearest_servable(p, v, served, at, now, load);
      if (j == no_index) break;
      const Job& job = p.jobs[j];
      const Duration arrival = now + p.durations(at, job.location);
      now = std::max(arrival, job.time_windows.empty() ? 0 : job.time_windows.front().start) +
            job.service;
      at = job.location;
      load += job.delivery;
      served[j] = true;
      route.jobs.push_back(j);
    }
    if (!route.jobs.empty()) s.routes.push_back(std::move(route));
  }
  for (std::size_t j = 0; j < p.jobs.size(); ++j) {
    if (!served[j]) s.unassigned.push_back(j);
  }
  return s;
}

Solution route_per_unit_solution(const Problem& p) {
  Solution s;
  std::size_t v = 0;
  for (std::size_t j = 0; j < p.jobs.size(); ++j) {
    if (p.jobs[j].type == JobType::delivery) continue;  // served with its pickup
    std::vector<std::size_t> jobs{j};
    if (p.jobs[j].type == JobType::pickup) jobs.push_back(p.jobs[j].sibling);
    if (v < p.vehicles.size()) {
      s.routes.push_back(Route{v++, std::move(jobs)});
    } else {
      s.unassigned.insert(s.unassigned.end(), jobs.begin(), jobs.end());
    }
  }
  return s;
}

void expect_feasible(const Problem& problem, const Solution& solution, bool require_all) {
  const CheckReport report = check_solution(problem, solution, require_all);
  std::string first;
  for (std::size_t i = 0; i < std::min<std::size_t>(3, report.violations.size()); ++i) {
    first += report.violations[i] + "; ";
  }
  EXPECT_TRUE(report.feasible()) << problem.name << ": " << first;
  EXPECT_EQ(report.cost, solution_cost(problem, solution));
}

namespace {

Job random_job(Rng& rng, std::size_t location, bool tight) {
  Job job;
  job.location = location;
  job.service = 5 + static_cast<Duration>(rng.below(10));
  const auto start = static_cast<Duration>(rng.below(tight ? 200 : 50));
  job.time_windows = {
      TimeWindow{start, start + (tight ? 60 : 400) + static_cast<Duration>(rng.below(60))}};
  return job;
}

}  // namespace

Problem random_tiny_problem(std::uint64_t seed, const TinySpec& spec) {
  Rng rng(seed);
  Problem p;
  p.name = "tiny-" + std::to_string(seed);
  const std::size_t locations = 1 + spec.singles + 2 * spec.shipments;
  std::vector<GeoPoint> points;
  for (std::size_t i = 0; i < locations; ++i) {
    points.push_back(
        GeoPoint{static_cast<double>(rng.below(100)), static_cast<double>(rng.below(100))});
    p.coordinates.push_back(Point{points.back().lon, points.back().lat});
  }
  auto m = build_matrices(points, EuclideanModel(), Scales{});
  p.durations = m.durations;
  p.costs = m.distances;
  p.distances = m.distances;
  p.euclidean = true;
  std::size_t loc = 1;
  for (std::size_t i = 0; i < spec.singles; ++i) {
    Job job = random_job(rng, loc++, spec.tight_windows);
    job.id = job.location;
    job.delivery.values[0] = 1 + static_cast<std::int64_t>(rng.below(4));
    p.jobs.push_back(job);
  }
  for (std::size_t i = 0; i < spec.shipments; ++i) {
    Job pick = random_job(rng, loc++, false);
    Job drop = random_job(rng, loc++, false);
    pick.id = pick.location;
    drop.id = drop.location;
    pick.type = JobType::pickup;
    drop.type = JobType::delivery;
    pick.pickup.values[0] = drop.delivery.values[0] = 1 + static_cast<std::int64_t>(rng.below(4));
    pick.sibling = p.jobs.size() + 1;
    drop.sibling = p.jobs.size();
    p.jobs.push_back(pick);
    p.jobs.push_back(drop);
  }
  for (std::size_t v = 0; v < spec.vehicles; ++v) {
    Vehicle vehicle;
    vehicle.id = v + 1;
    vehicle.start = vehicle.end = 0;
    vehicle.capacity.values[0] = 6 + static_cast<std::int64_t>(v);
    vehicle.time_window = TimeWindow{0, 600};
    p.vehicles.push_back(vehicle);
  }
  return prepared(std::move(p));
}

Cost brute_force_optimum(const Problem& problem) {
  const std::size_t n = problem.jobs.size();
  const std::size_t vehicles = problem.vehicles.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  Cost best = cost_max;
  do {
    // Every way to cut the permutation into `vehicles` consecutive (possibly empty) routes.
    std::vector<std::size_t> cuts(vehicles - 1, 0);
    for (;;) {
      Solution s;
      std::size_t from = 0;
      for (std::size_t v = 0; v < vehicles; ++v) {
        const std::size_t to = v + 1 < vehicles ? cuts[vehicles - 2 - v] : n;  // non-decreasing
        if (to > from)
          s.routes.push_back(Route{v,
                                   {order.begin() + static_cast<std::ptrdiff_t>(from),
                                    order.begin() + static_cast<std::ptrdiff_t>(to)}});
        from = std::max(from, to);
      }
      const CheckReport report = check_solution(problem, s, true);
      if (report.feasible()) best = std::min(best, report.cost);
      std::size_t k = 0;
      while (k < cuts.size() && cuts[k] == n) ++k;
      if (k == cuts.size()) break;
      ++cuts[k];
      for (std::size_t i = 0; i < k; ++i) cuts[i] = cuts[k];
    }
  } while (std::next_permutation(order.begin(), order.end()));
  return best;
}

}  // namespace reskflow::optimize::testing
