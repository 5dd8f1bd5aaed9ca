// A route with the forward/backward data that make insertion and segment-replacement checks
// O(1) in time windows and capacity: earliest and latest service starts, loads, cost sums.
#pragma once

#include <vector>

#include "reskflow/optimize/problem.h"

namespace reskflow::optimize {

// Returns a start above duration_max when no window is still open at `arrival`.
inline Duration earliest_start(const Job& job, Duration arrival) {
  for (const TimeWindow& w : job.time_windows) {
    if (arrival <= w.end) return arrival > w.start ? arrival : w.start;
  }
  return 2 * duration_max;
}

// The latest start not after `bound` inside a window; negative when there is none.
inline Duration latest_start(const Job& job, Duration bound) {
  for (auto w = job.time_windows.rbegin(); w != job.time_windows.rend(); ++w) {
    if (w->start <= bound) return bound < w->end ? bound : w->end;
  }
  return -duration_max;
}

// Positions run 0 (start) .. n + 1 (end); job k sits at position k + 1.
struct RouteCache {
  std::size_t vehicle = 0;
  std::size_t fixed = 0;  // the first `fixed` jobs never move
  std::vector<std::size_t> jobs;
  std::vector<std::size_t> location;  // n + 2
  std::vector<Duration> service;      // n + 2
  std::vector<Duration> earliest;     // earliest service start, n + 2
  std::vector<Duration> latest;       // latest service start keeping the rest feasible
  std::vector<Amount> load;           // on board when leaving the position (end: as n)
  std::vector<Amount> fwd_max;        // max of load[0..i]
  std::vector<Amount> bwd_max;        // max of load[i..n]
  std::vector<Amount> cum_delivery;   // start-loaded amounts of positions 1..i
  std::vector<Cost> cum_cost;         // arc costs from the start to position i
  std::vector<std::uint32_t> open;    // shipments picked up and not delivered after i
  Cost cost = 0;                      // arc costs plus the fixed cost when not empty
  bool feasible = true;

  [[nodiscard]] std::size_t size() const { return jobs.size(); }
  [[nodiscard]] bool empty() const { return jobs.empty(); }
};

// Recomputes every cached array from `jobs`.
void refresh_route(const Problem& problem, RouteCache& route);

// A full O(n) check of a job sequence on a vehicle (used only to confirm improving moves that
// reorder a route internally).
bool sequence_feasible(const Problem& problem, std::size_t vehicle,
                       const std::vector<std::size_t>& jobs);

}  // namespace reskflow::optimize
