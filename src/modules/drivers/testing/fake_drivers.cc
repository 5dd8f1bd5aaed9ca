// The in-memory Drivers of other modules' tests.
#include "fake_drivers.h"

#include <algorithm>

namespace reskflow::drivers::testing {

void FakeDrivers::put(OnlineDriver driver) {
  const std::lock_guard lock(mutex_);
  auto id = driver.driver_id;
  drivers_[std::move(id)] = {std::move(driver), true};
}

void FakeDrivers::set_available(const std::string& driver_id, bool available) {
  const std::lock_guard lock(mutex_);
  drivers_.at(driver_id).available = available;
}

void FakeDrivers::remove(const std::string& driver_id) {
  const std::lock_guard lock(mutex_);
  drivers_.erase(driver_id);
}

void FakeDrivers::move(const std::string& driver_id, modules::geo::Point point,
                       std::int64_t at_us) {
  Position position{point, at_us, 5, 0, 0};
  std::vector<PositionListener> listeners;
  {
    const std::lock_guard lock(mutex_);
    drivers_.at(driver_id).driver.position = position;
    listeners = listeners_;
  }
  for (const auto& listener : listeners) listener(driver_id, position);
}

std::vector<OnlineDriver> FakeDrivers::available() const {
  const std::lock_guard lock(mutex_);
  std::vector<OnlineDriver> out;
  for (const auto& [id, entry] : drivers_) {
    if (entry.available) out.push_back(entry.driver);
  }
  return out;
}

std::vector<OnlineDriver> FakeDrivers::near(modules::geo::Point center, double radius_m,
                                            std::size_t limit) const {
  auto out = available();
  std::erase_if(out, [&](const OnlineDriver& d) {
    return modules::geo::distance_m(center, d.position.point) > radius_m;
  });
  std::ranges::sort(out, {}, [&](const OnlineDriver& d) {
    return modules::geo::distance_m(center, d.position.point);
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::optional<OnlineDriver> FakeDrivers::online(std::string_view driver_id) const {
  const std::lock_guard lock(mutex_);
  const auto it = drivers_.find(driver_id);
  if (it == drivers_.end()) return std::nullopt;
  return it->second.driver;
}

void FakeDrivers::on_position(PositionListener listener) {
  const std::lock_guard lock(mutex_);
  listeners_.push_back(std::move(listener));
}

double FakeDrivers::travel_seconds(modules::geo::Point from, modules::geo::Point to,
                                   Vehicle vehicle, std::int64_t) const {
  double speed_mps = 4;
  if (vehicle == Vehicle::scooter || vehicle == Vehicle::van) speed_mps = 7;
  if (vehicle == Vehicle::car) speed_mps = 8;
  return road_distance_m(from, to) / speed_mps;
}

double FakeDrivers::road_distance_m(modules::geo::Point from, modules::geo::Point to) const {
  return modules::geo::distance_m(from, to) * circuity;
}

}  // namespace reskflow::drivers::testing
