// The couriers on shift shared by every node through Redis (REDIS_URL): profiles, presence, the
// last accepted point and the GEO set that near() searches, so the node holding the
// dispatcher's lease sees every courier whichever node they report to. Each location batch is one
// round trip (a script judges it against the last point any node accepted). What stays per node:
// the travel model, the points this node accepted (its recent track, the duplicates it can
// recognise, the positions it saves), the city feed's changes and the listeners.
#pragma once

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "fleet.h"
#include "metrics.h"
#include "reskflow/modules/clock.h"
#include "reskflow/modules/redis_scripts.h"
#include "settings.h"

namespace reskflow::drivers {

class RedisFleet final : public Fleet {
 public:
  // Keys under <prefix>:drivers:{fleet}: (one hash slot). `on_available` is called with a
  // courier this node heard from who was not available before (no point, or silent for
  // suspect_after_s): the module wakes every node's dispatcher with it. Must not block.
  RedisFleet(const DriversSettings& settings, modules::Clock clock, modules::RedisScripts& redis,
             DriversMetrics& metrics, std::function<void(const std::string&)> on_available);

  // While Redis is unreachable the shared state is unknown: start and end of shift are lost
  // (a courier's next batch restores a started shift from the database, Service::ingest),
  // available() and near() are empty, online() and presence() know nobody, and a batch of a
  // courier this node knows is judged against this node's own recent track. Each failure is
  // counted (drivers_fleet_errors_total) and the loss and the return logged once.
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
  bool shared() const override { return true; }

 private:
  // What this node knows of a courier it started or took points from.
  struct Local {
    Vehicle vehicle = Vehicle::bike;
    std::deque<Position> track;   // points this node accepted, oldest first, bounded
    std::int64_t touched_us = 0;  // server time this node last accepted a point
    bool on_shift = true;         // false once the shift ended on this node
    bool unsaved = false;
  };
  struct Shared;  // one script's answer about a courier

  std::vector<std::string> keys() const;
  Result<modules::RedisValue> run(std::string_view script, std::vector<std::string> args) const;
  // Counts a failed script and logs when Redis is lost; logs when it answers again.
  void record(const Result<modules::RedisValue>& answer, std::string_view operation) const;
  std::int64_t fresh_from_us() const;
  std::optional<Shared> courier(std::string_view driver_id) const;
  // Drops what needs no shared history (inaccurate, future, a duplicate of a point this node
  // accepted); the indices of the other points go to `candidates`.
  IngestReport judge_locally(const std::string& driver_id, std::span<const Position> points,
                             std::vector<std::size_t>& candidates) const;
  // The script's verdicts on the candidates; whether the courier was available before.
  Result<bool> ingest_shared(const std::string& driver_id, const modules::RedisValue& answer,
                             std::span<const Position> points,
                             const std::vector<std::size_t>& candidates, IngestReport& report,
                             std::vector<Position>& accepted);
  // Redis unreachable: the candidates judged against this node's track of a courier it knows
  // on shift; unavailable for one it does not.
  Status ingest_alone(const std::string& driver_id, std::span<const Position> points,
                      const std::vector<std::size_t>& candidates, IngestReport& report,
                      std::vector<Position>& accepted);
  void keep(const std::string& driver_id, Vehicle vehicle, std::span<const Position> accepted);

  const DriversSettings settings_;
  const modules::Clock clock_;
  modules::RedisScripts& redis_;
  DriversMetrics& metrics_;
  const std::function<void(const std::string&)> on_available_;
  const std::string key_base_;  // <prefix>:drivers:{fleet}:
  TravelModel travel_;
  mutable std::atomic<bool> reachable_{true};
  mutable std::mutex mutex_;
  std::map<std::string, Local, std::less<>> local_;           // guarded by mutex_
  std::map<std::string, Vehicle, std::less<>> city_changed_;  // guarded by mutex_
  mutable std::shared_mutex listeners_mutex_;
  std::vector<Drivers::PositionListener> listeners_;  // guarded by listeners_mutex_
};

}  // namespace reskflow::drivers
