// RESKFLOW_ROUTING_* settings with their safe maxima; the concurrent solve bound leaves a
// worker free.
#include "settings.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "reskflow/modules/settings.h"

namespace reskflow::routing {
namespace {

std::size_t size_setting(modules::Settings& s, std::string_view key, std::size_t fallback,
                         std::int64_t min, std::int64_t max) {
  return static_cast<std::size_t>(s.integer(key, static_cast<std::int64_t>(fallback), min, max));
}

}  // namespace

Result<RoutingSettings> load_settings(const std::map<std::string, std::string>& environment,
                                      unsigned cores, unsigned worker_threads) {
  modules::Settings s("routing", environment);
  RoutingSettings out;
  auto& l = out.limits;
  l.jobs_max = size_setting(s, "JOBS_MAX", l.jobs_max, 1, 10'000);
  l.vehicles_max = size_setting(s, "VEHICLES_MAX", l.vehicles_max, 1, 2'000);
  l.matrix_locations_max =
      size_setting(s, "MATRIX_LOCATIONS_MAX", l.matrix_locations_max, 2, 5'000);
  l.time_limit_ms_max = std::chrono::milliseconds(
      s.integer("TIME_LIMIT_MS_MAX", l.time_limit_ms_max.count(), 10, 60'000));
  l.time_limit_ms_default = std::chrono::milliseconds(
      s.integer("TIME_LIMIT_MS_DEFAULT", l.time_limit_ms_default.count(), 10, 60'000));
  l.deliveries_max = size_setting(s, "DELIVERIES_MAX", l.deliveries_max, 1, 20'000);
  l.drivers_max = size_setting(s, "DRIVERS_MAX", l.drivers_max, 1, 50'000);
  const unsigned spare = worker_threads > 1 ? worker_threads - 1 : 1;
  const std::size_t concurrent_default = std::clamp(cores, 1U, spare);
  out.solves_concurrent_max = size_setting(s, "SOLVES_CONCURRENT_MAX", concurrent_default, 1, 64);
  std::vector<FieldError> errors;
  if (auto ok = s.finish(); !ok) errors = ok.error().fields;
  if (l.time_limit_ms_default > l.time_limit_ms_max)
    errors.push_back({"RESKFLOW_ROUTING_TIME_LIMIT_MS_DEFAULT",
                      "must not exceed RESKFLOW_ROUTING_TIME_LIMIT_MS_MAX"});
  if (worker_threads > 1 && out.solves_concurrent_max >= worker_threads)
    errors.push_back({"RESKFLOW_ROUTING_SOLVES_CONCURRENT_MAX",
                      "must be below RESKFLOW_WORKER_THREADS (" + std::to_string(worker_threads) +
                          ") so that solves never hold every worker"});
  if (!errors.empty())
    return fail(ErrorCode::validation_failed, "invalid module settings", std::move(errors));
  return out;
}

}  // namespace reskflow::routing
