// Pluggable travel-time models: great-circle distance x circuity at a constant speed by
// default, planar Euclidean for benchmark instances; a road network can implement the same.
#pragma once

#include <span>

#include "reskflow/optimize/matrix.h"
#include "reskflow/optimize/problem.h"
#include "reskflow/optimize/types.h"

namespace reskflow::optimize {

struct GeoPoint {
  double lon = 0.0;
  double lat = 0.0;
};

// Travel between two points in user units: metres and seconds for geographic models.
class TravelModel {
 public:
  virtual ~TravelModel() = default;
  [[nodiscard]] virtual double distance(const GeoPoint& from, const GeoPoint& to) const = 0;
  [[nodiscard]] virtual double duration(const GeoPoint& from, const GeoPoint& to) const = 0;
};

// Haversine distance times a circuity factor (roads are not straight), at a constant speed.
class GreatCircleModel final : public TravelModel {
 public:
  explicit GreatCircleModel(double circuity = 1.3, double speed_m_per_s = 8.33)
      : circuity_(circuity), speed_m_per_s_(speed_m_per_s) {}
  [[nodiscard]] double distance(const GeoPoint& from, const GeoPoint& to) const override;
  [[nodiscard]] double duration(const GeoPoint& from, const GeoPoint& to) const override;

 private:
  double circuity_;
  double speed_m_per_s_;
};

// Planar Euclidean distance; duration = distance / speed (Solomon: speed 1).
class EuclideanModel final : public TravelModel {
 public:
  explicit EuclideanModel(double speed = 1.0) : speed_(speed) {}
  [[nodiscard]] double distance(const GeoPoint& from, const GeoPoint& to) const override;
  [[nodiscard]] double duration(const GeoPoint& from, const GeoPoint& to) const override;

 private:
  double speed_;
};

struct ScaledMatrices {
  Matrix<Duration> durations;  // rounded up: a schedule feasible in integers is feasible exactly
  Matrix<Distance> distances;  // rounded to nearest
};

// Fills scaled matrices for all pairs of points with the model.
ScaledMatrices build_matrices(std::span<const GeoPoint> points, const TravelModel& model,
                              const Scales& scales);

}  // namespace reskflow::optimize
