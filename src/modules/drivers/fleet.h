// The couriers on shift as the drivers module sees them (profiles, presence, last positions,
// location batches), whichever store holds them; the module persists the last positions in
// batches (take_unsaved).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "reskflow/drivers/drivers.h"
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

// The couriers on shift: in this node's memory (MemoryFleet, the embedded default) or shared by
// every node through Redis (RedisFleet, with REDIS_URL). Thread-safe. What stays per node in both:
// the position listeners, the travel model, the positions not yet saved and the city feed's
// changes (docs/deliveries.md, "Positions in memory, on disk and on the map").
class Fleet {
 public:
  virtual ~Fleet() = default;

  // On shift from now, at `last_known` when the module had persisted one (a restart).
  virtual void start_shift(const Profile& profile, std::optional<Position> last_known) = 0;
  virtual void end_shift(std::string_view driver_id) = 0;
  virtual Presence presence(std::string_view driver_id) const = 0;
  virtual std::optional<Position> last_position(std::string_view driver_id) const = 0;

  // Judges each point in order and keeps the accepted ones; conflict when the courier is not
  // on shift. Calls the position listeners with every accepted point before returning.
  virtual Result<IngestReport> ingest(const std::string& driver_id,
                                      std::span<const Position> points) = 0;

  virtual std::vector<OnlineDriver> available() const = 0;
  virtual std::vector<OnlineDriver> near(modules::geo::Point center, double radius_m,
                                         std::size_t limit) const = 0;
  virtual std::optional<OnlineDriver> online(std::string_view driver_id) const = 0;
  // The points this node accepted lately, oldest first; empty when offline.
  virtual std::vector<Position> recent_track(std::string_view driver_id) const = 0;
  virtual void on_position(Drivers::PositionListener listener) = 0;

  // The last accepted points not yet persisted, and forgets that they were not; a failed write
  // gives them back with restore_unsaved (a newer point in between wins).
  virtual std::vector<std::pair<std::string, Position>> take_unsaved() = 0;
  virtual void restore_unsaved(const std::vector<std::pair<std::string, Position>>& unsaved) = 0;
  // Couriers that moved, came or went since the last call (at most `max`, the rest stay).
  virtual std::vector<CityDot> take_city_changes(std::size_t max) = 0;

  virtual std::size_t on_shift_count() const = 0;
  virtual std::size_t available_count() const = 0;
  virtual TravelModel& travel() = 0;
  virtual const TravelModel& travel() const = 0;
  // Held by every node (Redis), which may lose couriers the database still has on shift (a
  // Redis restarted empty): the service puts them back from the database.
  virtual bool shared() const = 0;
};

}  // namespace reskflow::drivers
