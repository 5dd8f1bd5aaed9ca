// Great-circle and Euclidean travel models and the scaled matrices built from them.
#include "reskflow/optimize/travel_model.h"

#include <cmath>
#include <numbers>

namespace reskflow::optimize {
namespace {

constexpr double earth_radius_m = 6'371'008.8;

double haversine_m(const GeoPoint& a, const GeoPoint& b) {
  const double to_rad = std::numbers::pi / 180.0;
  const double dlat = (b.lat - a.lat) * to_rad;
  const double dlon = (b.lon - a.lon) * to_rad;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(a.lat * to_rad) * std::cos(b.lat * to_rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * earth_radius_m * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace

double GreatCircleModel::distance(const GeoPoint& from, const GeoPoint& to) const {
  return haversine_m(from, to) * circuity_;
}

double GreatCircleModel::duration(const GeoPoint& from, const GeoPoint& to) const {
  return distance(from, to) / speed_m_per_s_;
}

double EuclideanModel::distance(const GeoPoint& from, const GeoPoint& to) const {
  return std::hypot(to.lon - from.lon, to.lat - from.lat);
}

double EuclideanModel::duration(const GeoPoint& from, const GeoPoint& to) const {
  return distance(from, to) / speed_;
}

ScaledMatrices build_matrices(std::span<const GeoPoint> points, const TravelModel& model,
                              const Scales& scales) {
  const std::size_t n = points.size();
  ScaledMatrices out{Matrix<Duration>(n), Matrix<Distance>(n)};
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      // Rounding durations up keeps every integer-feasible schedule feasible in reals; the
      // epsilon absorbs representation noise of exact values.
      const double d = model.duration(points[i], points[j]) * scales.duration;
      out.durations.at(i, j) = static_cast<Duration>(std::ceil(d - 1e-7));
      const double m = model.distance(points[i], points[j]) * scales.distance;
      out.distances.at(i, j) = static_cast<Distance>(std::llround(m));
    }
  }
  return out;
}

}  // namespace reskflow::optimize
