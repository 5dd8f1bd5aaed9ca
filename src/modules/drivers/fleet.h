// The couriers on shift, in memory: each one's profile, recent accepted track and when the
// server last accepted a point from them, the spatial index of those with a position, and the
// position listeners. The hot path (ingesting points, answering dispatch) never touches
// storage; the module persists the last positions in batches (take_unsaved).
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

#include "reskflow/drivers/drivers.h"
#include "reskflow/modules/clock.h"
#include "settings.h"
#include "track_filter.h"
#include "travel_model.h"

namespace reskflow::drivers {

// What the module knows of a courier's vehicle (drivers_profiles).
struct Profile {
  std::string driver_id;
  Vehicle vehicle = Vehicle::bike;
  std::int64_t capacity = 1;
  bool cold_storage = false;
  std::optional<std::string> shift_id;  // set while on shift
  std::int64_t shift_started_at_us = 0;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
};

enum class Presence { offline, online, suspect };
std::string_view presence_name(Presence presence);

// What became of one batch of points: a verdict for each point that was not accepted.
struct IngestReport {
  struct Rejected {
    std::size_t index = 0;  // in the batch as sent
    Verdict verdict = Verdict::duplicate;
  };
  std::int64_t accepted = 0;
  std::int64_t dropped = 0;  // duplicate, out of order, inaccurate, future
  std::int64_t flagged = 0;  // implausible jumps
  std::vector<Rejected> rejected;
};

// A courier on the admins' live map.
struct CityDot {
  std::string driver_id;
  Presence presence = Presence::offline;
  Vehicle vehicle = Vehicle::bike;
  std::optional<Position> position;
};

class Fleet {
 public:
  Fleet(const DriversSettings& settings, modules::Clock clock);

  // On shift from now, at `last_known` when the module had persisted one (a restart).
  void start_shift(const Profile& profile, std::optional<Position> last_known);
  void end_shift(std::string_view driver_id);
  bool on_shift(std::string_view driver_id) const;
  Presence presence(std::string_view driver_id) const;
  std::optional<Position> last_position(std::string_view driver_id) const;

  // Judges each point in order and keeps the accepted ones; conflict when the courier is not
  // on shift. Calls the position listeners with every accepted point before returning.
  Result<IngestReport> ingest(const std::string& driver_id, std::span<const Position> points);

  std::vector<OnlineDriver> available() const;
  std::vector<OnlineDriver> near(modules::geo::Point center, double radius_m,
                                 std::size_t limit) const;
  std::optional<OnlineDriver> online(std::string_view driver_id) const;
  std::vector<Position> recent_track(std::string_view driver_id) const;
  void on_position(Drivers::PositionListener listener);

  // The last accepted points not yet persisted, and forgets that they were not; a failed write
  // gives them back with restore_unsaved (a newer point in between wins).
  std::vector<std::pair<std::string, Position>> take_unsaved();
  void restore_unsaved(const std::vector<std::pair<std::string, Position>>& unsaved);
  // Couriers that moved, came or went since the last call (at most `max`, the rest stay).
  std::vector<CityDot> take_city_changes(std::size_t max);

  std::size_t on_shift_count() const;
  std::size_t available_count() const;
  TravelModel& travel() { return travel_; }
  const TravelModel& travel() const { return travel_; }

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
  std::map<std::string, Courier, std::less<>> couriers_;      // guarded by mutex_
  std::map<std::string, Vehicle, std::less<>> city_changed_;  // guarded by mutex_
  mutable std::shared_mutex listeners_mutex_;
  std::vector<Drivers::PositionListener> listeners_;  // guarded by listeners_mutex_
};

}  // namespace reskflow::drivers
