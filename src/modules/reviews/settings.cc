// RESKFLOW_REVIEWS_WINDOW_DAYS (1..365, default 30): the review window after delivery.
#include "settings.h"

#include "reskflow/modules/settings.h"

namespace reskflow::reviews {

Result<ReviewsSettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("reviews", environment);
  ReviewsSettings out;
  out.window_days = s.integer("WINDOW_DAYS", out.window_days, 1, 365);
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace reskflow::reviews
