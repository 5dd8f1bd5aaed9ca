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
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace reskflow::discovery
