// The SISR search loop: ruin adjacent strings of customers, recreate greedily with blinks,
// accept by simulated annealing on the objective, polish each new best by local search.
#include "search.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "insertion.h"
#include "local_search.h"
#include "rng.h"

namespace reskflow::optimize {
namespace {

constexpr std::size_t adjacency_max = 100;

class Sisr {
 public:
  Sisr(const Problem& p, const SearchParameters& params, std::uint64_t seed)
      : p_(p), params_(params), rng_(seed), classes_(vehicle_classes(p)) {
    build_adjacency();
    pinned_.assign(p.jobs.size(), 0);
    for (const Vehicle& v : p.vehicles) {
      for (const std::size_t j : v.fixed_prefix) {
        pinned_[j] = 1;
        if (p.jobs[j].sibling != no_index) pinned_[p.jobs[j].sibling] = 1;
      }
    }
    ruined_.assign(p.vehicles.size(), 0);
    removed_mark_.assign(p.jobs.size(), 0);
  }

  SearchOutcome run(const SearchState& initial, const SearchLimits& limits);

 private:
  void build_adjacency();
  void ruin(SearchState& s);
  void remove_string(SearchState& s, std::size_t route, std::size_t at, std::size_t length);
  void remove_split_string(SearchState& s, std::size_t route, std::size_t at, std::size_t length);
  void mark_removed(std::size_t job);
  void recreate(SearchState& s);
  void sort_units(std::vector<std::size_t>& units);

  const Problem& p_;
  SearchParameters params_;
  Rng rng_;
  std::vector<std::size_t> classes_;
  std::vector<std::vector<std::uint32_t>> adjacency_;  // nearest jobs first, self included
  std::vector<std::uint8_t> pinned_;                   // fixed jobs and their siblings
  std::vector<std::uint8_t> ruined_;
  std::vector<std::uint8_t> removed_mark_;
  std::vector<std::size_t> removed_;  // removed jobs (both shipment halves)
  std::vector<std::size_t> candidates_;
};

void Sisr::build_adjacency() {
  const std::size_t n = p_.jobs.size();
  adjacency_.resize(n);
  std::vector<std::uint32_t> order(n);
  for (std::size_t j = 0; j < n; ++j) {
    std::iota(order.begin(), order.end(), 0U);
    const std::size_t lj = p_.jobs[j].location;
    const auto dist = [&](std::uint32_t k) {
      const std::size_t lk = p_.jobs[k].location;
      return k == j ? -1 : p_.costs(lj, lk) + p_.costs(lk, lj);
    };
    const std::size_t keep = std::min(n, adjacency_max);
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
                      [&](std::uint32_t a, std::uint32_t b) { return dist(a) < dist(b); });
    adjacency_[j].assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep));
  }
}

void Sisr::mark_removed(std::size_t job) {
  if (removed_mark_[job] != 0) return;
  removed_mark_[job] = 1;
  removed_.push_back(job);
  const std::size_t sibling = p_.jobs[job].sibling;
  if (sibling != no_index && removed_mark_[sibling] == 0) {
    removed_mark_[sibling] = 1;
    removed_.push_back(sibling);
  }
}

void Sisr::remove_string(SearchState& s, std::size_t route, std::size_t at, std::size_t length) {
  const RouteCache& r = s.routes[route];
  const std::size_t lo = std::max(r.fixed + length - 1, at) - (length - 1);
  const std::size_t hi = std::min(at, r.size() - length);
  const std::size_t first = lo + rng_.below(hi - lo + 1);
  for (std::size_t k = first; k < first + length; ++k) {
    if (pinned_[r.jobs[k]] == 0) mark_removed(r.jobs[k]);
  }
}

// Removes `length` jobs from a longer string around `at`, keeping a run of m jobs inside.
void Sisr::remove_split_string(SearchState& s, std::size_t route, std::size_t at,
                               std::size_t length) {
  const RouteCache& r = s.routes[route];
  const std::size_t free = r.size() - r.fixed;
  std::size_t kept = 1;
  while (length + kept < free && !rng_.chance(params_.split_depth)) ++kept;
  const std::size_t span = length + kept;
  const std::size_t lo = std::max(r.fixed + span - 1, at) - (span - 1);
  const std::size_t hi = std::min(at, r.size() - span);
  const std::size_t first = lo + rng_.below(hi - lo + 1);
  const std::size_t keep_from = first + rng_.below(length + 1);
  for (std::size_t k = first; k < first + span; ++k) {
    if (k >= keep_from && k < keep_from + kept) continue;
    if (pinned_[r.jobs[k]] == 0) mark_removed(r.jobs[k]);
  }
}

