// The drivers module's typed settings (RESKFLOW_DRIVERS_*).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "reskflow/core/errors.h"

namespace reskflow::drivers {

struct DriversSettings {
  // A courier on shift with no accepted point for this long is offline-suspect: not available.
  std::int64_t suspect_after_s = 60;
  // Points in one POST /v1/drivers/me/locations or one "location" WebSocket message.
  std::int64_t batch_points_max = 100;
  // Accepted points of each courier kept in memory (the recent track).
  std::int64_t track_points_max = 120;
  // How far ahead of the server's clock a device's time may be.
  std::int64_t clock_skew_s_max = 30;
  // A point with a worse accuracy is dropped.
  std::int64_t accuracy_m_max = 250;
  // How often the last positions are written to the database.
  std::int64_t positions_flush_interval_ms = 5'000;
  // How often the admins' live city (topic city.drivers) gets the couriers that moved.
  std::int64_t city_interval_ms = 2'000;
  // Couriers in one city.drivers message.
  std::int64_t city_drivers_max = 5'000;
  // Going online needs an approved ID verification (identity) when set.
  bool require_id_verification = true;
  // Travel model: road distance / great-circle distance, in thousandths.
  std::int64_t circuity_permille = 1'300;
  // Weight of one observed speed in its zone and hour, in thousandths.
  std::int64_t learning_rate_permille = 50;
  // Side of a learning zone, thousandths of a degree.
  std::int64_t zone_cell_millideg = 20;
  // The city's offset from UTC in minutes: what the travel model's hour of day means.
  std::int64_t utc_offset_min = 0;
};

// Reads RESKFLOW_DRIVERS_* from `environment`; unknown keys and out-of-range values are refused.
Result<DriversSettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::drivers
