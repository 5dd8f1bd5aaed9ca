// The recommendations module's typed settings (RESKFLOW_RECOMMENDATIONS_*).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "reskflow/core/errors.h"

namespace reskflow::recommendations {

struct RecommendationsSettings {
  // An item a customer ordered counts half as much for "order again" after this many days.
  std::int64_t order_again_half_life_days = 30;
  // An order counts half as much for "popular near you" after this many days...
  std::int64_t popular_half_life_days = 7;
  // ...and not at all once its cell has seen no order of the item for this many days.
  std::int64_t popular_window_days = 28;
};

// Reads RESKFLOW_RECOMMENDATIONS_* from `environment`; unknown keys and out-of-range values are
// refused.
Result<RecommendationsSettings> load_settings(
    const std::map<std::string, std::string>& environment);

}  // namespace reskflow::recommendations
