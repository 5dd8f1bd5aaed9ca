// The couriers on shift in memory: validation of their points, the spatial index, who is
// available, and what the persistence and the live city feed have not seen yet.
#include "memory_fleet.h"

#include <algorithm>

#include "vehicle.h"

namespace reskflow::drivers {

MemoryFleet::MemoryFleet(const DriversSettings& settings, modules::Clock clock)
    : settings_(settings),
      clock_(std::move(clock)),
      travel_({static_cast<double>(settings.circuity_permille) / 1000.0,
               static_cast<double>(settings.learning_rate_permille) / 1000.0,
               static_cast<double>(settings.zone_cell_millideg) / 1000.0, settings.utc_offset_min}),
      index_(make_memory_index()) {}

bool MemoryFleet::fresh(const Courier& c, std::int64_t now_us) const {
  return !c.track.empty() && now_us - c.last_accepted_us <= settings_.suspect_after_s * 1'000'000;
}

OnlineDriver MemoryFleet::online_driver(const Courier& c) {
  OnlineDriver out{
      c.profile.driver_id, c.profile.vehicle, c.profile.capacity, c.profile.cold_storage, {}};
  if (!c.track.empty()) out.position = c.track.back();
  return out;
}

void MemoryFleet::start_shift(const Profile& profile, std::optional<Position> last_known) {
  std::lock_guard lock(mutex_);
  auto& courier = couriers_[profile.driver_id];
  const bool was_on_shift = !courier.profile.driver_id.empty();
  courier.profile = profile;
  if (!was_on_shift && last_known) {
    courier.track.push_back(*last_known);
    // Known from before the restart, not heard from since: suspect until the next point.
    courier.last_accepted_us = 0;
  }
  city_changed_[profile.driver_id] = profile.vehicle;
}

void MemoryFleet::end_shift(std::string_view driver_id) {
  std::lock_guard lock(mutex_);
  const auto it = couriers_.find(driver_id);
  if (it == couriers_.end()) return;
  city_changed_[it->first] = it->second.profile.vehicle;
  couriers_.erase(it);
  index_->remove(driver_id);
}

Presence MemoryFleet::presence(std::string_view driver_id) const {
  const auto now = clock_();
  std::lock_guard lock(mutex_);
  const auto it = couriers_.find(driver_id);
  if (it == couriers_.end()) return Presence::offline;
  return fresh(it->second, now) ? Presence::online : Presence::suspect;
}

std::optional<Position> MemoryFleet::last_position(std::string_view driver_id) const {
  std::lock_guard lock(mutex_);
  const auto it = couriers_.find(driver_id);
  if (it == couriers_.end() || it->second.track.empty()) return std::nullopt;
  return it->second.track.back();
}

IngestReport MemoryFleet::judge_batch(Courier& courier, std::span<const Position> points,
                                      std::vector<Position>& accepted) {
  IngestReport report;
  const TrackRules rules{limits_of(courier.profile.vehicle).speed_max_mps,
                         static_cast<double>(settings_.accuracy_m_max),
                         clock_() + settings_.clock_skew_s_max * 1'000'000};
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto verdict = judge(courier.track, points[i], rules);
    if (verdict != Verdict::accepted) {
      report.rejected.push_back({i, verdict});
      ++(verdict == Verdict::implausible ? report.flagged : report.dropped);
      continue;
    }
    if (!courier.track.empty())
      travel_.observe(courier.profile.vehicle, courier.track.back(), points[i]);
    courier.track.push_back(points[i]);
    while (std::cmp_greater(courier.track.size(), settings_.track_points_max))
      courier.track.pop_front();
    accepted.push_back(points[i]);
    ++report.accepted;
  }
  return report;
}

Result<IngestReport> MemoryFleet::ingest(const std::string& driver_id,
                                         std::span<const Position> points) {
  std::vector<Position> accepted;
  IngestReport report;
  {
    std::lock_guard lock(mutex_);
    const auto it = couriers_.find(driver_id);
    if (it == couriers_.end())
      return fail(ErrorCode::conflict,
                  "go online (POST /v1/drivers/me/shift) before sending "
                  "locations");
    auto& courier = it->second;
    report = judge_batch(courier, points, accepted);
    if (!accepted.empty()) {
      courier.last_accepted_us = clock_();
      courier.unsaved = true;
      city_changed_[driver_id] = courier.profile.vehicle;
      index_->upsert(driver_id, accepted.back().point);
    }
  }
  std::shared_lock lock(listeners_mutex_);
  for (const auto& p : accepted) {
    for (const auto& listener : listeners_) listener(driver_id, p);
  }
  return report;
}

