// The courier-position fan-out to delivery topics and the path buffer.
#include "tracking.h"

#include <algorithm>

#include "document.h"
#include "repository.h"
#include "reskflow/core/json_text.h"
#include "reskflow/core/log.h"

namespace reskflow::deliveries {
namespace {

std::string topic_of(const std::string& delivery_id) {
  return std::string(delivery_family) + "." + delivery_id;
}

}  // namespace

Tracker::Tracker(ws::Hub& hub, store::Database& db, Service& service, drivers::Drivers& drivers,
                 std::chrono::milliseconds throttle, DeliveriesMetrics& metrics)
    : hub_(hub),
      db_(db),
      service_(service),
      drivers_(drivers),
      throttle_(throttle),
      metrics_(metrics) {}

Status Tracker::load() {
  RF_TRY(active, service_.active());
  std::map<std::string, drivers::Vehicle, std::less<>> vehicles;
  for (const auto& r : *active) {
    if (const auto courier = drivers_.online(r.delivery.driver_id))
      vehicles[r.delivery.driver_id] = courier->vehicle;
  }
  const std::lock_guard lock(mutex_);
  by_driver_.clear();
  vehicles_ = std::move(vehicles);
  for (auto& r : *active) by_driver_[r.delivery.driver_id].push_back(std::move(r));
  return {};
}

void Tracker::learned(const DeliveryRecord& record) {
  const auto courier =
      active_status(record.status()) ? drivers_.online(record.delivery.driver_id) : std::nullopt;
  const std::lock_guard lock(mutex_);
  if (courier) vehicles_[courier->driver_id] = courier->vehicle;
  for (auto& [driver, list] : by_driver_)
    std::erase_if(list, [&](const DeliveryRecord& r) { return r.id() == record.id(); });
  std::erase_if(by_driver_, [](const auto& entry) { return entry.second.empty(); });
  if (active_status(record.status())) by_driver_[record.delivery.driver_id].push_back(record);
  if (final_status(record.status())) last_sent_us_.erase(record.id());
}

void Tracker::changed(const DeliveryRecord& record) {
  learned(record);
  hub_.publish(topic_of(record.id()), json::serialize(tracking_document(record, std::nullopt)));
}

void Tracker::position(const std::string& driver_id, const drivers::Position& position) {
  std::vector<std::pair<std::string, std::string>> messages;
  {
    const std::lock_guard lock(mutex_);
    const auto it = by_driver_.find(driver_id);
    if (it == by_driver_.end()) return;
    const auto throttle_us =
        std::chrono::duration_cast<std::chrono::microseconds>(throttle_).count();
    const auto vehicle = vehicles_.find(driver_id);
    for (auto& r : it->second) {
      const PathPoint point{position.at_us, position.point};
      if (buffer_.size() < buffered_points_max)
        buffer_.emplace_back(r.id(), point);
      else
        metrics_.path_failures.inc();
      auto& last = last_sent_us_[r.id()];
      if (last != 0 && position.at_us - last < throttle_us) continue;
      last = position.at_us;
      if (vehicle != vehicles_.end())
        service_.estimate(r, position.point, vehicle->second, position.at_us);
      messages.emplace_back(topic_of(r.id()), json::serialize(tracking_document(r, point)));
    }
  }
  for (const auto& [topic, data] : messages) {
    hub_.publish(topic, data);
    metrics_.positions_forwarded.inc();
  }
}

Status Tracker::flush() {
  std::vector<std::pair<std::string, PathPoint>> points;
  {
    const std::lock_guard lock(mutex_);
    points.swap(buffer_);
  }
  if (points.empty()) return {};
  auto written = db_.write([&](store::Transaction& tx) -> Status {
    for (const auto& [delivery_id, point] : points) {
      RF_TRY(appended, repository::append_path(tx, delivery_id, point));
    }
    return {};
  });
  if (!written) {
    metrics_.path_failures.inc(static_cast<double>(points.size()));
    log::warn("deliveries_path_flush_failed", {{"detail", written.error().detail}});
  }
  return written;
}

}  // namespace reskflow::deliveries
