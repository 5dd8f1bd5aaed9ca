// Geo helpers: distances, radius and polygon zones (holes, edges, concave shapes), bounding boxes
// and the API's zone documents.
#include "reskflow/modules/geo.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>
#include <cmath>
#include <numbers>

namespace reskflow::modules::geo {
namespace {

constexpr double earth_radius_m = 6'371'008.8;

// The point `metres` due north (or south, when negative) of `from`.
Point north_of(Point from, double metres) {
  return {from.lat + metres / earth_radius_m * 180.0 / std::numbers::pi, from.lng};
}

// The point `metres` due east of `from` along its parallel (short distances).
Point east_of(Point from, double metres) {
  const double lat = from.lat * std::numbers::pi / 180.0;
  return {from.lat,
          from.lng + metres / (earth_radius_m * std::cos(lat)) * 180.0 / std::numbers::pi};
}

Zone parsed(const char* text, Point center = {48.8559, 2.3589}) {
  auto zone = parse_zone(boost::json::parse(text), center, "delivery_zone");
  EXPECT_TRUE(zone) << (zone ? "" : zone.error().detail);
  return zone ? *zone : Zone{};
}

// A 2 km x 2 km square around central Paris with a 500 m square hole in its middle.
const char* const square_with_hole = R"({"type":"polygon","polygon":{"type":"Polygon",
  "coordinates":[[[2.33,48.85],[2.36,48.85],[2.36,48.87],[2.33,48.87],[2.33,48.85]],
                 [[2.34,48.855],[2.35,48.855],[2.35,48.865],[2.34,48.865],[2.34,48.855]]]}})";

TEST(GeoDistance, OneDegreeOfLatitudeIsAboutOneHundredElevenKilometres) {
  EXPECT_NEAR(distance_m({0, 0}, {1, 0}), 111'195.08, 0.01);
  EXPECT_NEAR(distance_m({48.8566, 2.3522}, {51.5074, -0.1278}), 343'560, 500);  // Paris-London
  EXPECT_EQ(distance_m({48.8, 2.3}, {48.8, 2.3}), 0);
}

TEST(GeoRadius, CoversUpToTheRadiusAndNotBeyond) {
  const Point center{48.8559, 2.3589};
  const Zone zone{.kind = Zone::Kind::radius, .center = center, .radius_m = 3000, .rings = {}};
  EXPECT_TRUE(covers(zone, center));
  EXPECT_TRUE(covers(zone, north_of(center, 2999)));
  EXPECT_FALSE(covers(zone, north_of(center, 3001)));
  EXPECT_TRUE(covers(zone, east_of(center, 2999)));
  EXPECT_FALSE(covers(zone, east_of(center, 3001)));
  EXPECT_FALSE(covers(zone, north_of(center, -3001)));
}

TEST(GeoRadius, BoundingBoxContainsTheWholeCircle) {
  const Point center{59.33, 18.06};  // far enough north that a degree of longitude is short
  const Zone zone{.kind = Zone::Kind::radius, .center = center, .radius_m = 10'000, .rings = {}};
  const auto box = bounding_box(zone);
  for (const Point p : {north_of(center, 9999), north_of(center, -9999), east_of(center, 9999),
                        east_of(center, -9999)}) {
    EXPECT_GE(p.lat, box.lat_min);
    EXPECT_LE(p.lat, box.lat_max);
    EXPECT_GE(p.lng, box.lng_min);
    EXPECT_LE(p.lng, box.lng_max);
  }
  EXPECT_LT(box.lat_max - box.lat_min, 0.2);  // and is not absurdly large
}

TEST(GeoPolygon, HoleIsNotCoveredButItsEdgeAndTheOuterEdgeAre) {
  const auto zone = parsed(square_with_hole);
  EXPECT_TRUE(covers(zone, {48.852, 2.335}));   // in the ring around the hole
  EXPECT_FALSE(covers(zone, {48.86, 2.345}));   // inside the hole
  EXPECT_TRUE(covers(zone, {48.855, 2.345}));   // on the hole's edge
  EXPECT_TRUE(covers(zone, {48.85, 2.345}));    // on the outer edge
  EXPECT_TRUE(covers(zone, {48.87, 2.36}));     // on an outer vertex
  EXPECT_FALSE(covers(zone, {48.849, 2.345}));  // just south of it
  EXPECT_FALSE(covers(zone, {48.86, 2.3601}));  // just east of it
  const auto box = bounding_box(zone);
  EXPECT_DOUBLE_EQ(box.lat_min, 48.85);
  EXPECT_DOUBLE_EQ(box.lat_max, 48.87);
  EXPECT_DOUBLE_EQ(box.lng_min, 2.33);
  EXPECT_DOUBLE_EQ(box.lng_max, 2.36);
}

TEST(GeoPolygon, ConcaveCityZoneExcludesItsNotch) {
  // An L-shaped zone over Manhattan: the notch in its upper right is not covered.
  const auto zone = parsed(R"({"type":"polygon","polygon":{"type":"Polygon","coordinates":[[
    [-74.02,40.70],[-73.96,40.70],[-73.96,40.73],[-73.99,40.73],[-73.99,40.76],[-74.02,40.76],
    [-74.02,40.70]]]}})");
  EXPECT_TRUE(covers(zone, {40.71, -73.97}));
  EXPECT_TRUE(covers(zone, {40.75, -74.00}));
  EXPECT_FALSE(covers(zone, {40.75, -73.97}));  // the notch
  EXPECT_TRUE(covers(zone, {40.73, -73.975}));  // on the notch's lower edge
  EXPECT_FALSE(covers(zone, {40.71, -73.95}));
}

