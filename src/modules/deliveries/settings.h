// The deliveries module's typed settings (RESKFLOW_DELIVERIES_*).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "reskflow/core/errors.h"

namespace reskflow::deliveries {

// How a dispatch round chooses: the min-cost assignment of dispatch.h (the product), or the
// nearest idle courier for each waiting delivery in turn (plan_nearest_first), the baseline
// the simulator compares it with (docs/simulator.md).
enum class DispatchRule { optimized, nearest };

// The *_minor settings are minor units of whichever currency the order is in: one deployment
// serves merchants in several currencies.
struct DeliveriesSettings {
  std::chrono::seconds dispatch_interval_s{5};     // one dispatch round every ...
  std::chrono::milliseconds round_budget_ms{200};  // a round's solver time, at most
  std::chrono::milliseconds round_gap_ms{500};     // a woken round starts this long after the last
  std::chrono::seconds offer_timeout_s{45};        // an offer lapses after ...
  std::int64_t high_value_minor = 10'000;          // a total from which the customer's PIN is asked
  std::chrono::minutes window_minutes{30};       // the drop-off is due ready time + prep slack ...
  std::int64_t base_earnings_minor = 300;        // a courier's pay per delivery ...
  std::int64_t per_km_earnings_minor = 100;      // ... plus per km from pickup to drop-off
  std::chrono::seconds batch_detour_s_max{600};  // batching may add at most this to a route
  std::chrono::seconds decline_penalty_s{600};   // a driver who declines all gets this added
  std::chrono::seconds late_record_penalty_s{300};  // a driver never on time gets this added
  std::chrono::seconds low_rating_penalty_s{300};   // a driver rated 1 star gets this added
  std::chrono::seconds defer_cost_above_s{300};     // a delivery costing more waits (dispatch.h)
  std::chrono::seconds dispatch_lead_s{240};        // urgency starts this long before ready
  std::int64_t candidates_per_delivery = 20;        // nearest drivers considered per delivery
  std::chrono::milliseconds position_throttle_ms{2000};  // one position per delivery topic per ...
  std::int64_t round_deliveries_max = 2000;              // pending deliveries looked at per round
  DispatchRule dispatch_policy = DispatchRule::optimized;
};

// Reads RESKFLOW_DELIVERIES_* from `environment`; unknown keys and out-of-range values are refused.
Result<DeliveriesSettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::deliveries
