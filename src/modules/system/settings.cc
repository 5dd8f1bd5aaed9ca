// RESKFLOW_SYSTEM_STATUS_INTERVAL_MS (50..3600000, default 10000): the status feed's period.
#include "settings.h"

#include "reskflow/modules/settings.h"

namespace reskflow::system {

Result<SystemSettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("system", environment);
  SystemSettings out;
  out.status_interval_ms = std::chrono::milliseconds(
      s.integer("STATUS_INTERVAL_MS", out.status_interval_ms.count(), 50, 3'600'000));
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace reskflow::system
