// The courier-position fan-out to delivery topics and the path buffer.
#include "tracking.h"

#include <algorithm>

#include "document.h"
#include "repository.h"
#include "reskflow/core/log.h"

namespace reskflow::deliveries {

Tracker::Tracker(ws::Hub& hub, store::Database& db, Service& service, drivers::Drivers& drivers,
                 std::chrono::milliseconds throttle, DeliveriesMetrics& metrics)
    : hub_(hub),
      db_(db),
      service_(service),
      drivers_(drivers),
      throttle_(throttle),
      metrics_(metrics) {}

Tracker::Tracked Tracker::tracked(DeliveryRecord record) {
  auto id = std::make_shared<const std::string>(record.id());
  auto topic = std::make_shared<const std::string>(std::string(delivery_family) + "." + *id);
  return {std::move(record), std::move(id), std::move(topic)};
}

Status Tracker::load() {
  RF_TRY(active, service_.active());
  StringMap<drivers::Vehicle> vehicles;
  for (const auto& r : *active) {
    if (const auto courier = drivers_.online(r.delivery.driver_id))
      vehicles[r.delivery.driver_id] = courier->vehicle;
  }
  const std::lock_guard lock(mutex_);
  by_driver_.clear();
  driver_of_.clear();
  vehicles_ = std::move(vehicles);
  for (auto& r : *active) {
    driver_of_[r.id()] = r.delivery.driver_id;
    version_of_[r.id()] = r.version;
    auto& list = by_driver_[r.delivery.driver_id];
    list.push_back(tracked(std::move(r)));
  }
  return {};
}

void Tracker::forget(std::string_view delivery_id) {
  const auto driver = driver_of_.find(delivery_id);
  if (driver == driver_of_.end()) return;
  if (const auto list = by_driver_.find(driver->second); list != by_driver_.end()) {
    std::erase_if(list->second, [&](const Tracked& t) { return *t.id == delivery_id; });
    if (list->second.empty()) by_driver_.erase(list);
  }
  driver_of_.erase(driver);
}

void Tracker::learned(const DeliveryRecord& record) { keep(record); }

bool Tracker::keep(const DeliveryRecord& record) {
  const auto courier =
      active_status(record.status()) ? drivers_.online(record.delivery.driver_id) : std::nullopt;
  const std::lock_guard lock(mutex_);
  const auto seen = version_of_.find(record.id());
  if (seen != version_of_.end() && seen->second > record.version) return false;
  const bool known = seen != version_of_.end() && seen->second == record.version;
  if (seen == version_of_.end())
    version_of_.emplace(record.id(), record.version);
  else
    seen->second = record.version;
  if (courier) vehicles_[courier->driver_id] = courier->vehicle;
  forget(record.id());
  if (active_status(record.status())) {
    driver_of_[record.id()] = record.delivery.driver_id;
    by_driver_[record.delivery.driver_id].push_back(tracked(record));
  }
  if (final_status(record.status())) {
    if (const auto it = last_sent_us_.find(record.id()); it != last_sent_us_.end())
      last_sent_us_.erase(it);
    if (!known) ended_.push_back(record.id());
    if (ended_.size() > ended_remembered_max) {
      version_of_.erase(ended_.front());
      ended_.pop_front();
    }
  }
  return true;
}

void Tracker::changed(const DeliveryRecord& record) {
  if (!keep(record)) return;  // a newer change of it was kept already
  hub_.publish(std::string(delivery_family) + "." + record.id(),
               tracking_text(record, std::nullopt));
}

void Tracker::position(const std::string& driver_id, const drivers::Position& position) {
  std::vector<std::pair<std::shared_ptr<const std::string>, std::string>> messages;
  {
    const std::lock_guard lock(mutex_);
    const auto it = by_driver_.find(driver_id);
    if (it == by_driver_.end()) return;
    const auto throttle_us =
        std::chrono::duration_cast<std::chrono::microseconds>(throttle_).count();
    const auto vehicle = vehicles_.find(driver_id);
    for (auto& t : it->second) {
      const PathPoint point{position.at_us, position.point};
      if (buffer_.size() < buffered_points_max)
        buffer_.emplace_back(t.id, point);
      else
        metrics_.path_failures.inc();
      auto sent = last_sent_us_.find(*t.id);
      if (sent == last_sent_us_.end()) sent = last_sent_us_.emplace(*t.id, 0).first;
      if (sent->second != 0 && position.at_us - sent->second < throttle_us) continue;
      sent->second = position.at_us;
      if (vehicle != vehicles_.end())
        service_.estimate(t.record, position.point, vehicle->second, position.at_us);
      messages.emplace_back(t.topic, tracking_text(t.record, point));
    }
  }
  for (const auto& [topic, data] : messages) {
    hub_.publish(*topic, data);
    metrics_.positions_forwarded.inc();
  }
}

Status Tracker::flush() {
  std::vector<std::pair<std::shared_ptr<const std::string>, PathPoint>> points;
  {
    const std::lock_guard lock(mutex_);
    points.swap(buffer_);
  }
  if (points.empty()) return {};
  std::vector<repository::PathEntry> entries;
  entries.reserve(points.size());
  for (const auto& [delivery_id, point] : points) entries.push_back({*delivery_id, point});
  auto written =
      db_.write([&](store::Transaction& tx) { return repository::append_paths(tx, entries); });
  if (!written) {
    metrics_.path_failures.inc(static_cast<double>(points.size()));
    log::warn("deliveries_path_flush_failed", {{"detail", written.error().detail}});
  }
  return written;
}

}  // namespace reskflow::deliveries
