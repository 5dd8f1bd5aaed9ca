// The in-memory Drivers of other modules' tests.
#include "fake_drivers.h"

namespace reskflow::drivers::testing {

void FakeDrivers::put(OnlineDriver driver) {
  const std::lock_guard lock(mutex_);
  auto id = driver.driver_id;
  index_->upsert(id, driver.position.point);
  if (const auto it = drivers_.find(id); it != drivers_.end() && !it->second.available)
    --unavailable_;
  drivers_[std::move(id)] = {std::move(driver), true};
}

void FakeDrivers::set_available(const std::string& driver_id, bool available) {
  const std::lock_guard lock(mutex_);
  auto& entry = drivers_.at(driver_id);
  if (entry.available != available) available ? --unavailable_ : ++unavailable_;
  entry.available = available;
}

void FakeDrivers::remove(const std::string& driver_id) {
  const std::lock_guard lock(mutex_);
  const auto it = drivers_.find(driver_id);
  if (it == drivers_.end()) return;
  if (!it->second.available) --unavailable_;
  drivers_.erase(it);
  index_->remove(driver_id);
}

void FakeDrivers::move(const std::string& driver_id, modules::geo::Point point,
                       std::int64_t at_us) {
  Position position{point, at_us, 5, 0, 0};
  std::vector<PositionListener> listeners;
  {
    const std::lock_guard lock(mutex_);
    drivers_.at(driver_id).driver.position = position;
    index_->upsert(driver_id, point);
    listeners = listeners_;
  }
  for (const auto& listener : listeners) listener(driver_id, position);
}

std::int64_t FakeDrivers::available_reads() const {
  const std::lock_guard lock(mutex_);
  return available_reads_;
}

std::int64_t FakeDrivers::near_reads() const {
  const std::lock_guard lock(mutex_);
  return near_reads_;
}

std::vector<OnlineDriver> FakeDrivers::available() const {
  const std::lock_guard lock(mutex_);
  ++available_reads_;
  std::vector<OnlineDriver> out;
  for (const auto& [id, entry] : drivers_) {
    if (entry.available) out.push_back(entry.driver);
  }
  return out;
}

std::vector<OnlineDriver> FakeDrivers::near(modules::geo::Point center, double radius_m,
                                            std::size_t limit) const {
  const std::lock_guard lock(mutex_);
  ++near_reads_;
  std::vector<OnlineDriver> out;
  for (const auto& [id, metres] : index_->within(center, radius_m, limit + unavailable_)) {
    const auto& entry = drivers_.find(id)->second;
    if (entry.available && out.size() < limit) out.push_back(entry.driver);
  }
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
