// The carts module's typed settings (RESKFLOW_CARTS_*): how long an idle cart lives and how
// the sweep that abandons idle carts runs.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "reskflow/core/errors.h"

namespace reskflow::carts {

struct CartsSettings {
  // An open or locked cart nobody changed for this long is abandoned by the sweep.
  std::chrono::seconds idle_abandon_s{std::chrono::hours(24 * 30)};
  std::chrono::seconds sweep_interval_s{std::chrono::hours(1)};
  std::int64_t sweep_batch_carts_max = 200;  // carts abandoned per transaction
};

// Reads RESKFLOW_CARTS_* from `environment`; unknown keys and values out of range are refused.
Result<CartsSettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::carts
