// RESKFLOW_DISCOVERY_* settings with their bounds.
#include "settings.h"

#include <cstdint>

#include "reskflow/modules/settings.h"

namespace reskflow::discovery {

Result<DiscoverySettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("discovery", environment);
  DiscoverySettings out;
  out.candidates_max = static_cast<std::size_t>(
      s.integer("CANDIDATES_MAX", static_cast<std::int64_t>(out.candidates_max), 100, 200'000));
  out.inline_candidates_max = static_cast<std::size_t>(s.integer(
      "INLINE_CANDIDATES_MAX", static_cast<std::int64_t>(out.inline_candidates_max), 0, 100'000));
  const auto vehicle = s.text("ESTIMATE_VEHICLE", "bike");
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  const auto parsed = drivers::parse_vehicle(vehicle);
  if (!parsed)
    return fail(ErrorCode::validation_failed, "invalid module settings",
                {{"RESKFLOW_DISCOVERY_ESTIMATE_VEHICLE", "must be bike, scooter, car or van"}});
  out.estimate_vehicle = *parsed;
  return out;
}

}  // namespace reskflow::discovery
