// The independent feasibility checker. It shares no code with the solvers on purpose: it
// walks each route from scratch and states every broken rule in words.
#include "reskflow/optimize/checker.h"

#include <algorithm>
#include "text.h"

namespace reskflow::optimize {
namespace {

class Checker {
 public:
  Checker(const Problem& problem, CheckReport& report) : p_(problem), report_(report) {}

  void check(const Solution& solution, bool require_all);

 private:
  void fail(std::string message) { report_.violations.push_back(std::move(message)); }
  void check_membership(const Solution& solution, bool require_all);
  void check_route(const Route& route);
  void check_prefix(const Route& route);
  void check_order_and_skills(const Route& route);
  void check_capacity(const Route& route);
  void check_times(const Route& route);

  const Problem& p_;
  CheckReport& report_;
};

void Checker::check(const Solution& solution, bool require_all) {
  check_membership(solution, require_all);
  if (!report_.violations.empty()) return;  // indices are unsafe to follow
  std::vector<bool> used(p_.vehicles.size(), false);
  for (const Route& route : solution.routes) {
    if (used[route.vehicle]) fail(format_text("vehicle {} has two routes", route.vehicle));
    used[route.vehicle] = true;
    check_route(route);
  }
}

void Checker::check_membership(const Solution& solution, bool require_all) {
  std::vector<int> seen(p_.jobs.size(), 0);
  for (const Route& route : solution.routes) {
    if (route.vehicle >= p_.vehicles.size()) {
      fail(format_text("route names vehicle {} of {}", route.vehicle, p_.vehicles.size()));
      return;
    }
    for (const std::size_t j : route.jobs) {
      if (j >= p_.jobs.size()) {
        fail(format_text("route of vehicle {} names job {}", route.vehicle, j));
        return;
      }
      ++seen[j];
    }
  }
  for (const std::size_t j : solution.unassigned) {
    if (j >= p_.jobs.size()) {
      fail(format_text("unassigned list names job {}", j));
      return;
    }
    ++seen[j];
    if (require_all) fail(format_text("job {} (id {}) is unassigned", j, p_.jobs[j].id));
  }
  for (std::size_t j = 0; j < seen.size(); ++j) {
    if (seen[j] != 1)
      fail(format_text("job {} (id {}) appears {} times", j, p_.jobs[j].id, seen[j]));
  }
  for (const Vehicle& v : p_.vehicles) {
    for (const std::size_t j : v.fixed_prefix) {
      if (std::find(solution.unassigned.begin(), solution.unassigned.end(), j) !=
          solution.unassigned.end()) {
        fail(format_text("fixed job {} of vehicle {} is unassigned", j, v.id));
      }
    }
  }
}

void Checker::check_route(const Route& route) {
  check_prefix(route);
  check_order_and_skills(route);
  check_capacity(route);
  check_times(route);  // also sums the route's cost
}

void Checker::check_prefix(const Route& route) {
  const Vehicle& vehicle = p_.vehicles[route.vehicle];
  const auto& prefix = vehicle.fixed_prefix;
  if (route.jobs.size() < prefix.size() ||
      !std::equal(prefix.begin(), prefix.end(), route.jobs.begin())) {
    fail(format_text("vehicle {} does not start with its fixed prefix", vehicle.id));
  }
  for (std::size_t v = 0; v < p_.vehicles.size(); ++v) {
    if (v == route.vehicle) continue;
    for (const std::size_t j : p_.vehicles[v].fixed_prefix) {
      if (std::find(route.jobs.begin(), route.jobs.end(), j) != route.jobs.end()) {
        fail(format_text("job {} is fixed on vehicle {} but served by vehicle {}", j,
                         p_.vehicles[v].id, vehicle.id));
      }
    }
  }
}

void Checker::check_order_and_skills(const Route& route) {
  const Vehicle& vehicle = p_.vehicles[route.vehicle];
  for (std::size_t k = 0; k < route.jobs.size(); ++k) {
    const Job& job = p_.jobs[route.jobs[k]];
    for (const std::uint32_t skill : job.skills) {
      if (std::find(vehicle.skills.begin(), vehicle.skills.end(), skill) == vehicle.skills.end()) {
        fail(format_text("job {} needs skill {} that vehicle {} lacks", job.id, skill, vehicle.id));
      }
    }
    if (job.type == JobType::single) continue;
    const auto other = std::find(route.jobs.begin(), route.jobs.end(), job.sibling);
    if (other == route.jobs.end()) {
      fail(format_text("job {} is on vehicle {} without its shipment sibling", job.id, vehicle.id));
      continue;
    }
    const auto other_pos = static_cast<std::size_t>(other - route.jobs.begin());
    if (job.type == JobType::pickup && other_pos < k) {
      fail(format_text("delivery {} comes before its pickup {}", p_.jobs[job.sibling].id, job.id));
    }
  }
}

void Checker::check_capacity(const Route& route) {
  const Vehicle& vehicle = p_.vehicles[route.vehicle];
  Amount load = vehicle.initial_load;
  for (const std::size_t j : route.jobs) {
    if (p_.jobs[j].type == JobType::single) load = load + p_.jobs[j].delivery;
  }
  if (!load.fits_in(vehicle.capacity)) {
    fail(format_text("vehicle {} leaves overloaded", vehicle.id));
  }
  for (const std::size_t j : route.jobs) {
    const Job& job = p_.jobs[j];
    load = load - job.delivery;
    if (!load.is_non_negative()) fail(format_text("job {} drops more than is on board", job.id));
    load = load + job.pickup;
    if (!load.fits_in(vehicle.capacity)) {
      fail(format_text("vehicle {} is overloaded after job {}", vehicle.id, job.id));
    }
  }
}

void Checker::check_times(const Route& route) {
  const Vehicle& vehicle = p_.vehicles[route.vehicle];
  Duration now = vehicle.time_window.start;
  std::size_t at = vehicle.start_index;
  for (const std::size_t j : route.jobs) {
    const Job& job = p_.jobs[j];
    now += p_.durations(at, job.location);
    report_.cost += p_.costs(at, job.location);
    at = job.location;
    bool served = false;
    for (const TimeWindow& w : job.time_windows) {
      if (now <= w.end) {
        now = std::max(now, w.start);
        served = true;
        break;
      }
    }
    if (!served)
      fail(format_text("vehicle {} reaches job {} too late ({})", vehicle.id, job.id, now));
    now += job.service;
  }
  now += p_.durations(at, vehicle.end_index);
  report_.cost += p_.costs(at, vehicle.end_index);
  if (!route.jobs.empty()) report_.cost += vehicle.fixed_cost;
  if (now > vehicle.time_window.end) {
    fail(format_text("vehicle {} ends its shift late ({} > {})", vehicle.id, now,
                     vehicle.time_window.end));
  }
}

}  // namespace

CheckReport check_solution(const Problem& problem, const Solution& solution, bool require_all) {
  CheckReport report;
  Checker(problem, report).check(solution, require_all);
  return report;
}

}  // namespace reskflow::optimize
