// drivers::testing::FakeDrivers: online couriers set by the test (found through the real
// in-memory spatial index), travel times from a fixed speed per vehicle over great-circle
// distance x circuity, and positions the test pushes to the listeners, for the tests and
// benchmarks of modules that use couriers (deliveries).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "reskflow/drivers/drivers.h"

namespace reskflow::drivers::testing {

// Thread-safe.
class FakeDrivers final : public Drivers {
 public:
  static constexpr double circuity = 1.3;

  // A courier on shift at `point` (available unless set_available(false)).
  void put(OnlineDriver driver);
  void set_available(const std::string& driver_id, bool available);
  void remove(const std::string& driver_id);
  // Moves the courier and calls every listener, as an accepted point would.
  void move(const std::string& driver_id, modules::geo::Point point, std::int64_t at_us);
  // How often available() and near() were called: each is a Redis round trip with the shared
  // fleet (drivers' RedisFleet), which a dispatch round must not multiply.
  std::int64_t available_reads() const;
  std::int64_t near_reads() const;

  std::vector<OnlineDriver> available() const override;
  std::vector<OnlineDriver> near(modules::geo::Point center, double radius_m,
                                 std::size_t limit) const override;
  std::optional<OnlineDriver> online(std::string_view driver_id) const override;
  void on_position(PositionListener listener) override;
  // road_distance_m / the vehicle's speed (bike 4, scooter 7, car 8, van 7 m/s).
  double travel_seconds(modules::geo::Point from, modules::geo::Point to, Vehicle vehicle,
                        std::int64_t at_us) const override;
  double road_distance_m(modules::geo::Point from, modules::geo::Point to) const override;

 private:
  struct Entry {
    OnlineDriver driver;
    bool available = true;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> drivers_;
  std::unique_ptr<SpatialIndex> index_ = make_memory_index();
  std::size_t unavailable_ = 0;  // couriers in index_ that near() must skip
  std::vector<PositionListener> listeners_;
  mutable std::int64_t available_reads_ = 0;
  mutable std::int64_t near_reads_ = 0;
};

}  // namespace reskflow::drivers::testing
