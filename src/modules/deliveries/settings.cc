// RESKFLOW_DELIVERIES_*: DISPATCH_INTERVAL_S (1..300, 5), ROUND_BUDGET_MS (10..10000, 200),
// ROUND_GAP_MS (0..60000, 500),
// OFFER_TIMEOUT_S (10..600, 45), HIGH_VALUE_MINOR (PIN from this total, 10000), WINDOW_MINUTES
// (5..240, 30), BASE_EARNINGS_MINOR (300), PER_KM_EARNINGS_MINOR (100), BATCH_DETOUR_S_MAX
// (0..3600, 600), DECLINE_PENALTY_S (0..3600, 600), LATE_RECORD_PENALTY_S (0..3600, 300),
// LOW_RATING_PENALTY_S (0..3600, 300),
// DEFER_COST_ABOVE_S (0..86400, 300), DISPATCH_LEAD_S (0..86400, 240), CANDIDATES_PER_DELIVERY
// (1..200, 20), POSITION_THROTTLE_MS (0..60000, 2000), ROUND_DELIVERIES_MAX (1..100000, 2000),
// DISPATCH_POLICY (optimized or nearest, optimized).
#include "settings.h"

#include "reskflow/modules/settings.h"

namespace reskflow::deliveries {

Result<DeliveriesSettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("deliveries", environment);
  DeliveriesSettings out;
  out.dispatch_interval_s = std::chrono::seconds(
      s.integer("DISPATCH_INTERVAL_S", out.dispatch_interval_s.count(), 1, 300));
  out.round_budget_ms = std::chrono::milliseconds(
      s.integer("ROUND_BUDGET_MS", out.round_budget_ms.count(), 10, 10'000));
  out.round_gap_ms =
      std::chrono::milliseconds(s.integer("ROUND_GAP_MS", out.round_gap_ms.count(), 0, 60'000));
  out.offer_timeout_s =
      std::chrono::seconds(s.integer("OFFER_TIMEOUT_S", out.offer_timeout_s.count(), 10, 600));
  out.high_value_minor = s.integer("HIGH_VALUE_MINOR", out.high_value_minor, 1, 100'000'000);
  out.window_minutes =
      std::chrono::minutes(s.integer("WINDOW_MINUTES", out.window_minutes.count(), 5, 240));
  out.base_earnings_minor = s.integer("BASE_EARNINGS_MINOR", out.base_earnings_minor, 0, 100'000);
  out.per_km_earnings_minor =
      s.integer("PER_KM_EARNINGS_MINOR", out.per_km_earnings_minor, 0, 100'000);
  out.batch_detour_s_max = std::chrono::seconds(
      s.integer("BATCH_DETOUR_S_MAX", out.batch_detour_s_max.count(), 0, 3600));
  out.decline_penalty_s =
      std::chrono::seconds(s.integer("DECLINE_PENALTY_S", out.decline_penalty_s.count(), 0, 3600));
  out.late_record_penalty_s = std::chrono::seconds(
      s.integer("LATE_RECORD_PENALTY_S", out.late_record_penalty_s.count(), 0, 3600));
  out.low_rating_penalty_s = std::chrono::seconds(
      s.integer("LOW_RATING_PENALTY_S", out.low_rating_penalty_s.count(), 0, 3600));
  out.defer_cost_above_s = std::chrono::seconds(
      s.integer("DEFER_COST_ABOVE_S", out.defer_cost_above_s.count(), 0, 86'400));
  out.dispatch_lead_s =
      std::chrono::seconds(s.integer("DISPATCH_LEAD_S", out.dispatch_lead_s.count(), 0, 86'400));
  out.candidates_per_delivery =
      s.integer("CANDIDATES_PER_DELIVERY", out.candidates_per_delivery, 1, 200);
  out.position_throttle_ms = std::chrono::milliseconds(
      s.integer("POSITION_THROTTLE_MS", out.position_throttle_ms.count(), 0, 60'000));
  out.round_deliveries_max =
      s.integer("ROUND_DELIVERIES_MAX", out.round_deliveries_max, 1, 100'000);
  const auto policy = s.text("DISPATCH_POLICY", "optimized");
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  if (policy == "nearest")
    out.dispatch_policy = DispatchRule::nearest;
  else if (policy != "optimized")
    return fail(ErrorCode::validation_failed, "invalid module settings",
                {{"RESKFLOW_DELIVERIES_DISPATCH_POLICY", "must be optimized or nearest"}});
  return out;
}

}  // namespace reskflow::deliveries
