// Test helpers: data location, bks.csv, the checker assertion and a brute-force solver.
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <sstream>

#include "reskflow/optimize/checker.h"
#include "reskflow/optimize/instance_io.h"
#include "reskflow/optimize/travel_model.h"
#include "rng.h"

namespace reskflow::optimize::testing {

std::filesystem::path data_dir() {
  const char* root = std::getenv("RESKFLOW_SOURCE_DIR");
  const std::filesystem::path base = root != nullptr ? root : ".";
  return base / ".." / "shared" / "data";
}

Problem load_instance(const std::string& relative_path) {
  auto problem = read_instance_file(data_dir() / relative_path);
  if (!problem) {
    ADD_FAILURE() << relative_path << ": " << problem.error().message;
    return Problem{};
  }
  return std::move(*problem);
}

double solomon_bks_distance(const std::string& name) {
  std::ifstream in(data_dir() / "solomon" / "bks.csv");
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    if (cells.size() >= 5 && cells[0] == name) return std::stod(cells[4]);
  }
  return 0.0;
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
  auto made = make_problem(std::move(p));
  EXPECT_TRUE(made.has_value());
  return std::move(*made);
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
