// The travel-time model: great-circle distance x circuity / the vehicle's road speed at that
// hour of the day, corrected per zone cell and hour by the speeds couriers were observed to
// move at (an exponentially weighted mean of observed / expected speed, bounded to 0.5..2).
#pragma once

#include <cstdint>
#include <mutex>
#include <span>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "reskflow/drivers/drivers.h"

namespace reskflow::drivers {

struct TravelSettings {
  double circuity = 1.3;            // road distance / great-circle distance
  double learning_rate = 0.05;      // weight of one observation in its cell's mean
  double zone_cell_deg = 0.02;      // side of a learning zone, degrees (about 2 km)
  std::int64_t utc_offset_min = 0;  // the city's offset from UTC: what "hour of day" means
};

// The documented default road speed of `vehicle` at local hour 0..23, metres per second.
double default_speed_mps(Vehicle vehicle, int hour);

// A learned zone-and-hour cell as it is saved (drivers_travel_cells).
struct LearnedCell {
  std::int64_t key = 0;  // zone and hour, under the zone size it was learned with
  double factor = 1.0;
  std::int64_t samples = 0;
};

class TravelModel {
 public:
  // A correction is learned only from this many zone-and-hour cells (memory stays bounded).
  static constexpr std::size_t cells_max = 200'000;
  // Observed speed / expected speed is clamped to this range before it is learned.
  static constexpr double ratio_min = 0.5;
  static constexpr double ratio_max = 2.0;

  explicit TravelModel(TravelSettings settings) : settings_(settings) {}

  double road_distance_m(modules::geo::Point from, modules::geo::Point to) const;
  double travel_seconds(modules::geo::Point from, modules::geo::Point to, Vehicle vehicle,
                        std::int64_t at_us) const;
  // The learned factor on the default speed around `where` at the hour of `at_us` (1 = none).
  double correction(modules::geo::Point where, std::int64_t at_us) const;
  // Learns from two consecutive accepted points of one courier; false when the pair says
  // nothing about travelling speed (too close in time or space, standing still, too far apart
  // in time to be one leg) and is ignored.
  bool observe(Vehicle vehicle, const Position& from, const Position& to);
  int local_hour(std::int64_t at_us) const;
  double zone_cell_deg() const { return settings_.zone_cell_deg; }

  // The cells learned since the last call, to be saved; give them back when the save failed.
  std::vector<LearnedCell> take_changed();
  void return_changed(std::span<const LearnedCell> cells);
  // Puts saved cells back (start-up); a factor outside ratio_min..ratio_max is clamped.
  void restore(std::span<const LearnedCell> cells);

 private:
  struct Cell {
    double factor = 1.0;
    std::int64_t samples = 0;
  };
  std::int64_t key_of(modules::geo::Point where, int hour) const;

  const TravelSettings settings_;
  mutable std::mutex mutex_;
  std::unordered_map<std::int64_t, Cell> cells_;  // guarded by mutex_: (zone, hour) -> cell
  std::unordered_set<std::int64_t> changed_;      // guarded by mutex_: keys not saved since
};

}  // namespace reskflow::drivers
