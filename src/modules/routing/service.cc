// Solving behind the routing routes: one slot per solve, the library's reader and solvers,
// and an independent check of every answer before it leaves the process.
#include "service.h"

#include <algorithm>

#include "reskflow/core/log.h"
#include "reskflow/optimize/checker.h"
#include "reskflow/optimize/instance_io.h"

namespace reskflow::routing {
namespace {

using Clock = std::chrono::steady_clock;

// Counts a solve in routing_solves_in_flight while it runs.
class InFlight {
 public:
  explicit InFlight(metrics::Gauge& gauge) : gauge_(gauge) { gauge_.add(1); }
  ~InFlight() { gauge_.add(-1); }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  metrics::Gauge& gauge_;
};

std::expected<optimize::Solution, optimize::Error> solve_with_library(
    const optimize::Problem& problem, const optimize::SolveOptions& options) {
  auto result = optimize::solve_routes(problem, options);
  if (!result) return std::unexpected(std::move(result.error()));
  return std::move(result->solution);
}

std::string joined(const std::vector<std::string>& violations) {
  std::string out;
  for (const auto& v : violations) out += (out.empty() ? "" : "; ") + v;
  return out;
}

// Every delivery on a known candidate edge and no driver over its slots; returns a violation.
std::string check_assignment(const optimize::AssignmentProblem& problem,
                             const optimize::AssignmentResult& result) {
  std::vector<std::uint32_t> used(problem.driver_slots.size(), 0);
  for (std::size_t i = 0; i < result.driver_of.size(); ++i) {
    const auto d = result.driver_of[i];
    if (d == optimize::no_index) continue;
    if (d >= used.size()) return "delivery " + std::to_string(i) + " has an unknown driver";
    if (++used[d] > problem.driver_slots[d]) return "driver " + std::to_string(d) + " overloaded";
  }
  if (result.driver_of.size() != problem.delivery_count) return "deliveries are missing";
  return {};
}

AssignmentAnswer render_assignment(const AssignmentRequest& request,
                                   const optimize::AssignmentProblem& problem,
                                   const optimize::AssignmentResult& result) {
  std::vector<optimize::Cost> pair_cost(problem.delivery_count, 0);
  for (const auto& e : problem.edges) {
    if (result.driver_of[e.delivery] == e.driver) pair_cost[e.delivery] = e.cost;
  }
  const optimize::GreatCircleModel model;
  AssignmentAnswer out;
  for (std::size_t i = 0; i < problem.delivery_count; ++i) {
    const auto d = result.driver_of[i];
    if (d == optimize::no_index) {
      out.unassigned.push_back(request.delivery_ids[i]);
      continue;
    }
    const double eta = model.duration(request.drivers[d].position, request.deliveries[i].pickup);
    out.pairs.push_back({request.delivery_ids[i], request.driver_ids[d], pair_cost[i], eta});
    out.assigned_cost_s += pair_cost[i];
  }
  out.total_cost_s = result.cost;
  return out;
}

}  // namespace

RoutingService::RoutingService(const RoutingLimits& limits, std::size_t solves_concurrent_max,
                               metrics::Registry& registry, RouteSolver solver)
    : limits_(limits),
      slots_(solves_concurrent_max),
      metrics_(registry),
      solver_(solver ? std::move(solver) : RouteSolver(solve_with_library)) {}

Result<SolveSlots::Permit> RoutingService::acquire(SolveKind kind) {
  auto permit = slots_.try_acquire();
  if (permit) return std::move(*permit);
  metrics_.record(kind, SolveOutcome::busy);
  return fail(ErrorCode::unavailable,
              "all " + std::to_string(slots_.capacity()) + " solve slots are busy; retry shortly");
}

Result<std::string> RoutingService::optimize_routes(const RouteRequest& request) {
  auto permit = acquire(SolveKind::routes);
  if (!permit) return std::unexpected(permit.error());
  const InFlight in_flight(metrics_.solves_in_flight);
  const auto started = Clock::now();
  auto problem = optimize::parse_problem_json(request.problem_json);
  if (!problem) {
    metrics_.record(SolveKind::routes, SolveOutcome::invalid);
    return std::unexpected(problem_error(problem.error()));
  }
  optimize::SolveOptions options;
  options.time_limit = request.time_limit;
  options.seed = request.seed;
  options.threads = 1;  // one slot is one core
  const auto solved = solver_(*problem, options);
  if (!solved) {
    metrics_.record(SolveKind::routes, SolveOutcome::invalid);
    return std::unexpected(problem_error(solved.error()));
  }
  const optimize::Solution& solution = *solved;
  const auto report = optimize::check_solution(*problem, solution);
  const std::chrono::duration<double> elapsed = Clock::now() - started;
  if (!report.feasible()) {
    metrics_.record(SolveKind::routes, SolveOutcome::failed, elapsed);
    log::error("routing_solution_rejected_by_checker",
               {{"violations", joined(report.violations)},
                {"jobs", static_cast<std::int64_t>(problem->jobs.size())}});
    return fail(ErrorCode::internal,
                "the solver's answer failed the feasibility check; "
                "it has been logged");
  }
  metrics_.record(SolveKind::routes, SolveOutcome::ok, elapsed);
  return optimize::solution_to_json(*problem, solution, {.solving_ms = elapsed.count() * 1000.0});
}

Result<AssignmentAnswer> RoutingService::assign(const AssignmentRequest& request) {
  auto permit = acquire(SolveKind::assignments);
  if (!permit) return std::unexpected(permit.error());
  const InFlight in_flight(metrics_.solves_in_flight);
  const auto started = Clock::now();
  optimize::AssignmentProblem problem;
  if (request.drivers.empty()) {
    problem.delivery_count = request.deliveries.size();
    problem.unassigned_cost = request.cost_model.unassigned_cost;
  } else {
    problem = optimize::build_assignment_problem(request.deliveries, request.drivers,
                                                 optimize::GreatCircleModel(), request.cost_model);
  }
  const auto result = optimize::solve_assignment(problem);
  const std::chrono::duration<double> elapsed = Clock::now() - started;
  const std::string violation =
      result ? check_assignment(problem, *result) : result.error().message;
  if (!violation.empty()) {
    metrics_.record(SolveKind::assignments, SolveOutcome::failed, elapsed);
    log::error("routing_assignment_rejected", {{"violation", violation}});
    return fail(ErrorCode::internal, "the assignment failed its check; it has been logged");
  }
  metrics_.record(SolveKind::assignments, SolveOutcome::ok, elapsed);
  return render_assignment(request, problem, *result);
}

}  // namespace reskflow::routing