TEST(GeoZoneDocument, RoundTripsRadiusAndPolygon) {
  const auto radius = parsed(R"({"type":"radius","radius_m":3000})");
  EXPECT_EQ(radius.kind, Zone::Kind::radius);
  EXPECT_EQ(radius.radius_m, 3000);
  EXPECT_EQ(radius.center.lat, 48.8559);
  EXPECT_EQ(boost::json::serialize(zone_document(radius)), R"({"type":"radius","radius_m":3000})");
  const auto polygon = parsed(square_with_hole);
  ASSERT_EQ(polygon.rings.size(), 2u);
  EXPECT_EQ(zone_document(polygon), boost::json::parse(square_with_hole));
}

std::vector<FieldError> zone_errors(const char* text) {
  const auto zone = parse_zone(boost::json::parse(text), {48.85, 2.35}, "delivery_zone");
  EXPECT_FALSE(zone);
  if (zone) return {};
  EXPECT_EQ(zone.error().code, ErrorCode::validation_failed);
  return zone.error().fields;
}

TEST(GeoZoneDocument, NamesTheBadFieldOfAMalformedZone) {
  auto errors = zone_errors(R"({"type":"radius","radius_m":50})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "delivery_zone.radius_m");
  errors = zone_errors(R"({"type":"circle"})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "delivery_zone.type");
  errors = zone_errors(R"({"type":"radius","radius_m":500,"polygon":{}})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "delivery_zone.polygon");
  errors = zone_errors(R"({"type":"polygon","polygon":{"type":"Polygon",
    "coordinates":[[[2.33,48.85],[2.36,48.85],[2.36,48.87],[2.33,48.87]]]}})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "delivery_zone.polygon.coordinates[0]");
  EXPECT_NE(errors[0].message.find("closed"), std::string::npos);
  errors = zone_errors(R"({"type":"polygon","polygon":{"type":"Polygon",
    "coordinates":[[[2.33,48.85],[2.36,48.85],[2.33,48.85]]]}})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("at least 4"), std::string::npos);
  errors = zone_errors(R"({"type":"polygon","polygon":{"type":"Polygon",
    "coordinates":[[[2.33,48.85],[2.36,95],[2.36,48.87],[2.33,48.85]]]}})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "delivery_zone.polygon.coordinates[0][1]");
  EXPECT_EQ(zone_errors("[]").at(0).field, "delivery_zone");
}

TEST(GeoZoneDocument, RefusesZonesLargerThanACityAndTooManyPositions) {
  auto errors = zone_errors(R"({"type":"polygon","polygon":{"type":"Polygon",
    "coordinates":[[[170,10],[-170,10],[-170,20],[170,20],[170,10]]]}})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("city-sized"), std::string::npos);
  boost::json::array ring;
  for (int i = 0; i < 1001; ++i) ring.push_back(boost::json::array{2.3 + i * 1e-5, 48.8});
  const boost::json::value document = {
      {"type", "polygon"},
      {"polygon", {{"type", "Polygon"}, {"coordinates", boost::json::array{ring}}}}};
  const auto zone = parse_zone(document, {48.85, 2.35}, "delivery_zone");
  ASSERT_FALSE(zone);
  EXPECT_NE(zone.error().fields.at(0).message.find("1000 positions"), std::string::npos);
}

TEST(GeoPoint, ValidRejectsOutOfRangeAndNonFiniteCoordinates) {
  EXPECT_TRUE(valid({90, 180}));
  EXPECT_TRUE(valid({-90, -180}));
  EXPECT_FALSE(valid({90.5, 0}));
  EXPECT_FALSE(valid({0, -180.1}));
  EXPECT_FALSE(valid({std::nan(""), 0}));
  EXPECT_FALSE(valid({0, INFINITY}));
}

}  // namespace
}  // namespace reskflow::modules::geo
