// The two request bodies of the routing module, read into typed requests with every bound
// checked and every problem reported as a field error with its path ("drivers[2].location").
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/optimize/assignment.h"
#include "reskflow/optimize/types.h"

namespace reskflow::routing {

// Bounds on what one request may ask for (RESKFLOW_ROUTING_* settings, module.cc).
struct RoutingLimits {
  std::size_t jobs_max = 1000;  // jobs plus both halves of every shipment
  std::size_t vehicles_max = 200;
  std::size_t matrix_locations_max = 1500;  // rows of a given matrix
  std::chrono::milliseconds time_limit_ms_default{1000};
  std::chrono::milliseconds time_limit_ms_max{10000};
  std::size_t deliveries_max = 2000;
  std::size_t drivers_max = 5000;
};

inline constexpr std::size_t candidates_k_max = 50;
inline constexpr std::size_t id_chars_max = 100;

// POST /v1/optimize/routes: the JSON problem (the library reads it) and the solve options.
struct RouteRequest {
  std::string problem_json;
  std::chrono::milliseconds time_limit{1000};
  std::uint64_t seed = 1;
};

// POST /v1/optimize/assignments: deliveries and drivers with the caller's ids.
struct AssignmentRequest {
  std::vector<std::string> delivery_ids;
  std::vector<optimize::DeliveryInfo> deliveries;
  std::vector<std::string> driver_ids;
  std::vector<optimize::DriverInfo> drivers;
  optimize::AssignmentCostModel cost_model;
};

// Checks the envelope of a routing problem (known top-level fields, sizes, options) without
// reading the jobs themselves; validation_failed with field paths.
Result<RouteRequest> read_route_request(const boost::json::object& body, std::string text,
                                        const RoutingLimits& limits);

Result<AssignmentRequest> read_assignment_request(const boost::json::object& body,
                                                  const RoutingLimits& limits);

// The library's reader and validation messages ("JSON: job 10 has no location") as a
// validation_failed error naming the top-level field they are about.
Error problem_error(const optimize::Error& error);

}  // namespace reskflow::routing
