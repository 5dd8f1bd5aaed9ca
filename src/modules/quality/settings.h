// The quality module's typed settings (RESKFLOW_QUALITY_*).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "reskflow/core/errors.h"

namespace reskflow::quality {

struct QualitySettings {
  // How long after delivery a customer may report a problem with an order.
  std::int64_t report_window_hours = 48;
  // The days of events a quality score covers (today included).
  std::int64_t score_window_days = 30;
};

// Reads RESKFLOW_QUALITY_* from `environment`; unknown keys and out-of-range values are refused.
Result<QualitySettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::quality
