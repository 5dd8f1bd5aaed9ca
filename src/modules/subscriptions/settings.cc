// RESKFLOW_SUBSCRIPTIONS_RENEWAL_INTERVAL_MS (50..3,600,000, default 60,000),
// _RENEWAL_BATCH_MAX (1..10,000, default 100), _RENEW_AHEAD_HOURS (0..744, default 0),
// _FIRST_RETRY_HOURS (1..720, default 24) and _SECOND_RETRY_HOURS (1..720, default 72).
#include "settings.h"

#include "reskflow/modules/settings.h"

namespace reskflow::subscriptions {

Result<SubscriptionsSettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("subscriptions", environment);
  SubscriptionsSettings out;
  out.renewal_interval_ms = std::chrono::milliseconds(
      s.integer("RENEWAL_INTERVAL_MS", out.renewal_interval_ms.count(), 50, 3'600'000));
  out.renewal_batch_max = s.integer("RENEWAL_BATCH_MAX", out.renewal_batch_max, 1, 10'000);
  out.renew_ahead_hours =
      std::chrono::hours(s.integer("RENEW_AHEAD_HOURS", out.renew_ahead_hours.count(), 0, 744));
  out.retry_delays = {std::chrono::hours(s.integer("FIRST_RETRY_HOURS", 24, 1, 720)),
                      std::chrono::hours(s.integer("SECOND_RETRY_HOURS", 72, 1, 720))};
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace reskflow::subscriptions
