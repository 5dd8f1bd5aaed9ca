// Every metric the routing module exports, declared in one place.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <string_view>

#include "reskflow/core/metrics.h"

namespace reskflow::routing {

enum class SolveKind : std::uint8_t { routes, assignments, count_ };

// How a solve request ended: solved, refused for its input, refused for lack of a free slot,
// or failed (the checker rejected the solver's answer: a bug, logged and answered 500).
enum class SolveOutcome : std::uint8_t { ok, invalid, busy, failed, count_ };

std::string_view solve_kind_name(SolveKind kind);
std::string_view solve_outcome_name(SolveOutcome outcome);

class RoutingMetrics {
 public:
  explicit RoutingMetrics(metrics::Registry& registry);

  // routing_solves_total{kind, outcome}; the duration only for solves that ran.
  void record(SolveKind kind, SolveOutcome outcome);
  void record(SolveKind kind, SolveOutcome outcome, std::chrono::duration<double> elapsed);

  metrics::Gauge& solves_in_flight;

 private:
  static constexpr auto kinds = static_cast<std::size_t>(SolveKind::count_);
  static constexpr auto outcomes = static_cast<std::size_t>(SolveOutcome::count_);
  std::array<std::array<metrics::Counter*, outcomes>, kinds> solves_{};
  std::array<metrics::Histogram*, kinds> durations_{};
};

}  // namespace reskflow::routing
