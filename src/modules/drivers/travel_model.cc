// The travel-time model and how it learns (docs/deliveries.md, "Travel times").
#include "travel_model.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace reskflow::drivers {
namespace {

constexpr std::int64_t hour_us = 3'600'000'000;
constexpr std::int64_t day_us = 24 * hour_us;

// Free-flowing road speeds, metres per second: bike 16 km/h, scooter 27 km/h, car 32 km/h,
// van 29 km/h.
double base_speed_mps(Vehicle vehicle) {
  switch (vehicle) {
    case Vehicle::bike: return 4.5;
    case Vehicle::scooter: return 7.5;
    case Vehicle::car: return 9.0;
    case Vehicle::van: return 8.0;
  }
  return 4.5;
}

// Traffic by local hour for motor vehicles: the rush hours (7-9, 17-19) at 65 %, the lunch
// peak (12-13) at 85 %, the night (22-5) at 120 %. Bikes feel a fifth of it.
constexpr std::array<double, 24> traffic{1.2,  1.2,  1.2,  1.2,  1.2,  1.2,  1.0, 0.65,
                                         0.65, 0.65, 1.0,  1.0,  0.85, 0.85, 1.0, 1.0,
                                         1.0,  0.65, 0.65, 0.65, 1.0,  1.0,  1.2, 1.2};

}  // namespace

double default_speed_mps(Vehicle vehicle, int hour) {
  const double load = traffic.at(static_cast<std::size_t>(std::clamp(hour, 0, 23)));
  const double felt = vehicle == Vehicle::bike ? 1.0 + (load - 1.0) / 5.0 : load;
  return base_speed_mps(vehicle) * felt;
}

int TravelModel::local_hour(std::int64_t at_us) const {
  const auto local = at_us + settings_.utc_offset_min * 60'000'000;
  return static_cast<int>((((local % day_us) + day_us) % day_us) / hour_us);
}

std::int64_t TravelModel::key_of(modules::geo::Point where, int hour) const {
  const auto lat =
      static_cast<std::int64_t>(std::floor((where.lat + 90.0) / settings_.zone_cell_deg));
  const auto lng =
      static_cast<std::int64_t>(std::floor((where.lng + 180.0) / settings_.zone_cell_deg));
  return ((lat * 1'000'000) + lng) * 24 + hour;
}

double TravelModel::road_distance_m(modules::geo::Point from, modules::geo::Point to) const {
  return modules::geo::distance_m(from, to) * settings_.circuity;
}

double TravelModel::correction(modules::geo::Point where, std::int64_t at_us) const {
  const auto key = key_of(where, local_hour(at_us));
  std::lock_guard lock(mutex_);
  const auto it = cells_.find(key);
  return it == cells_.end() ? 1.0 : it->second.factor;
}

double TravelModel::travel_seconds(modules::geo::Point from, modules::geo::Point to,
                                   Vehicle vehicle, std::int64_t at_us) const {
  const modules::geo::Point middle{(from.lat + to.lat) / 2, (from.lng + to.lng) / 2};
  const double speed = default_speed_mps(vehicle, local_hour(at_us)) * correction(middle, at_us);
  return road_distance_m(from, to) / speed;
}

bool TravelModel::observe(Vehicle vehicle, const Position& from, const Position& to) {
  constexpr double leg_seconds_min = 5;
  constexpr double leg_seconds_max = 300;
  constexpr double moving_mps_min = 1.0;
  const double seconds = static_cast<double>(to.at_us - from.at_us) / 1e6;
  if (seconds < leg_seconds_min || seconds > leg_seconds_max) return false;
  const double metres = modules::geo::distance_m(from.point, to.point);
  // Closer than the two fixes' uncertainty: the speed would be mostly noise.
  if (metres <= from.accuracy_m + to.accuracy_m) return false;
  const double observed = metres / seconds;
  if (observed < moving_mps_min) return false;
  const int hour = local_hour(from.at_us);
  const double ratio =
      std::clamp(observed / default_speed_mps(vehicle, hour), ratio_min, ratio_max);
  const modules::geo::Point middle{(from.point.lat + to.point.lat) / 2,
                                   (from.point.lng + to.point.lng) / 2};
  const auto key = key_of(middle, hour);
  std::lock_guard lock(mutex_);
  auto it = cells_.find(key);
  if (it == cells_.end()) {
    if (cells_.size() >= cells_max) return false;
    it = cells_.emplace(key, Cell{}).first;
  }
  it->second.factor += settings_.learning_rate * (ratio - it->second.factor);
  ++it->second.samples;
  changed_.insert(key);
  return true;
}

std::vector<LearnedCell> TravelModel::take_changed() {
  std::lock_guard lock(mutex_);
  std::vector<LearnedCell> out;
  out.reserve(changed_.size());
  for (const auto key : changed_) {
    const auto& cell = cells_.at(key);
    out.push_back({key, cell.factor, cell.samples});
  }
  changed_.clear();
  return out;
}

void TravelModel::return_changed(std::span<const LearnedCell> cells) {
  std::lock_guard lock(mutex_);
  for (const auto& c : cells) changed_.insert(c.key);
}

void TravelModel::restore(std::span<const LearnedCell> cells) {
  std::lock_guard lock(mutex_);
  for (const auto& c : cells) {
    if (cells_.size() >= cells_max && !cells_.contains(c.key)) break;
    cells_[c.key] = Cell{std::clamp(c.factor, ratio_min, ratio_max), c.samples};
  }
}

}  // namespace reskflow::drivers
