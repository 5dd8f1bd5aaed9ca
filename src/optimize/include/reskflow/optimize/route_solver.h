// Route optimization (VRPTW, CVRP, PDPTW): regret insertion, then ruin-and-recreate with
// string removals (SISR) under simulated annealing, polished by local search.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <span>

#include "reskflow/optimize/problem.h"
#include "reskflow/optimize/solution.h"

namespace reskflow::optimize {

// Knobs of the ruin-and-recreate search; the defaults are used for every benchmark class.
struct SearchParameters {
  double removed_average = 10.0;       // SISR c-bar: customers removed per iteration on average
  std::size_t string_length_max = 10;  // SISR L_max
  double split_rate = 0.5;             // probability of the split-string removal
  double split_depth = 0.1;            // probability of stopping to grow the kept part
  double blink_rate = 0.01;            // probability of skipping an insertion position
  double temperature_start = 3.0;      // times the average arc cost of the construction
  double temperature_end = 0.03;
};

struct SolveOptions {
  std::chrono::milliseconds time_limit{1000};  // wall-clock budget, always honoured
  std::uint64_t seed = 1;
  unsigned threads = 1;  // independent searches, best one wins
  // Iterations per thread. When set the search does not read the clock to steer itself, so
  // the result depends only on (problem, seed, threads, iteration_limit) as long as the
  // time limit is not reached first.
  std::uint64_t iteration_limit = 0;
  SearchParameters search;
};

struct SolveStats {
  std::uint64_t iterations = 0;  // summed over threads
  std::chrono::milliseconds elapsed{0};
  unsigned threads = 1;
};

struct SolveResult {
  Solution solution;
  SolveStats stats;
};

// Fails with invalid_input when the problem has no vehicle or did not go through make_problem.
std::expected<SolveResult, Error> solve_routes(const Problem& problem, const SolveOptions& options);

// The construction alone: regret-2 insertion of every job (fixed prefixes first).
Solution construct_solution(const Problem& problem);

// Batching for routes under way: inserts new jobs (and shipments, by their pickup or
// delivery index) at their cheapest feasible positions after each vehicle's fixed prefix,
// without reordering a stop that is already planned. Jobs that fit nowhere are unassigned.
std::expected<Solution, Error> insert_orders(const Problem& problem, const Solution& current,
                                             std::span<const std::size_t> new_jobs);

}  // namespace reskflow::optimize
