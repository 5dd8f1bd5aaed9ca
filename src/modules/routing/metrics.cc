// Registration of the routing module's metrics: every label combination up front, so a
// dashboard sees zeros rather than missing series.
#include "metrics.h"

namespace reskflow::routing {

std::string_view solve_kind_name(SolveKind kind) {
  switch (kind) {
    case SolveKind::routes: return "routes";
    case SolveKind::assignments: return "assignments";
    case SolveKind::count_: break;
  }
  return "unknown";
}

std::string_view solve_outcome_name(SolveOutcome outcome) {
  switch (outcome) {
    case SolveOutcome::ok: return "ok";
    case SolveOutcome::invalid: return "invalid";
    case SolveOutcome::busy: return "busy";
    case SolveOutcome::failed: return "failed";
    case SolveOutcome::count_: break;
  }
  return "unknown";
}

RoutingMetrics::RoutingMetrics(metrics::Registry& r)
    : solves_in_flight(r.gauge("routing_solves_in_flight", "Solves running now")) {
  const std::vector<double> buckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                                    1,     2.5,  5,     10,   20,  30,   60};
  for (std::size_t k = 0; k < kinds; ++k) {
    const std::string kind(solve_kind_name(static_cast<SolveKind>(k)));
    for (std::size_t o = 0; o < outcomes; ++o) {
      const std::string outcome(solve_outcome_name(static_cast<SolveOutcome>(o)));
      solves_[k][o] =
          &r.counter("routing_solves_total", "Optimization requests by kind and outcome",
                     {{"kind", kind}, {"outcome", outcome}});
    }
    durations_[k] =
        &r.histogram("routing_solve_duration_seconds", "Time to read, solve and check one problem",
                     buckets, {{"kind", kind}});
  }
}

void RoutingMetrics::record(SolveKind kind, SolveOutcome outcome) {
  solves_[static_cast<std::size_t>(kind)][static_cast<std::size_t>(outcome)]->inc();
}

void RoutingMetrics::record(SolveKind kind, SolveOutcome outcome,
                            std::chrono::duration<double> elapsed) {
  record(kind, outcome);
  durations_[static_cast<std::size_t>(kind)]->observe(elapsed.count());
}

}  // namespace reskflow::routing
