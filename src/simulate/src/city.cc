// Geometry, routes and randomness of the simulated city (city.h).
#include "city.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <numbers>

namespace reskflow::simulate {
namespace {

constexpr double metres_per_degree = 111320;

std::uint64_t splitmix(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Rng::Rng(std::uint64_t seed) {
  for (auto& word : s_) word = splitmix(seed);
}

Rng Rng::for_actor(std::uint64_t seed, std::string_view kind, std::uint64_t index) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a of the kind
  for (const char c : kind) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  std::uint64_t mix = seed ^ h;
  return Rng(splitmix(mix) ^ (index * 0xD1B54A32D192ED03ULL));
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

std::size_t Rng::below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

double Rng::normal(double mean, double sd) {
  const double u1 = 1 - uniform();  // (0, 1]
  const double u2 = uniform();
  return mean + sd * std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
}

double Rng::exponential(double rate) { return -std::log(1 - uniform()) / rate; }

double Rng::spread(const Spread& s) { return std::clamp(normal(s.mean, s.sd), s.min, s.max); }

LatLng City::to_lat_lng(Metres m) const {
  const double lat = area_.lat + m.y / metres_per_degree;
  const double lng =
      area_.lng + m.x / (metres_per_degree * std::cos(area_.lat * std::numbers::pi / 180));
  return {lat, lng};
}

Metres City::to_metres(LatLng p) const {
  return {(p.lng - area_.lng) * metres_per_degree * std::cos(area_.lat * std::numbers::pi / 180),
          (p.lat - area_.lat) * metres_per_degree};
}

double City::snap(double v) const { return std::round(v / area_.block_m) * area_.block_m; }

Metres City::random_place(Rng& rng) const {
  const double r = area_.radius_m * std::sqrt(rng.uniform());
  const double angle = 2 * std::numbers::pi * rng.uniform();
  Metres m{r * std::cos(angle), r * std::sin(angle)};
  // On a street: one coordinate on the grid.
  if (rng.chance(0.5))
    m.x = snap(m.x);
  else
    m.y = snap(m.y);
  return m;
}

std::vector<Metres> City::route(Metres from, Metres to) const {
  const double avenue = snap(from.x);
  const double street = snap(to.y);
  std::vector<Metres> way{from};
  for (const Metres corner :
       {Metres{avenue, from.y}, Metres{avenue, street}, Metres{to.x, street}, to}) {
    const auto& last = way.back();
    if (std::abs(corner.x - last.x) + std::abs(corner.y - last.y) > 0.01) way.push_back(corner);
  }
  return way;
}

double City::length(const std::vector<Metres>& way) {
  double total = 0;
  for (std::size_t i = 1; i < way.size(); ++i)
    total += std::hypot(way[i].x - way[i - 1].x, way[i].y - way[i - 1].y);
  return total;
}

double Ride::advance(double metres) {
  double moved = 0;
  while (metres > 0 && !arrived()) {
    auto& here = way_[leg_];
    const auto& next = way_[leg_ + 1];
    const double d = std::hypot(next.x - here.x, next.y - here.y);
    if (d <= metres) {
      metres -= d;
      moved += d;
      ++leg_;
      continue;
    }
    here.x += (next.x - here.x) * metres / d;
    here.y += (next.y - here.y) * metres / d;
    moved += metres;
    metres = 0;
  }
  return moved;
}

std::string iso_utc(std::chrono::system_clock::time_point at) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch());
  const std::time_t seconds = static_cast<std::time_t>(ms.count() / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 40> text{};
  const int n = std::snprintf(text.data(), text.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                              utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                              utc.tm_min, utc.tm_sec, static_cast<int>(ms.count() % 1000));
  return {text.data(), static_cast<std::size_t>(n)};
}

std::chrono::system_clock::time_point parse_iso_utc(std::string_view text) {
  std::tm utc{};
  int millis = 0;
  const std::string copy(text);
  const int n = std::sscanf(copy.c_str(), "%d-%d-%dT%d:%d:%d.%3d", &utc.tm_year, &utc.tm_mon,
                            &utc.tm_mday, &utc.tm_hour, &utc.tm_min, &utc.tm_sec, &millis);
  if (n < 6) return {};
  utc.tm_year -= 1900;
  utc.tm_mon -= 1;
  return std::chrono::system_clock::from_time_t(timegm(&utc)) +
         std::chrono::milliseconds(n == 7 ? millis : 0);
}

}  // namespace reskflow::simulate
