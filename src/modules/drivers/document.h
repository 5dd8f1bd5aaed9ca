// The drivers module's JSON: reading a batch of points (HTTP and WebSocket alike) and rendering
// couriers, ingest reports and the live city.
#pragma once

#include <cstdint>
#include <vector>

#include <boost/json/object.hpp>

#include "fleet.h"
#include "service.h"

namespace reskflow::drivers {

// {"points":[{"lat","lng","at","accuracy_m","speed_mps"?,"heading_deg"?}, ...]} with at most
// `points_max` points; validation_failed naming each bad field ("points[3].lat"). `allowed`
// names other top-level keys the caller accepts ("type" on the socket).
Result<std::vector<Position>> read_points(const boost::json::object& body, std::int64_t points_max,
                                          const std::vector<std::string>& allowed = {});

boost::json::object position_json(const Position& position);
boost::json::object driver_json(const DriverView& view);
boost::json::object report_json(const IngestReport& report);
// The city.drivers message: {"drivers":[{"driver_id","status","vehicle","position"}]}.
boost::json::object city_json(const std::vector<CityDot>& dots);

}  // namespace reskflow::drivers
