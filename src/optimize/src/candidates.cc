// The sparse candidate graph of the assignment: the k nearest drivers of each delivery found
// on a uniform grid (a local equirectangular projection), priced by the travel model.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "reskflow/optimize/assignment.h"

namespace reskflow::optimize {
namespace {

struct Projected {
  double x;
  double y;
};

class DriverGrid {
 public:
  DriverGrid(std::span<const DriverInfo> drivers, double mean_lat);
  // Indices of up to k drivers with free slots, nearest first.
  void nearest(const GeoPoint& at, std::size_t k, std::vector<std::uint32_t>& out) const;

 private:
  [[nodiscard]] Projected project(const GeoPoint& g) const {
    return Projected{g.lon * metres_per_lon_, g.lat * metres_per_lat_};
  }
  [[nodiscard]] std::size_t cell_x(double x) const {
    return static_cast<std::size_t>(
        std::clamp((x - min_x_) / cell_, 0.0, static_cast<double>(cols_ - 1)));
  }
  [[nodiscard]] std::size_t cell_y(double y) const {
    return static_cast<std::size_t>(
        std::clamp((y - min_y_) / cell_, 0.0, static_cast<double>(rows_ - 1)));
  }

  double metres_per_lat_ = 110'540.0;
  double metres_per_lon_;
  double min_x_ = 0.0, min_y_ = 0.0, cell_ = 1.0;
  std::size_t cols_ = 1, rows_ = 1;
  std::vector<Projected> points_;
  std::vector<std::size_t> cell_start_;
  std::vector<std::uint32_t> members_;
};

DriverGrid::DriverGrid(std::span<const DriverInfo> drivers, double mean_lat)
    : metres_per_lon_(111'320.0 * std::cos(mean_lat * std::numbers::pi / 180.0)) {
  std::vector<std::uint32_t> usable;
  double max_x = 0.0, max_y = 0.0;
  min_x_ = min_y_ = 0.0;
  for (std::size_t d = 0; d < drivers.size(); ++d) {
    points_.push_back(project(drivers[d].position));
    if (drivers[d].slots == 0) continue;
    const Projected& p = points_.back();
    if (usable.empty()) {
      min_x_ = max_x = p.x;
      min_y_ = max_y = p.y;
    }
    min_x_ = std::min(min_x_, p.x), max_x = std::max(max_x, p.x);
    min_y_ = std::min(min_y_, p.y), max_y = std::max(max_y, p.y);
    usable.push_back(static_cast<std::uint32_t>(d));
  }
  const double area = std::max(1.0, (max_x - min_x_) * (max_y - min_y_));
  cell_ = std::max(
      1.0, std::sqrt(area * 2.0 / static_cast<double>(std::max<std::size_t>(usable.size(), 1))));
  cols_ = static_cast<std::size_t>((max_x - min_x_) / cell_) + 1;
  rows_ = static_cast<std::size_t>((max_y - min_y_) / cell_) + 1;
  cell_start_.assign(cols_ * rows_ + 1, 0);
  for (const auto d : usable)
    ++cell_start_[cell_y(points_[d].y) * cols_ + cell_x(points_[d].x) + 1];
  for (std::size_t c = 0; c + 1 < cell_start_.size(); ++c) cell_start_[c + 1] += cell_start_[c];
  members_.assign(usable.size(), 0U);
  std::vector<std::size_t> fill(cell_start_.begin(), cell_start_.end() - 1);
  for (const auto d : usable)
    members_[fill[cell_y(points_[d].y) * cols_ + cell_x(points_[d].x)]++] = d;
}

void DriverGrid::nearest(const GeoPoint& at, std::size_t k, std::vector<std::uint32_t>& out) const {
  out.clear();
  if (members_.empty() || k == 0) return;
  const Projected q = project(at);
  const auto cx = static_cast<std::ptrdiff_t>(cell_x(q.x));
  const auto cy = static_cast<std::ptrdiff_t>(cell_y(q.y));
  std::vector<std::pair<double, std::uint32_t>> found;
  const auto ring_max = static_cast<std::ptrdiff_t>(std::max(cols_, rows_));
  for (std::ptrdiff_t ring = 0; ring <= ring_max; ++ring) {
    for (std::ptrdiff_t y = cy - ring; y <= cy + ring; ++y) {
      for (std::ptrdiff_t x = cx - ring; x <= cx + ring; ++x) {
        const bool border = y == cy - ring || y == cy + ring || x == cx - ring || x == cx + ring;
        if (!border || x < 0 || y < 0 || x >= static_cast<std::ptrdiff_t>(cols_) ||
            y >= static_cast<std::ptrdiff_t>(rows_)) {
          continue;
        }
        const std::size_t c = static_cast<std::size_t>(y) * cols_ + static_cast<std::size_t>(x);
        for (std::size_t i = cell_start_[c]; i < cell_start_[c + 1]; ++i) {
          const Projected& p = points_[members_[i]];
          found.emplace_back(std::hypot(p.x - q.x, p.y - q.y), members_[i]);
        }
      }
    }
    if (found.size() >= k) {
      std::nth_element(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(k - 1),
                       found.end());
      // Every unvisited driver is at least `ring` cells away from the query's cell.
      if (found[k - 1].first <= static_cast<double>(ring) * cell_) break;
    }
  }
  const std::size_t keep = std::min(k, found.size());
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end());
  for (std::size_t i = 0; i < keep; ++i) out.push_back(found[i].second);
}

}  // namespace

AssignmentProblem build_assignment_problem(std::span<const DeliveryInfo> deliveries,
                                           std::span<const DriverInfo> drivers,
                                           const TravelModel& model,
                                           const AssignmentCostModel& cost_model) {
  AssignmentProblem problem;
  problem.delivery_count = deliveries.size();
  problem.unassigned_cost = cost_model.unassigned_cost;
  for (const auto& d : drivers) problem.driver_slots.push_back(d.slots);
  double lat_sum = 0.0;
  for (const auto& d : drivers) lat_sum += d.position.lat;
  const double mean_lat = drivers.empty() ? 0.0 : lat_sum / static_cast<double>(drivers.size());
  const DriverGrid grid(drivers, mean_lat);
  std::vector<std::uint32_t> near;
  problem.edges.reserve(deliveries.size() * cost_model.candidates_k);
  for (std::size_t i = 0; i < deliveries.size(); ++i) {
    grid.nearest(deliveries[i].pickup, cost_model.candidates_k, near);
    for (const std::uint32_t d : near) {
      const double eta = model.duration(drivers[d].position, deliveries[i].pickup);
      const double ready = deliveries[i].ready_in_s;
      const double cost =
          eta + cost_model.lateness_weight * std::max(0.0, eta - ready) +
          cost_model.early_weight * std::max(0.0, ready - eta) +
          cost_model.quality_weight_s * (1.0 - std::clamp(drivers[d].quality, 0.0, 1.0));
      problem.edges.push_back(AssignmentEdge{i, d, static_cast<Cost>(std::llround(cost))});
    }
  }
  return problem;
}

}  // namespace reskflow::optimize
