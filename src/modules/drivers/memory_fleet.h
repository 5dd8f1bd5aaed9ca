// The couriers on shift in this node's memory (the embedded default): each one's profile, recent
// accepted track and when the server last accepted a point from them, and the spatial index of
// those with a position. Ingesting points and answering dispatch never touch storage.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <vector>

#include "fleet.h"
#include "reskflow/core/string_map.h"
#include "reskflow/drivers/drivers.h"
#include "reskflow/modules/clock.h"
#include "settings.h"

namespace reskflow::drivers {

class MemoryFleet final : public Fleet {
 public:
  MemoryFleet(const DriversSettings& settings, modules::Clock clock);

  void start_shift(const Profile& profile, std::optional<Position> last_known) override;
  void end_shift(std::string_view driver_id) override;
  Presence presence(std::string_view driver_id) const override;
  std::optional<Position> last_position(std::string_view driver_id) const override;
  Result<IngestReport> ingest(const std::string& driver_id,
                              std::span<const Position> points) override;
  std::vector<OnlineDriver> available() const override;
  std::vector<OnlineDriver> near(modules::geo::Point center, double radius_m,
                                 std::size_t limit) const override;
  std::optional<OnlineDriver> online(std::string_view driver_id) const override;
  std::vector<Position> recent_track(std::string_view driver_id) const override;
  void on_position(Drivers::PositionListener listener) override;
  std::vector<std::pair<std::string, Position>> take_unsaved() override;
  void restore_unsaved(const std::vector<std::pair<std::string, Position>>& unsaved) override;
  std::vector<CityDot> take_city_changes(std::size_t max) override;
  std::size_t on_shift_count() const override;
  std::size_t available_count() const override;
  TravelModel& travel() override { return travel_; }
  const TravelModel& travel() const override { return travel_; }
  bool shared() const override { return false; }

 private:
  struct Courier {
    Profile profile;
    std::deque<Position> track;         // accepted points, oldest first, bounded
    std::int64_t last_accepted_us = 0;  // server time of the last accepted point
    bool unsaved = false;
  };
  bool fresh(const Courier& c, std::int64_t now_us) const;
  static OnlineDriver online_driver(const Courier& c);
  IngestReport judge_batch(Courier& courier, std::span<const Position> points,
                           std::vector<Position>& accepted);

  const DriversSettings settings_;
  const modules::Clock clock_;
  TravelModel travel_;
  std::unique_ptr<SpatialIndex> index_;
  mutable std::mutex mutex_;
  StringMap<Courier> couriers_;  // guarded by mutex_
  // By id: the city feed sends the changes in id order.
  std::map<std::string, Vehicle, std::less<>> city_changed_;  // guarded by mutex_
  mutable std::shared_mutex listeners_mutex_;
  std::vector<Drivers::PositionListener> listeners_;  // guarded by listeners_mutex_
};

}  // namespace reskflow::drivers
