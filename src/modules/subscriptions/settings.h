// The subscriptions module's typed settings (RESKFLOW_SUBSCRIPTIONS_*).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "reskflow/core/errors.h"

namespace reskflow::subscriptions {

struct SubscriptionsSettings {
  // How often the renewal job looks for periods to bill, and how many subscriptions one
  // database read takes (a full batch is followed by another at once).
  std::chrono::milliseconds renewal_interval_ms{60'000};
  std::int64_t renewal_batch_max = 100;
  // How long before a period ends the next one is billed (0: when it ends).
  std::chrono::hours renew_ahead_hours{0};
  // After the n-th declined renewal, the next attempt waits retry_delays[n - 1]; a renewal
  // declined once more than there are delays ends the subscription.
  std::vector<std::chrono::hours> retry_delays{std::chrono::hours(24), std::chrono::hours(72)};
};

// Reads RESKFLOW_SUBSCRIPTIONS_* from `environment`; unknown keys and out-of-range values are
// refused.
Result<SubscriptionsSettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::subscriptions
