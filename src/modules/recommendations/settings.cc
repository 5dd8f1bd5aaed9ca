// RESKFLOW_RECOMMENDATIONS_ORDER_AGAIN_HALF_LIFE_DAYS (1..365, default 30),
// _POPULAR_HALF_LIFE_DAYS (1..90, default 7) and _POPULAR_WINDOW_DAYS (1..365, default 28).
#include "settings.h"

#include "reskflow/modules/settings.h"

namespace reskflow::recommendations {

Result<RecommendationsSettings> load_settings(
    const std::map<std::string, std::string>& environment) {
  modules::Settings s("recommendations", environment);
  RecommendationsSettings out;
  out.order_again_half_life_days =
      s.integer("ORDER_AGAIN_HALF_LIFE_DAYS", out.order_again_half_life_days, 1, 365);
  out.popular_half_life_days =
      s.integer("POPULAR_HALF_LIFE_DAYS", out.popular_half_life_days, 1, 90);
  out.popular_window_days = s.integer("POPULAR_WINDOW_DAYS", out.popular_window_days, 1, 365);
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace reskflow::recommendations
