// Great-circle distance, point-in-zone tests, bounding boxes and the API's zone documents.
// Polygons are tested in the plane of (lng, lat): exact enough for city-scale zones that do not
// cross the antimeridian or a pole, which parse_zone does not accept anyway (see below).
#include "reskflow/modules/geo.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <boost/json.hpp>

#include "reskflow/core/json_body.h"

namespace reskflow::modules::geo {
namespace {

constexpr double earth_radius_m = 6'371'008.8;
constexpr double radius_m_min = 100;
constexpr double radius_m_max = 50'000;
constexpr std::size_t positions_max = 1000;
constexpr std::size_t rings_max = 100;
// A polygon spanning more than this many degrees of longitude is not a delivery zone; refusing it
// also keeps the planar test away from the antimeridian.
constexpr double polygon_span_degrees_max = 10;
// Points closer than this to an edge (in degrees, about 1 mm) count as on the edge.
constexpr double edge_tolerance_degrees = 1e-8;

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }
double degrees(double radians) { return radians * 180.0 / std::numbers::pi; }

bool on_segment(Point p, Point a, Point b) {
  const double dx = b.lng - a.lng;
  const double dy = b.lat - a.lat;
  const double length2 = dx * dx + dy * dy;
  double t = 0;
  if (length2 > 0)
    t = std::clamp(((p.lng - a.lng) * dx + (p.lat - a.lat) * dy) / length2, 0.0, 1.0);
  const double ex = a.lng + t * dx - p.lng;
  const double ey = a.lat + t * dy - p.lat;
  return ex * ex + ey * ey <= edge_tolerance_degrees * edge_tolerance_degrees;
}

enum class Side { outside, inside, boundary };

// Even-odd ray casting towards +lng; rings are closed (last position == first).
Side locate(const std::vector<Point>& ring, Point p) {
  bool inside = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const Point a = ring[i];
    const Point b = ring[j];
    if (on_segment(p, a, b)) return Side::boundary;
    if ((a.lat > p.lat) != (b.lat > p.lat)) {
      const double crossing_lng = a.lng + (p.lat - a.lat) * (b.lng - a.lng) / (b.lat - a.lat);
      if (p.lng < crossing_lng) inside = !inside;
    }
  }
  return inside ? Side::inside : Side::outside;
}

bool covers_polygon(const std::vector<std::vector<Point>>& rings, Point p) {
  if (rings.empty() || locate(rings[0], p) == Side::outside) return false;
  for (std::size_t h = 1; h < rings.size(); ++h) {
    if (locate(rings[h], p) == Side::inside) return false;
  }
  return true;
}

std::string ring_path(const std::string& field, std::size_t ring) {
  return field + ".polygon.coordinates[" + std::to_string(ring) + "]";
}

// Reads one GeoJSON linear ring; appends field errors and returns what it could read.
std::vector<Point> read_ring(const boost::json::value& value, const std::string& path,
                             std::size_t& positions, std::vector<FieldError>& errors) {
  std::vector<Point> ring;
  if (!value.is_array()) {
    errors.push_back({path, "must be an array of [lng, lat] positions"});
    return ring;
  }
  for (std::size_t i = 0; i < value.as_array().size(); ++i) {
    const auto& position = value.as_array()[i];
    if (++positions > positions_max) {
      errors.push_back(
          {path, "the polygon has more than " + std::to_string(positions_max) + " positions"});
      return ring;
    }
    const auto* pair = position.if_array();
    if (pair == nullptr || pair->size() != 2 || !(*pair)[0].is_number() ||
        !(*pair)[1].is_number()) {
      errors.push_back({path + "[" + std::to_string(i) + "]", "must be [lng, lat]"});
      return ring;
    }
    const Point p{(*pair)[1].to_number<double>(), (*pair)[0].to_number<double>()};
    if (!valid(p)) {
      errors.push_back({path + "[" + std::to_string(i) + "]", "is out of range"});
      return ring;
    }
    ring.push_back(p);
  }
  if (ring.size() < 4) {
    errors.push_back({path, "must have at least 4 positions"});
  } else if (ring.front().lat != ring.back().lat || ring.front().lng != ring.back().lng) {
    errors.push_back({path, "must be closed (the last position repeats the first)"});
  }
  return ring;
}

void check_span(const Zone& zone, const std::string& field, std::vector<FieldError>& errors) {
  const auto box = bounding_box(zone);
  if (box.lng_max - box.lng_min > polygon_span_degrees_max ||
      box.lat_max - box.lat_min > polygon_span_degrees_max) {
    errors.push_back({ring_path(field, 0), "spans more than " +
                                               std::to_string(int(polygon_span_degrees_max)) +
                                               " degrees; a delivery zone is city-sized"});
  }
}

