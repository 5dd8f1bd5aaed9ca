// RESKFLOW_QUALITY_REPORT_WINDOW_HOURS (1..720, default 48): how long after delivery a problem
// may be reported; RESKFLOW_QUALITY_SCORE_WINDOW_DAYS (1..365, default 30): what scores cover.
#include "settings.h"

#include "reskflow/modules/settings.h"

namespace reskflow::quality {

Result<QualitySettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("quality", environment);
  QualitySettings out;
  out.report_window_hours = s.integer("REPORT_WINDOW_HOURS", out.report_window_hours, 1, 720);
  out.score_window_days = s.integer("SCORE_WINDOW_DAYS", out.score_window_days, 1, 365);
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace reskflow::quality
