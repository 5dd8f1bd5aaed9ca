// Points in, couriers and reports out (docs/openapi.yaml: DriverProfile, LocationBatch,
// LocationReport).
#include "document.h"

#include <boost/json.hpp>

#include "reskflow/core/json_body.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::drivers {
namespace {

std::optional<Position> read_point(const boost::json::value& value, const std::string& prefix,
                                   json::ObjectReader& errors) {
  if (!value.is_object()) {
    errors.add_error(prefix, "must be an object");
    return std::nullopt;
  }
  json::ObjectReader in(value.as_object(), prefix);
  const auto lat = in.number("lat", {true, -90, 90});
  const auto lng = in.number("lng", {true, -180, 180});
  const auto at = in.string("at", {true, 20, 32});
  const auto accuracy = in.number("accuracy_m", {true, 0, 100'000});
  const auto speed = in.number("speed_mps", {false, 0, 1'000});
  const auto heading = in.number("heading_deg", {false, 0, 360});
  std::optional<std::int64_t> at_us;
  if (at) {
    at_us = modules::parse_iso_utc(*at);
    if (!at_us) in.add_error("at", "must be an ISO 8601 UTC time, e.g. 2026-11-28T09:30:00Z");
  }
  if (auto ok = in.finish(); !ok) {
    for (auto& f : ok.error().fields) errors.add_error(f.field, std::move(f.message));
    return std::nullopt;
  }
  return Position{{*lat, *lng}, *at_us, *accuracy, speed.value_or(0), heading.value_or(0)};
}

}  // namespace

Result<std::vector<Position>> read_points(const boost::json::object& body, std::int64_t points_max,
                                          const std::vector<std::string>& allowed) {
  json::ObjectReader in(body);
  for (const auto& key : allowed) in.string(key, {false, 0, 100});
  std::vector<Position> out;
  if (const auto* points = in.array("points", static_cast<std::size_t>(points_max))) {
    if (points->empty()) in.add_error("points", "must hold at least one point");
    for (std::size_t i = 0; i < points->size(); ++i) {
      if (auto p = read_point((*points)[i], "points[" + std::to_string(i) + "]", in))
        out.push_back(*p);
    }
  }
  if (auto ok = in.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

boost::json::object position_json(const Position& p) {
  return {
      {"lat", p.point.lat},         {"lng", p.point.lng},       {"at", modules::iso_utc(p.at_us)},
      {"accuracy_m", p.accuracy_m}, {"speed_mps", p.speed_mps}, {"heading_deg", p.heading_deg}};
}

boost::json::object driver_json(const DriverView& view) {
  const auto& p = view.profile;
  return {
      {"driver_id", p.driver_id},
      {"vehicle", vehicle_name(p.vehicle)},
      {"capacity", p.capacity},
      {"cold_storage", p.cold_storage},
      {"id_verified", view.id_verified},
      {"status", presence_name(view.presence)},
      {"shift_started_at", p.shift_id ? boost::json::value(modules::iso_utc(p.shift_started_at_us))
                                      : boost::json::value(nullptr)},
      {"position", view.position ? boost::json::value(position_json(*view.position))
                                 : boost::json::value(nullptr)},
      {"updated_at", modules::iso_utc(p.updated_at_us)}};
}

boost::json::object report_json(const IngestReport& report) {
  boost::json::array rejected;
  for (const auto& r : report.rejected)
    rejected.push_back({{"index", r.index}, {"reason", verdict_name(r.verdict)}});
  return {{"accepted", report.accepted},
          {"dropped", report.dropped},
          {"flagged", report.flagged},
          {"rejected", std::move(rejected)}};
}

boost::json::object city_json(const std::vector<CityDot>& dots) {
  boost::json::array drivers;
  for (const auto& d : dots) {
    drivers.push_back({{"driver_id", d.driver_id},
                       {"status", presence_name(d.presence)},
                       {"vehicle", vehicle_name(d.vehicle)},
                       {"position", d.position ? boost::json::value(position_json(*d.position))
                                               : boost::json::value(nullptr)}});
  }
  return {{"drivers", std::move(drivers)}};
}

}  // namespace reskflow::drivers
