// Geometry on the Earth's surface for delivery zones and distances: great-circle distance,
// point-in-polygon for GeoJSON zones, radius zones, and the bounding box a spatial index keys on.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "reskflow/core/errors.h"

namespace reskflow::modules::geo {

struct Point {
  double lat = 0;  // degrees, -90..90
  double lng = 0;  // degrees, -180..180
};

struct BoundingBox {
  double lat_min = 0;
  double lat_max = 0;
  double lng_min = 0;
  double lng_max = 0;
};

// A delivery zone: a circle around the merchant, or a polygon (GeoJSON Polygon: an outer ring
// and optional holes, each ring closed, [lng, lat] order as GeoJSON requires).
struct Zone {
  enum class Kind { radius, polygon };
  Kind kind = Kind::radius;
  Point center;                           // radius zones: the merchant's location
  double radius_m = 0;                    // radius zones
  std::vector<std::vector<Point>> rings;  // polygon zones: rings[0] outer, then holes
};

// Great-circle (haversine) distance in metres on a sphere of radius 6,371,008.8 m.
double distance_m(Point a, Point b);

// True when p lies inside the zone (on a polygon's edge counts as inside; inside a hole does
// not).
bool covers(const Zone& zone, Point p);

BoundingBox bounding_box(const Zone& zone);

// Validates coordinates (finite, in range).
bool valid(Point p);

// Reads the API's zone document: {"type":"radius","radius_m":N} (centred on `center`) or
// {"type":"polygon","polygon":{"type":"Polygon","coordinates":[[[lng,lat],...]]}}.
// validation_failed with field errors under `field` (e.g. "delivery_zone.radius_m") when the
// document is malformed: unknown type, radius outside 100..50,000 m, a ring with fewer than 4
// positions or not closed, coordinates out of range, more than 1,000 positions in all.
Result<Zone> parse_zone(const boost::json::value& document, Point center, const std::string& field);
// The API's zone document for a zone (the inverse of parse_zone).
boost::json::value zone_document(const Zone& zone);

}  // namespace reskflow::modules::geo
