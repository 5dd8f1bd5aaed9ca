// Cheapest feasible insertion of a job or a shipment (pickup, delivery) into a cached route,
// with O(1) window and capacity checks per position.
#pragma once

#include "reskflow/optimize/problem.h"
#include "rng.h"
#include "route_cache.h"

namespace reskflow::optimize {

// pos: the new job goes right after position pos (0 = the start). For a shipment the pickup
// goes after pos and the delivery after pos2 >= pos (original positions).
struct Insertion {
  Cost delta = cost_max;
  std::size_t route = no_index;
  std::size_t pos = 0;
  std::size_t pos2 = 0;
  [[nodiscard]] bool found() const { return route != no_index; }
};

// Blinks (SISR): each improving position is skipped with probability blink_rate.
struct Blink {
  Rng* rng = nullptr;
  double rate = 0.0;
  bool skip() const { return rng != nullptr && rng->chance(rate); }
};

// Updates `best` when a cheaper feasible position exists in `route` (index route_id).
void best_single_insertion(const Problem& problem, const RouteCache& route, std::size_t route_id,
                           std::size_t job, Insertion& best, const Blink& blink = {});
void best_pair_insertion(const Problem& problem, const RouteCache& route, std::size_t route_id,
                         std::size_t pickup, Insertion& best, const Blink& blink = {});

// Either of the above by the job's type (a delivery half is inserted through its pickup).
void best_insertion(const Problem& problem, const RouteCache& route, std::size_t route_id,
                    std::size_t unit, Insertion& best, const Blink& blink = {});

// Inserts the job (and its delivery for a pickup) and refreshes the route.
void apply_insertion(const Problem& problem, RouteCache& route, std::size_t unit,
                     const Insertion& insertion);

// The job that represents a job in insertions: itself, or the pickup of a shipment.
inline std::size_t unit_of(const Problem& problem, std::size_t job) {
  return problem.jobs[job].type == JobType::delivery ? problem.jobs[job].sibling : job;
}

}  // namespace reskflow::optimize
