// The system module's typed settings (RESKFLOW_SYSTEM_*): how often the status feed publishes.
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "reskflow/core/errors.h"

namespace reskflow::system {

struct SystemSettings {
  std::chrono::milliseconds status_interval_ms{10000};
};

// Reads RESKFLOW_SYSTEM_* settings; unknown ones are rejected.
Result<SystemSettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::system