Result<Zone> parse_polygon(const boost::json::object& polygon, const std::string& field) {
  const std::string path = field + ".polygon";
  json::ObjectReader reader(polygon, path);
  std::vector<FieldError> errors;
  (void)reader.one_of("type", {"Polygon"});
  const auto* coordinates = reader.array("coordinates", rings_max);
  if (auto status = reader.finish(); !status) errors = std::move(status.error().fields);
  Zone zone;
  zone.kind = Zone::Kind::polygon;
  if (coordinates != nullptr) {
    if (coordinates->empty()) errors.push_back({path + ".coordinates", "needs an outer ring"});
    std::size_t positions = 0;
    for (std::size_t r = 0; r < coordinates->size(); ++r) {
      zone.rings.push_back(read_ring((*coordinates)[r], ring_path(field, r), positions, errors));
    }
  }
  if (errors.empty()) check_span(zone, field, errors);
  if (!errors.empty())
    return fail(ErrorCode::validation_failed, "the delivery zone is invalid", std::move(errors));
  return zone;
}

}  // namespace

double distance_m(Point a, Point b) {
  const double dlat = radians(b.lat - a.lat);
  const double dlng = radians(b.lng - a.lng);
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(radians(a.lat)) * std::cos(radians(b.lat)) * std::sin(dlng / 2) * std::sin(dlng / 2);
  return 2 * earth_radius_m * std::asin(std::min(1.0, std::sqrt(h)));
}

bool covers(const Zone& zone, Point p) {
  if (zone.kind == Zone::Kind::radius) return distance_m(zone.center, p) <= zone.radius_m;
  return covers_polygon(zone.rings, p);
}

BoundingBox bounding_box(const Zone& zone) {
  if (zone.kind == Zone::Kind::radius) {
    const double dlat = degrees(zone.radius_m / earth_radius_m);
    const double lat_min = std::max(-90.0, zone.center.lat - dlat);
    const double lat_max = std::min(90.0, zone.center.lat + dlat);
    // The widest point of the circle in longitude is at the latitude furthest from the equator.
    const double cos_lat = std::cos(radians(std::max(std::abs(lat_min), std::abs(lat_max))));
    const double dlng = cos_lat <= 1e-9 ? 180.0 : std::min(180.0, dlat / cos_lat);
    return {lat_min, lat_max, std::max(-180.0, zone.center.lng - dlng),
            std::min(180.0, zone.center.lng + dlng)};
  }
  BoundingBox box{90, -90, 180, -180};
  if (zone.rings.empty()) return BoundingBox{};
  for (const auto& p : zone.rings[0]) {
    box.lat_min = std::min(box.lat_min, p.lat);
    box.lat_max = std::max(box.lat_max, p.lat);
    box.lng_min = std::min(box.lng_min, p.lng);
    box.lng_max = std::max(box.lng_max, p.lng);
  }
  return box;
}

bool valid(Point p) {
  return std::isfinite(p.lat) && std::isfinite(p.lng) && p.lat >= -90 && p.lat <= 90 &&
         p.lng >= -180 && p.lng <= 180;
}

Result<Zone> parse_zone(const boost::json::value& document, Point center,
                        const std::string& field) {
  const auto* object = document.if_object();
  if (object == nullptr)
    return fail(ErrorCode::validation_failed, "the delivery zone is invalid",
                {{field, "must be an object"}});
  json::ObjectReader reader(*object, field);
  const auto type = reader.one_of("type", {"radius", "polygon"});
  std::optional<double> radius;
  const boost::json::object* polygon = nullptr;
  // Without a valid type neither shape field is expected, but neither is unknown either.
  if (type != "polygon") {
    radius = reader.number(
        "radius_m", {.required = type.has_value(), .min = radius_m_min, .max = radius_m_max});
  }
  if (type != "radius") polygon = reader.object("polygon", type.has_value());
  if (auto status = reader.finish(); !status) return std::unexpected(std::move(status.error()));
  if (type == "polygon") return parse_polygon(*polygon, field);
  if (!valid(center))
    return fail(ErrorCode::validation_failed, "the delivery zone is invalid",
                {{field, "needs a valid merchant location as its centre"}});
  return Zone{.kind = Zone::Kind::radius, .center = center, .radius_m = *radius, .rings = {}};
}

boost::json::value zone_document(const Zone& zone) {
  if (zone.kind == Zone::Kind::radius) {
    boost::json::value radius;
    if (zone.radius_m == std::floor(zone.radius_m)) {
      radius = static_cast<std::int64_t>(zone.radius_m);
    } else {
      radius = zone.radius_m;
    }
    return {{"type", "radius"}, {"radius_m", radius}};
  }
  boost::json::array rings;
  for (const auto& ring : zone.rings) {
    boost::json::array positions;
    for (const auto& p : ring) positions.push_back(boost::json::array{p.lng, p.lat});
    rings.push_back(std::move(positions));
  }
  return {{"type", "polygon"},
          {"polygon", {{"type", "Polygon"}, {"coordinates", std::move(rings)}}}};
}

}  // namespace reskflow::modules::geo
