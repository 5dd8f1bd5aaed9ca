// RESKFLOW_DRIVERS_* (docs/deliveries.md, "Couriers"): each key with its default and range.
#include "settings.h"

#include "reskflow/modules/settings.h"

namespace reskflow::drivers {

Result<DriversSettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("drivers", environment);
  DriversSettings out;
  out.suspect_after_s = s.integer("SUSPECT_AFTER_S", out.suspect_after_s, 10, 3'600);
  out.batch_points_max = s.integer("BATCH_POINTS_MAX", out.batch_points_max, 1, 1'000);
  out.track_points_max = s.integer("TRACK_POINTS_MAX", out.track_points_max, 2, 10'000);
  out.clock_skew_s_max = s.integer("CLOCK_SKEW_S_MAX", out.clock_skew_s_max, 0, 600);
  out.accuracy_m_max = s.integer("ACCURACY_M_MAX", out.accuracy_m_max, 5, 5'000);
  out.positions_flush_interval_ms =
      s.integer("POSITIONS_FLUSH_INTERVAL_MS", out.positions_flush_interval_ms, 100, 600'000);
  out.city_interval_ms = s.integer("CITY_INTERVAL_MS", out.city_interval_ms, 100, 60'000);
  out.city_drivers_max = s.integer("CITY_DRIVERS_MAX", out.city_drivers_max, 1, 100'000);
  out.require_id_verification = s.integer("REQUIRE_ID_VERIFICATION", 1, 0, 1) == 1;
  out.circuity_permille = s.integer("CIRCUITY_PERMILLE", out.circuity_permille, 1'000, 3'000);
  out.learning_rate_permille =
      s.integer("LEARNING_RATE_PERMILLE", out.learning_rate_permille, 1, 500);
  out.zone_cell_millideg = s.integer("ZONE_CELL_MILLIDEG", out.zone_cell_millideg, 1, 1'000);
  out.utc_offset_min = s.integer("UTC_OFFSET_MIN", out.utc_offset_min, -720, 840);
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace reskflow::drivers
