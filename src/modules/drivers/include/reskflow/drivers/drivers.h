// The drivers module's public interface: courier profiles (vehicle, capacity, cold storage),
// shifts, and the live positions of online couriers, validated and kept in a spatial index;
// and the travel-time model that predicts how long a courier takes between two points,
// corrected by the speeds couriers are observed to move at (docs/deliveries.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/authenticator.h"
#include "reskflow/modules/geo.h"
#include "reskflow/modules/module.h"

namespace reskflow::drivers {

enum class Vehicle { bike, scooter, car, van };

// "bike", "scooter", "car", "van" (the API's names).
std::string_view vehicle_name(Vehicle vehicle);
std::optional<Vehicle> parse_vehicle(std::string_view name);

// A point a courier's device reported and the drivers module accepted (out-of-order,
// duplicate and implausible points never get here).
struct Position {
  modules::geo::Point point;
  std::int64_t at_us = 0;  // device time, UTC
  double accuracy_m = 0;
  double speed_mps = 0;
  double heading_deg = 0;
};

// An online courier the dispatcher may offer work to.
struct OnlineDriver {
  std::string driver_id;  // the courier's user id
  Vehicle vehicle = Vehicle::bike;
  std::int64_t capacity = 1;  // orders carried at once
  bool cold_storage = false;
  Position position;  // the last accepted point
};

// "Which online couriers are near this point": the in-memory index of one node; the scale-out
// release puts the same interface over Redis GEO. Thread-safe.
class SpatialIndex {
 public:
  virtual ~SpatialIndex() = default;
  virtual void upsert(const std::string& driver_id, modules::geo::Point point) = 0;
  virtual void remove(std::string_view driver_id) = 0;
  // The drivers within radius_m of `center`, nearest first, at most `limit`, with their
  // great-circle distance in metres.
  virtual std::vector<std::pair<std::string, double>> within(modules::geo::Point center,
                                                             double radius_m,
                                                             std::size_t limit) const = 0;
  virtual std::size_t size() const = 0;
};

// The in-memory index (a grid of cells keyed by latitude and longitude).
std::unique_ptr<SpatialIndex> make_memory_index();

// Thread-safe. Reads answer from memory and never block on storage.
class Drivers {
 public:
  virtual ~Drivers() = default;

  // Couriers on shift with a point newer than the offline-suspect limit (60 s by default).
  virtual std::vector<OnlineDriver> available() const = 0;
  // Those of them within radius_m of `center`, nearest first, at most `limit`.
  virtual std::vector<OnlineDriver> near(modules::geo::Point center, double radius_m,
                                         std::size_t limit) const = 0;
  // One courier while on shift (suspect or not); nullopt when offline or unknown.
  virtual std::optional<OnlineDriver> online(std::string_view driver_id) const = 0;

  // Called with every accepted point of every courier, on the thread that ingested it: the
  // listener must not block (deliveries forwards it to the customer's topic).
  using PositionListener = std::function<void(const std::string& driver_id, const Position&)>;
  virtual void on_position(PositionListener listener) = 0;

  // The predicted travel time in seconds from `from` to `to` by `vehicle`, leaving at `at_us`:
  // great-circle distance x circuity / speed of the vehicle at that hour, corrected by the
  // speeds observed on recent trips in that zone and hour.
  virtual double travel_seconds(modules::geo::Point from, modules::geo::Point to, Vehicle vehicle,
                                std::int64_t at_us) const = 0;
  // The road distance the model assumes between two points (great-circle x circuity), metres.
  virtual double road_distance_m(modules::geo::Point from, modules::geo::Point to) const = 0;
};

class DriversModule : public modules::Module {
 public:
  virtual Drivers& drivers() = 0;
};

// The public interfaces the drivers module needs.
struct Deps {
  identity::Directory& directory;         // a courier is a user with the driver role
  modules::Authenticator& authenticator;  // who opened a WebSocket, who posts locations
};

// Fails when a RESKFLOW_DRIVERS_* setting is malformed or unknown.
Result<std::unique_ptr<DriversModule>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::drivers
