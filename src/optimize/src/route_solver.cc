// Route solver entry points: construction, the (multi-threaded) search and batching of new
// orders into routes under way.
#include "reskflow/optimize/route_solver.h"

#include <algorithm>
#include <thread>
#include "text.h"

#include "insertion.h"
#include "reskflow/optimize/checker.h"
#include "search.h"
#include "search_state.h"

namespace reskflow::optimize {
namespace {

SearchState construct_state(const Problem& problem) {
  SearchState state = make_state(problem, Solution{});
  std::vector<std::size_t> units = state.unassigned;
  state.unassigned.clear();
  regret_insert(problem, state, vehicle_classes(problem), std::move(units));
  return state;
}

std::uint64_t thread_seed(std::uint64_t seed, unsigned thread) {
  return seed ^ (0x9e3779b97f4a7c15ULL * (static_cast<std::uint64_t>(thread) + 1));
}

// What the search relies on and make_problem guarantees: a fleet, and the derived tables.
std::expected<void, Error> solvable(const Problem& problem) {
  if (problem.vehicles.empty()) {
    return std::unexpected(Error{ErrorCode::invalid_input, "the problem has no vehicle"});
  }
  if (problem.compatibility.size() != problem.jobs.size() * problem.vehicles.size() ||
      problem.unassigned_penalty.size() != problem.jobs.size()) {
    return std::unexpected(
        Error{ErrorCode::invalid_input, "the problem was not prepared by make_problem"});
  }
  return {};
}

}  // namespace

Solution construct_solution(const Problem& problem) {
  return to_solution(problem, construct_state(problem));
}

std::expected<SolveResult, Error> solve_routes(const Problem& problem,
                                               const SolveOptions& options) {
  if (auto ok = solvable(problem); !ok) return std::unexpected(ok.error());
  const auto start = std::chrono::steady_clock::now();
  const SearchState initial = construct_state(problem);
  const unsigned threads = std::max(1U, options.threads);
  const SearchLimits limits{start, options.time_limit, options.iteration_limit};
  std::vector<SearchOutcome> outcomes(threads);
  {
    std::vector<std::jthread> workers;
    for (unsigned t = 1; t < threads; ++t) {
      workers.emplace_back([&, t] {
        outcomes[t] =
            run_search(problem, initial, options.search, thread_seed(options.seed, t), limits);
      });
    }
    outcomes[0] =
        run_search(problem, initial, options.search, thread_seed(options.seed, 0), limits);
  }
  // The lowest cost wins; ties go to the lowest thread index, so the choice is reproducible.
  std::size_t best = 0;
  SolveStats stats;
  for (std::size_t t = 0; t < outcomes.size(); ++t) {
    stats.iterations += outcomes[t].iterations;
    if (outcomes[t].best.cost < outcomes[best].best.cost) best = t;
  }
  stats.threads = threads;
  stats.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  return SolveResult{to_solution(problem, outcomes[best].best), stats};
}

std::expected<Solution, Error> insert_orders(const Problem& problem, const Solution& current,
                                             std::span<const std::size_t> new_jobs) {
  std::vector<std::uint8_t> is_new(problem.jobs.size(), 0);
  for (const std::size_t j : new_jobs) {
    if (j >= problem.jobs.size()) {
      return std::unexpected(Error{ErrorCode::invalid_input, format_text("no job {}", j)});
    }
    is_new[j] = 1;
    if (problem.jobs[j].sibling != no_index) is_new[problem.jobs[j].sibling] = 1;
  }
  Solution draft = current;
  std::erase_if(draft.unassigned,
                [&](std::size_t j) { return j < is_new.size() && is_new[j] != 0; });
  for (std::size_t j = 0; j < problem.jobs.size(); ++j) {
    if (is_new[j] != 0) draft.unassigned.push_back(j);
  }
  const CheckReport report = check_solution(problem, draft);
  if (!report.feasible()) {
    return std::unexpected(Error{ErrorCode::invalid_input, "the current routes are not feasible: " +
                                                               report.violations.front()});
  }
  SearchState state = make_state(problem, draft);
  std::vector<std::size_t> units;
  for (std::size_t j = 0; j < problem.jobs.size(); ++j) {
    if (is_new[j] != 0 && unit_of(problem, j) == j) units.push_back(j);
  }
  std::erase_if(state.unassigned, [&](std::size_t u) { return is_new[u] != 0; });
  regret_insert(problem, state, vehicle_classes(problem), std::move(units));
  return to_solution(problem, state);
}

}  // namespace reskflow::optimize
