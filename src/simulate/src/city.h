// The simulated city's geometry and randomness: places in metres east and north of the centre,
// routes along a street grid, GPS noise, and a seeded generator per actor so that a run is
// repeatable for a seed (up to the server's own timing).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scenario.h"

namespace reskflow::simulate {

struct Metres {
  double x = 0;  // east of the centre
  double y = 0;  // north of the centre
};

struct LatLng {
  double lat = 0;
  double lng = 0;
};

// splitmix64-seeded xoshiro256**: the same numbers on every platform and standard library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  // A generator for actor `index` of `kind` ("courier", "customer", ...) under the run's seed.
  static Rng for_actor(std::uint64_t seed, std::string_view kind, std::uint64_t index);
  std::uint64_t next();
  double uniform();  // [0, 1)
  bool chance(double p) { return uniform() < p; }
  std::size_t below(std::size_t n);  // [0, n), n > 0
  double normal(double mean, double sd);
  double exponential(double rate);  // mean 1 / rate
  double spread(const Spread& s);   // normal, cut to [min, max]

 private:
  std::uint64_t s_[4]{};
};

class City {
 public:
  explicit City(const Scenario::Area& area) : area_(area) {}

  LatLng to_lat_lng(Metres m) const;
  Metres to_metres(LatLng p) const;
  // A place uniformly spread over the disc of the area, on a street.
  Metres random_place(Rng& rng) const;
  // The way a courier rides from `from` to `to`: along the avenue nearest `from`, the street
  // nearest `to`, then to the door. The first point is `from`, the last `to`.
  std::vector<Metres> route(Metres from, Metres to) const;
  static double length(const std::vector<Metres>& way);
  double circuity() const { return area_.circuity; }

 private:
  double snap(double v) const;
  Scenario::Area area_;
};

// Walks a route at a speed: where the courier is after each step.
class Ride {
 public:
  Ride() = default;
  explicit Ride(std::vector<Metres> way) : way_(std::move(way)) {}
  // Moves up to `metres` along the way; returns the metres moved.
  double advance(double metres);
  Metres at() const { return way_.empty() ? Metres{} : way_[leg_]; }
  bool arrived() const { return way_.empty() || leg_ + 1 >= way_.size(); }

 private:
  std::vector<Metres> way_;
  std::size_t leg_ = 0;  // way_[leg_] is the courier's position; legs before it are ridden
};

// ISO 8601 UTC with milliseconds, as phones send their fixes' times.
std::string iso_utc(std::chrono::system_clock::time_point at);
// Reads "YYYY-MM-DDTHH:MM:SS[.fff]Z"; nullopt-like epoch on failure.
std::chrono::system_clock::time_point parse_iso_utc(std::string_view text);

}  // namespace reskflow::simulate