void Sisr::ruin(SearchState& s) {
  std::size_t served = 0;
  std::size_t used_routes = 0;
  for (const RouteCache& r : s.routes) {
    served += r.size() - r.fixed;
    if (!r.empty()) ++used_routes;
  }
  if (served == 0) return;
  const double avg = static_cast<double>(served) / static_cast<double>(used_routes);
  const double ls_max = std::min(static_cast<double>(params_.string_length_max), avg);
  const double ks_max = 4.0 * params_.removed_average / (1.0 + ls_max) - 1.0;
  const auto ks = static_cast<std::size_t>(1.0 + rng_.unit() * ks_max);
  std::size_t seed = rng_.below(p_.jobs.size());
  for (std::size_t tries = 0; s.route_of[seed] == no_index || pinned_[seed] != 0; ++tries) {
    if (tries > 4 * p_.jobs.size()) return;
    seed = rng_.below(p_.jobs.size());
  }
  std::size_t ruined_count = 0;
  for (const std::uint32_t c : adjacency_[seed]) {
    if (ruined_count >= ks) break;
    const std::size_t route = s.route_of[c];
    if (route == no_index || ruined_[route] != 0 || pinned_[c] != 0 || removed_mark_[c] != 0)
      continue;
    const RouteCache& r = s.routes[route];
    const auto at =
        static_cast<std::size_t>(std::find(r.jobs.begin(), r.jobs.end(), c) - r.jobs.begin());
    const std::size_t free = r.size() - r.fixed;
    const auto l_max = static_cast<std::size_t>(std::min(static_cast<double>(free), ls_max));
    const std::size_t length = 1 + rng_.below(std::max<std::size_t>(l_max, 1));
    if (length < free && rng_.chance(params_.split_rate)) {
      remove_split_string(s, route, at, length);
    } else {
      remove_string(s, route, at, length);
    }
    ruined_[route] = 1;
    ++ruined_count;
  }
  for (std::size_t route = 0; route < s.routes.size(); ++route) {
    if (ruined_[route] == 0) continue;
    ruined_[route] = 0;
    std::vector<std::size_t> kept;
    kept.reserve(s.routes[route].size());
    for (const std::size_t j : s.routes[route].jobs) {
      if (removed_mark_[j] == 0) kept.push_back(j);
    }
    set_route_jobs(p_, s, route, std::move(kept));
  }
}

void Sisr::sort_units(std::vector<std::size_t>& units) {
  const std::size_t depot = p_.vehicles.front().start_index;
  const auto far = [&](std::size_t j) { return p_.costs(depot, p_.jobs[j].location); };
  const auto demand = [&](std::size_t j) {
    return p_.jobs[j].delivery.sum() + p_.jobs[j].pickup.sum();
  };
  const double pick = rng_.unit() * 11.0;
  for (std::size_t i = units.size(); i > 1; --i) std::swap(units[i - 1], units[rng_.below(i)]);
  if (pick < 4.0) return;  // random order
  if (pick < 8.0) {
    std::stable_sort(units.begin(), units.end(),
                     [&](auto a, auto b) { return demand(a) > demand(b); });
  } else if (pick < 10.0) {
    std::stable_sort(units.begin(), units.end(), [&](auto a, auto b) { return far(a) > far(b); });
  } else {
    std::stable_sort(units.begin(), units.end(), [&](auto a, auto b) { return far(a) < far(b); });
  }
}

void Sisr::recreate(SearchState& s) {
  std::vector<std::size_t> units = s.unassigned;
  s.unassigned.clear();
  for (const std::size_t j : removed_) {
    removed_mark_[j] = 0;
    if (unit_of(p_, j) == j) units.push_back(j);
  }
  removed_.clear();
  sort_units(units);
  const Blink blink{&rng_, params_.blink_rate};
  for (const std::size_t u : units) {
    candidate_routes(p_, s, classes_, candidates_);
    Insertion best;
    for (const std::size_t r : candidates_) {
      if (p_.compatible(u, s.routes[r].vehicle)) best_insertion(p_, s.routes[r], r, u, best, blink);
    }
    if (!best.found()) {
      s.unassigned.push_back(u);
      continue;
    }
    apply_insertion(p_, s.routes[best.route], u, best);
    s.route_of[u] = best.route;
    if (p_.jobs[u].sibling != no_index) s.route_of[p_.jobs[u].sibling] = best.route;
    mark_touched(s, best.route);
  }
  recompute_cost(p_, s);
}

double average_arc_cost(const SearchState& s) {
  Cost travel = 0;
  std::size_t arcs = 0;
  for (const RouteCache& r : s.routes) {
    if (r.empty()) continue;
    travel += r.cum_cost.back();
    arcs += r.size() + 1;
  }
  return arcs == 0 ? 1.0 : std::max(1.0, static_cast<double>(travel) / static_cast<double>(arcs));
}

void clear_touched(SearchState& s) {
  for (const std::size_t r : s.touched) s.is_touched[r] = 0;
  s.touched.clear();
}

SearchOutcome Sisr::run(const SearchState& initial, const SearchLimits& limits) {
  SearchOutcome out{initial, 0};
  local_search(p_, out.best, classes_);  // a cheap head start for short budgets
  SearchState current = out.best;
  SearchState candidate = out.best;
  clear_touched(current);
  clear_touched(candidate);
  const double arc = average_arc_cost(initial);
  const double t_start = params_.temperature_start * arc;
  const double t_end = params_.temperature_end * arc;
  const double budget = std::chrono::duration<double>(limits.budget).count();
  for (;; ++out.iterations) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - limits.start).count();
    if (elapsed >= budget) break;
    if (limits.iteration_limit > 0 && out.iterations >= limits.iteration_limit) break;
    const double progress =
        limits.iteration_limit > 0
            ? static_cast<double>(out.iterations) / static_cast<double>(limits.iteration_limit)
            : elapsed / budget;
    const double temperature = t_start * std::pow(t_end / t_start, progress);
    ruin(candidate);
    recreate(candidate);
    const double threshold =
        static_cast<double>(current.cost) - temperature * std::log(1.0 - rng_.unit());
    if (static_cast<double>(candidate.cost) < threshold) {
      if (candidate.cost < out.best.cost) {
        local_search(p_, candidate, classes_);
        out.best = candidate;
      }
      sync_state(candidate, current, candidate.touched);
    } else {
      sync_state(current, candidate, candidate.touched);
    }
    clear_touched(candidate);
  }
  clear_touched(out.best);
  return out;
}

}  // namespace

SearchOutcome run_search(const Problem& problem, const SearchState& initial,
                         const SearchParameters& parameters, std::uint64_t seed,
                         const SearchLimits& limits) {
  Sisr search(problem, parameters, seed);
  return search.run(initial, limits);
}

}  // namespace reskflow::optimize
