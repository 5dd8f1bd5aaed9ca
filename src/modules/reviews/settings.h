// The reviews module's typed settings (RESKFLOW_REVIEWS_*).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "reskflow/core/errors.h"

namespace reskflow::reviews {

struct ReviewsSettings {
  // How long after delivery an order may be reviewed.
  std::int64_t window_days = 30;
};

// Reads RESKFLOW_REVIEWS_* from `environment`; unknown keys and out-of-range values are refused.
Result<ReviewsSettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::reviews
