// Search state bookkeeping and the regret-2 construction.
#include "search_state.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "insertion.h"

namespace reskflow::optimize {

std::vector<std::size_t> vehicle_classes(const Problem& p) {
  using Key = std::tuple<std::size_t, std::size_t, Duration, Duration, std::vector<std::int64_t>,
                         std::vector<std::uint32_t>, Cost, std::size_t>;
  std::map<Key, std::size_t> ids;
  std::vector<std::size_t> classes(p.vehicles.size());
  for (std::size_t v = 0; v < p.vehicles.size(); ++v) {
    const Vehicle& x = p.vehicles[v];
    std::vector<std::int64_t> amounts(x.capacity.values.begin(), x.capacity.values.end());
    amounts.insert(amounts.end(), x.initial_load.values.begin(), x.initial_load.values.end());
    auto skills = x.skills;
    std::sort(skills.begin(), skills.end());
    // Vehicles with a fixed prefix are never interchangeable: their class is their own.
    const std::size_t own = x.fixed_prefix.empty() ? no_index : v;
    Key key{x.start_index,      x.end_index,       x.time_window.start, x.time_window.end,
            std::move(amounts), std::move(skills), x.fixed_cost,        own};
    classes[v] = ids.try_emplace(std::move(key), ids.size()).first->second;
  }
  return classes;
}

SearchState make_state(const Problem& p, const Solution& solution) {
  SearchState s;
  s.routes.resize(p.vehicles.size());
  s.route_of.assign(p.jobs.size(), no_index);
  s.is_touched.assign(p.vehicles.size(), 0);
  std::vector<std::vector<std::size_t>> jobs(p.vehicles.size());
  for (const Route& route : solution.routes) jobs[route.vehicle] = route.jobs;
  std::vector<bool> fixed(p.jobs.size(), false);
  for (const Vehicle& v : p.vehicles) {
    for (const std::size_t j : v.fixed_prefix) fixed[j] = true;
  }
  for (std::size_t v = 0; v < p.vehicles.size(); ++v) {
    std::vector<std::size_t> ordered = p.vehicles[v].fixed_prefix;
    for (const std::size_t j : jobs[v]) {
      if (!fixed[j]) ordered.push_back(j);
    }
    s.routes[v].vehicle = v;
    set_route_jobs(p, s, v, std::move(ordered));
  }
  for (std::size_t j = 0; j < p.jobs.size(); ++j) {
    if (s.route_of[j] == no_index && unit_of(p, j) == j) s.unassigned.push_back(j);
  }
  s.touched.clear();
  std::fill(s.is_touched.begin(), s.is_touched.end(), 0);
  recompute_cost(p, s);
  return s;
}

Solution to_solution(const Problem& p, const SearchState& s) {
  Solution out;
  for (const RouteCache& r : s.routes) {
    if (!r.empty()) out.routes.push_back(Route{r.vehicle, r.jobs});
  }
  for (const std::size_t u : s.unassigned) {
    out.unassigned.push_back(u);
    if (p.jobs[u].sibling != no_index) out.unassigned.push_back(p.jobs[u].sibling);
  }
  std::sort(out.unassigned.begin(), out.unassigned.end());
  return out;
}

void recompute_cost(const Problem& p, SearchState& s) {
  Cost total = 0;
  for (const RouteCache& r : s.routes) total += r.cost;
  for (const std::size_t u : s.unassigned) {
    total += p.unassigned_penalty[u];
    if (p.jobs[u].sibling != no_index) total += p.unassigned_penalty[p.jobs[u].sibling];
  }
  s.cost = total;
}

void mark_touched(SearchState& s, std::size_t route) {
  if (s.is_touched[route] == 0) {
    s.is_touched[route] = 1;
    s.touched.push_back(route);
  }
}

void set_route_jobs(const Problem& p, SearchState& s, std::size_t route,
                    std::vector<std::size_t> jobs) {
  RouteCache& r = s.routes[route];
  for (const std::size_t j : r.jobs) s.route_of[j] = no_index;
  r.jobs = std::move(jobs);
  for (const std::size_t j : r.jobs) s.route_of[j] = route;
  refresh_route(p, r);
  mark_touched(s, route);
}

void sync_state(const SearchState& from, SearchState& to, const std::vector<std::size_t>& routes) {
  for (const std::size_t r : routes) to.routes[r] = from.routes[r];
  to.route_of = from.route_of;
  to.unassigned = from.unassigned;
  to.cost = from.cost;
}

void candidate_routes(const Problem& p, const SearchState& s,
                      const std::vector<std::size_t>& classes, std::vector<std::size_t>& out) {
  out.clear();
  std::size_t seen_mask_size = 0;
  for (const std::size_t c : classes) seen_mask_size = std::max(seen_mask_size, c + 1);
  thread_local std::vector<std::uint8_t> seen;
  seen.assign(seen_mask_size, 0);
  for (std::size_t r = 0; r < s.routes.size(); ++r) {
    if (!s.routes[r].empty()) {
      out.push_back(r);
    } else if (seen[classes[r]] == 0) {
      seen[classes[r]] = 1;
      out.push_back(r);
    }
  }
  (void)p;
}

namespace {

Cost unit_penalty(const Problem& p, std::size_t u) {
  const std::size_t s = p.jobs[u].sibling;
  return p.unassigned_penalty[u] + (s == no_index ? 0 : p.unassigned_penalty[s]);
}

void fill_row(const Problem& p, const SearchState& s, std::size_t u, std::size_t r,
              Insertion& entry) {
  entry = Insertion{};
  if (p.compatible(u, s.routes[r].vehicle)) best_insertion(p, s.routes[r], r, u, entry);
}

// Index in `units` of the unit with the largest regret, or no_index when none fits.
std::size_t pick_max_regret(const Problem& p, const std::vector<std::size_t>& units,
                            const std::vector<Insertion>& table, std::size_t route_count,
                            const std::vector<std::size_t>& candidates,
                            std::vector<std::size_t>& hopeless) {
  std::size_t chosen = no_index;
  Cost chosen_regret = -1;
  for (std::size_t i = 0; i < units.size(); ++i) {
    Cost best = cost_max;
    Cost second = cost_max;
    for (const std::size_t r : candidates) {
      const Cost d = table[i * route_count + r].delta;
      if (d < best) {
        second = best;
        best = d;
      } else if (d < second) {
        second = d;
      }
    }
    if (best == cost_max) {
      hopeless.push_back(i);
      continue;
    }
    const Cost regret = (second == cost_max ? unit_penalty(p, units[i]) : second) - best;
    if (regret > chosen_regret) {
      chosen_regret = regret;
      chosen = i;
    }
  }
  return chosen;
}

}  // namespace

void regret_insert(const Problem& p, SearchState& s, const std::vector<std::size_t>& classes,
                   std::vector<std::size_t> units) {
  const std::size_t route_count = s.routes.size();
  std::vector<Insertion> table(units.size() * route_count);
  for (std::size_t i = 0; i < units.size(); ++i) {
    for (std::size_t r = 0; r < route_count; ++r)
      fill_row(p, s, units[i], r, table[i * route_count + r]);
  }
  std::vector<std::size_t> candidates;
  std::vector<std::size_t> hopeless;
  while (!units.empty()) {
    candidate_routes(p, s, classes, candidates);
    hopeless.clear();
    const std::size_t i = pick_max_regret(p, units, table, route_count, candidates, hopeless);
    if (i == no_index) break;
    const std::size_t u = units[i];
    const Insertion ins = table[i * route_count + [&] {
      std::size_t best_r = candidates.front();
      for (const std::size_t r : candidates) {
        if (table[i * route_count + r].delta < table[i * route_count + best_r].delta) best_r = r;
      }
      return best_r;
    }()];
    apply_insertion(p, s.routes[ins.route], u, ins);
    s.route_of[u] = ins.route;
    if (p.jobs[u].sibling != no_index) s.route_of[p.jobs[u].sibling] = ins.route;
    mark_touched(s, ins.route);
    // Drop the inserted unit (swap with the last row), then refresh the changed route's column.
    const std::size_t last = units.size() - 1;
    units[i] = units[last];
    for (std::size_t r = 0; r < route_count; ++r)
      table[i * route_count + r] = table[last * route_count + r];
    units.pop_back();
    table.resize(units.size() * route_count);
    for (std::size_t k = 0; k < units.size(); ++k)
      fill_row(p, s, units[k], ins.route, table[k * route_count + ins.route]);
  }
  for (const std::size_t u : units) s.unassigned.push_back(u);
  recompute_cost(p, s);
}

}  // namespace reskflow::optimize
