// Decayed scores and grid cells (scoring.h).
#include "scoring.h"

#include <cmath>

namespace reskflow::recommendations {
namespace {

std::int64_t index_of(double degrees) {
  return static_cast<std::int64_t>(std::floor(degrees / cell_degrees));
}

std::string cell_name(std::int64_t lat_index, std::int64_t lng_index) {
  return std::to_string(lat_index) + ":" + std::to_string(lng_index);
}

}  // namespace

std::int64_t decayed_to(const Decayed& d, std::int64_t at_us, std::int64_t half_life_us) {
  if (at_us <= d.at_us || d.score == 0) return d.score;
  const double halvings = static_cast<double>(at_us - d.at_us) / static_cast<double>(half_life_us);
  return std::llround(static_cast<double>(d.score) * std::exp2(-halvings));
}

Decayed add_order(const Decayed& d, std::int64_t order_at_us, std::int64_t half_life_us) {
  if (order_at_us >= d.at_us)
    return {decayed_to(d, order_at_us, half_life_us) + score_per_order, order_at_us};
  return {d.score + decayed_to({score_per_order, order_at_us}, d.at_us, half_life_us), d.at_us};
}

std::string cell_of(modules::geo::Point p) { return cell_name(index_of(p.lat), index_of(p.lng)); }

std::vector<std::string> cells_around(modules::geo::Point p) {
  const auto lat = index_of(p.lat);
  const auto lng = index_of(p.lng);
  const auto lat_max = index_of(90.0);
  const auto lng_min = index_of(-180.0);
  const auto lng_max = index_of(180.0);
  std::vector<std::string> out;
  for (std::int64_t dlat = -1; dlat <= 1; ++dlat) {
    for (std::int64_t dlng = -1; dlng <= 1; ++dlng) {
      const auto a = lat + dlat;
      const auto b = lng + dlng;
      if (a < -lat_max || a > lat_max || b < lng_min || b > lng_max) continue;
      out.push_back(cell_name(a, b));
    }
  }
  return out;
}

}  // namespace reskflow::recommendations
