// RESKFLOW_CARTS_* settings with their bounds.
#include "settings.h"

#include "reskflow/modules/settings.h"

namespace reskflow::carts {

Result<CartsSettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("carts", environment);
  CartsSettings out;
  out.idle_abandon_s =
      std::chrono::seconds(s.integer("IDLE_ABANDON_S", out.idle_abandon_s.count(), 60, 31'536'000));
  out.sweep_interval_s =
      std::chrono::seconds(s.integer("SWEEP_INTERVAL_S", out.sweep_interval_s.count(), 1, 86'400));
  out.sweep_batch_carts_max =
      s.integer("SWEEP_BATCH_CARTS_MAX", out.sweep_batch_carts_max, 1, 10'000);
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace reskflow::carts
