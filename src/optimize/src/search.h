// Ruin and recreate with string removals (SISR, Christiaens & Vanden Berghe 2020) under
// simulated annealing; new best solutions are polished by local search.
#pragma once

#include <chrono>
#include <cstdint>

#include "reskflow/optimize/route_solver.h"
#include "search_state.h"

namespace reskflow::optimize {

struct SearchLimits {
  std::chrono::steady_clock::time_point start;
  std::chrono::steady_clock::duration budget{};
  std::uint64_t iteration_limit = 0;  // when set, the schedule follows iterations, not time
};

struct SearchOutcome {
  SearchState best;
  std::uint64_t iterations = 0;
};

SearchOutcome run_search(const Problem& problem, const SearchState& initial,
                         const SearchParameters& parameters, std::uint64_t seed,
                         const SearchLimits& limits);

}  // namespace reskflow::optimize
