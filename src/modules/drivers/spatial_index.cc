// The in-memory SpatialIndex: a hash grid of cells of fixed size in degrees. A query visits the
// cells of the bounding box of its circle (wrapping at the antimeridian, every longitude near
// a pole), measures each courier's great-circle distance and keeps those inside, nearest first.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <shared_mutex>
#include <unordered_map>

#include "reskflow/drivers/drivers.h"

namespace reskflow::drivers {
namespace {

constexpr double cell_deg = 0.01;           // about 1.1 km of latitude
constexpr std::int64_t lat_cells = 18'000;  // 180 / cell_deg
constexpr std::int64_t lng_cells = 36'000;  // 360 / cell_deg
constexpr double deg_to_rad = std::numbers::pi / 180.0;
constexpr double metres_per_deg_lat = 6'371'008.8 * deg_to_rad;

std::int64_t lat_cell(double lat) {
  return std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor((lat + 90.0) / cell_deg)), 0,
                                  lat_cells - 1);
}

std::int64_t lng_cell(double lng) {
  const auto c = static_cast<std::int64_t>(std::floor((lng + 180.0) / cell_deg));
  return ((c % lng_cells) + lng_cells) % lng_cells;
}

std::int64_t key_of(std::int64_t lat_c, std::int64_t lng_c) { return lat_c * lng_cells + lng_c; }

class MemoryIndex final : public SpatialIndex {
 public:
  void upsert(const std::string& driver_id, modules::geo::Point point) override {
    const auto key = key_of(lat_cell(point.lat), lng_cell(point.lng));
    std::unique_lock lock(mutex_);
    auto [it, inserted] = where_.try_emplace(driver_id, key);
    if (!inserted && it->second != key) {
      erase_from_cell(it->second, driver_id);
      it->second = key;
      inserted = true;
    }
    auto& cell = cells_[key];
    if (inserted) {
      cell.push_back({driver_id, point});
      return;
    }
    for (auto& e : cell) {
      if (e.id == driver_id) e.point = point;
    }
  }

  void remove(std::string_view driver_id) override {
    std::unique_lock lock(mutex_);
    const auto it = where_.find(std::string(driver_id));
    if (it == where_.end()) return;
    erase_from_cell(it->second, driver_id);
    where_.erase(it);
  }

  std::vector<std::pair<std::string, double>> within(modules::geo::Point center, double radius_m,
                                                     std::size_t limit) const override {
    std::vector<std::pair<std::string, double>> out;
    if (!modules::geo::valid(center) || !(radius_m >= 0) || limit == 0) return out;
    const double span_lat = radius_m / metres_per_deg_lat;
    const auto lat_lo = lat_cell(center.lat - span_lat);
    const auto lat_hi = lat_cell(center.lat + span_lat);
    // The circle is widest in longitude at the box's latitude furthest from the equator; near a
    // pole it may cover every longitude.
    const double lat_far = std::abs(center.lat) + span_lat;
    double span_lng = 180.0;
    if (lat_far < 89.0) span_lng = std::min(180.0, span_lat / std::cos(lat_far * deg_to_rad));
    const auto lng_lo = lng_cell(center.lng - span_lng);
    const auto lng_count = std::min<std::int64_t>(
        lng_cells, static_cast<std::int64_t>(std::ceil(2 * span_lng / cell_deg)) + 2);
    const auto visit = [&](const std::vector<Entry>& entries) {
      for (const auto& e : entries) {
        const double d = modules::geo::distance_m(center, e.point);
        if (d <= radius_m) out.emplace_back(e.id, d);
      }
    };
    std::shared_lock lock(mutex_);
    // A circle spanning more cells than are occupied reads the occupied ones instead.
    if ((lat_hi - lat_lo + 1) * lng_count > static_cast<std::int64_t>(cells_.size())) {
      for (const auto& [key, entries] : cells_) visit(entries);
    } else {
      for (auto lat_c = lat_lo; lat_c <= lat_hi; ++lat_c) {
        for (std::int64_t i = 0; i < lng_count; ++i) {
          const auto found = cells_.find(key_of(lat_c, (lng_lo + i) % lng_cells));
          if (found != cells_.end()) visit(found->second);
        }
      }
    }
    lock.unlock();
    const auto nearer = [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second < b.second : a.first < b.first;
    };
    const auto keep = std::min(limit, out.size());
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                      nearer);
    out.resize(keep);
    return out;
  }

  std::size_t size() const override {
    std::shared_lock lock(mutex_);
    return where_.size();
  }

 private:
  struct Entry {
    std::string id;
    modules::geo::Point point;
  };

  void erase_from_cell(std::int64_t key, std::string_view driver_id) {
    const auto cell = cells_.find(key);
    if (cell == cells_.end()) return;
    auto& entries = cell->second;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].id != driver_id) continue;
      entries[i] = std::move(entries.back());
      entries.pop_back();
      break;
    }
    if (entries.empty()) cells_.erase(cell);
  }

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::int64_t, std::vector<Entry>> cells_;  // guarded by mutex_
  std::unordered_map<std::string, std::int64_t> where_;         // guarded by mutex_: id -> cell
};

}  // namespace

std::unique_ptr<SpatialIndex> make_memory_index() { return std::make_unique<MemoryIndex>(); }

}  // namespace reskflow::drivers