std::vector<OnlineDriver> MemoryFleet::available() const {
  const auto now = clock_();
  std::vector<OnlineDriver> out;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, courier] : couriers_) {
      if (fresh(courier, now)) out.push_back(online_driver(courier));
    }
  }
  // By id, whatever the hash order: a dispatch round sees its candidates in a stable order.
  std::ranges::sort(out, {}, &OnlineDriver::driver_id);
  return out;
}

std::vector<OnlineDriver> MemoryFleet::near(modules::geo::Point center, double radius_m,
                                            std::size_t limit) const {
  if (limit == 0) return {};
  const auto now = clock_();
  // The index holds suspect couriers too: ask for a margin, and for everyone in the circle when
  // the margin was not enough.
  auto ask = limit * 2 + 16;
  for (;;) {
    const auto found = index_->within(center, radius_m, ask);
    std::vector<OnlineDriver> out;
    std::lock_guard lock(mutex_);
    for (const auto& [id, distance] : found) {
      const auto it = couriers_.find(id);
      if (it == couriers_.end() || !fresh(it->second, now)) continue;
      out.push_back(online_driver(it->second));
      if (out.size() == limit) return out;
    }
    if (found.size() < ask) return out;
    ask = std::max(ask * 4, index_->size());
  }
}

std::optional<OnlineDriver> MemoryFleet::online(std::string_view driver_id) const {
  std::lock_guard lock(mutex_);
  const auto it = couriers_.find(driver_id);
  if (it == couriers_.end()) return std::nullopt;
  return online_driver(it->second);
}

std::vector<Position> MemoryFleet::recent_track(std::string_view driver_id) const {
  std::lock_guard lock(mutex_);
  const auto it = couriers_.find(driver_id);
  if (it == couriers_.end()) return {};
  return {it->second.track.begin(), it->second.track.end()};
}

void MemoryFleet::on_position(Drivers::PositionListener listener) {
  std::unique_lock lock(listeners_mutex_);
  listeners_.push_back(std::move(listener));
}

std::vector<std::pair<std::string, Position>> MemoryFleet::take_unsaved() {
  std::vector<std::pair<std::string, Position>> out;
  std::lock_guard lock(mutex_);
  for (auto& [id, courier] : couriers_) {
    if (!courier.unsaved) continue;
    courier.unsaved = false;
    out.emplace_back(id, courier.track.back());
  }
  return out;
}

void MemoryFleet::restore_unsaved(const std::vector<std::pair<std::string, Position>>& unsaved) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, position] : unsaved) {
    const auto it = couriers_.find(id);
    if (it != couriers_.end()) it->second.unsaved = true;
  }
}

std::vector<CityDot> MemoryFleet::take_city_changes(std::size_t max) {
  const auto now = clock_();
  std::vector<CityDot> out;
  std::lock_guard lock(mutex_);
  auto it = city_changed_.begin();
  for (; it != city_changed_.end() && out.size() < max; ++it) {
    const auto courier = couriers_.find(it->first);
    if (courier == couriers_.end()) {
      out.push_back({it->first, Presence::offline, it->second, std::nullopt});
      continue;
    }
    const auto& c = courier->second;
    out.push_back({it->first, fresh(c, now) ? Presence::online : Presence::suspect,
                   c.profile.vehicle,
                   c.track.empty() ? std::nullopt : std::optional<Position>(c.track.back())});
  }
  city_changed_.erase(city_changed_.begin(), it);
  return out;
}

std::size_t MemoryFleet::on_shift_count() const {
  std::lock_guard lock(mutex_);
  return couriers_.size();
}

std::size_t MemoryFleet::available_count() const {
  const auto now = clock_();
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(
      couriers_.begin(), couriers_.end(), [&](const auto& c) { return fresh(c.second, now); }));
}

}  // namespace reskflow::drivers
