// The mutable solution the searches work on: one cached route per vehicle, the route of each
// job, the unassigned jobs and the objective (arc and fixed costs plus penalties).
#pragma once

#include <vector>

#include "reskflow/optimize/problem.h"
#include "reskflow/optimize/solution.h"
#include "route_cache.h"

namespace reskflow::optimize {

struct SearchState {
  std::vector<RouteCache> routes;       // index = vehicle
  std::vector<std::size_t> route_of;    // per job; no_index when unassigned
  std::vector<std::size_t> unassigned;  // units (single jobs and pickups)
  Cost cost = 0;
  std::vector<std::size_t> touched;  // routes changed since the last sync
  std::vector<std::uint8_t> is_touched;
};

// Vehicles that are interchangeable when empty share a class; one empty route per class is
// enough to try.
std::vector<std::size_t> vehicle_classes(const Problem& problem);

// Builds a state from a solution: fixed prefixes are put first if missing.
SearchState make_state(const Problem& problem, const Solution& solution);
Solution to_solution(const Problem& problem, const SearchState& state);

void recompute_cost(const Problem& problem, SearchState& state);
void mark_touched(SearchState& state, std::size_t route);
// Replaces the jobs of a route, refreshes it and updates route_of.
void set_route_jobs(const Problem& problem, SearchState& state, std::size_t route,
                    std::vector<std::size_t> jobs);
// Copies the routes touched in `from` (and the scalar parts) into `to`; clears the marks.
void sync_state(const SearchState& from, SearchState& to, const std::vector<std::size_t>& routes);

// Routes worth trying for a unit: the non-empty ones and one empty route per class.
void candidate_routes(const Problem& problem, const SearchState& state,
                      const std::vector<std::size_t>& classes, std::vector<std::size_t>& out);

// Regret-2 insertion of `units` (single jobs and pickups); what fits nowhere is unassigned.
void regret_insert(const Problem& problem, SearchState& state,
                   const std::vector<std::size_t>& classes, std::vector<std::size_t> units);

}  // namespace reskflow::optimize
