// The promotions module's typed settings (RESKFLOW_PROMOTIONS_*).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "reskflow/core/errors.h"

namespace reskflow::promotions {

struct PromotionsSettings {
  // The automatic campaigns a basket is compared against, newest first; more are not looked at.
  std::int64_t automatic_candidates_max = 50;
  // The merchants a platform campaign may be limited to.
  std::int64_t campaign_merchants_max = 100;
};

// Reads RESKFLOW_PROMOTIONS_* from `environment`; unknown keys and out-of-range values are
// refused.
Result<PromotionsSettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::promotions
