// Reading the request bodies: defaults, bounds, the library's errors as field errors, and the
// module's settings.
#include "requests.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "module.h"

namespace reskflow::routing {
namespace {

boost::json::object object_of(std::string_view text) {
  return boost::json::parse(text).as_object();
}

TEST(RouteRequest, TakesTheDefaultTimeLimitAndReadsOptions) {
  const RoutingLimits limits;
  const auto plain = read_route_request(object_of(R"({"vehicles": [{"id": 1}]})"), "x", limits);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->time_limit, limits.time_limit_ms_default);
  EXPECT_EQ(plain->problem_json, "x");
  const auto tuned = read_route_request(
      object_of(R"({"vehicles": [{"id": 1}], "options": {"time_limit_ms": 250, "seed": 9,
                    "objective": "distance"}})"),
      "", limits);
  ASSERT_TRUE(tuned);
  EXPECT_EQ(tuned->time_limit, std::chrono::milliseconds(250));
  EXPECT_EQ(tuned->seed, 9u);
}

TEST(RouteRequest, CountsBothHalvesOfShipmentsAgainstTheJobBound) {
  RoutingLimits limits;
  limits.jobs_max = 3;
  const auto r = read_route_request(
      object_of(R"({"vehicles": [{"id": 1}], "jobs": [{}], "shipments": [{}, {}]})"), "", limits);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(r.error().fields.at(0).field, "shipments");
}

TEST(RouteRequest, RefusesNoVehiclesAndUnknownOptions) {
  const auto r = read_route_request(
      object_of(R"({"vehicles": [], "options": {"threads": 4, "objective": "speed"}})"), "", {});
  ASSERT_FALSE(r);
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"vehicles", "options.objective", "options.threads"}));
}

TEST(ProblemError, NamesTheFieldTheLibraryComplainsAbout) {
  const auto field = [](std::string message) {
    return problem_error({optimize::ErrorCode::invalid_input, std::move(message)}).fields[0].field;
  };
  EXPECT_EQ(field("JSON: job 7 has no location"), "jobs");
  EXPECT_EQ(field("JSON: a shipment needs pickup and delivery objects"), "shipments");
  EXPECT_EQ(field("job 21: shipment needs a pickup and a delivery"), "shipments");
  EXPECT_EQ(field("JSON: vehicle 2 time_window must be [start, end]"), "vehicles");
  EXPECT_EQ(field("negative matrix entry at (1, 2)"), "matrices");
  EXPECT_EQ(problem_error({optimize::ErrorCode::invalid_input, "JSON: job 7 has no location"})
                .fields[0]
                .message,
            "job 7 has no location");
}

TEST(AssignmentRequest, AppliesDefaultsAndOptions) {
  const auto r = read_assignment_request(object_of(R"({
      "deliveries": [{"id": "o1", "pickup": {"lat": 52.5, "lng": 13.4}}],
      "drivers": [{"id": "d1", "location": {"lat": 52.6, "lng": 13.3}}],
      "options": {"k": 3, "weights": {"lateness": 1.5}, "unassigned_cost_s": 900}})"),
                                         {});
  ASSERT_TRUE(r) << r.error().fields.at(0).field;
  EXPECT_EQ(r->drivers.at(0).slots, 1u);
  EXPECT_DOUBLE_EQ(r->drivers.at(0).quality, 1.0);
  EXPECT_DOUBLE_EQ(r->deliveries.at(0).pickup.lon, 13.4);
  EXPECT_EQ(r->cost_model.candidates_k, 3u);
  EXPECT_DOUBLE_EQ(r->cost_model.lateness_weight, 1.5);
  EXPECT_DOUBLE_EQ(r->cost_model.early_weight, 0.5);
  EXPECT_EQ(r->cost_model.unassigned_cost, 900);
}

TEST(RoutingSettings, ReadsBoundsAndRejectsUnknownOrUnsafeValues) {
  const auto plain = load_settings({}, 2, 8);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->solves_concurrent_max, 2u);
  EXPECT_EQ(plain->limits.time_limit_ms_max, std::chrono::milliseconds(10000));
  EXPECT_EQ(load_settings({}, 16, 8)->solves_concurrent_max, 7u);
  const auto set = load_settings({{"RESKFLOW_ROUTING_JOBS_MAX", "50"}}, 2, 8);
  ASSERT_TRUE(set);
  EXPECT_EQ(set->limits.jobs_max, 50u);
  EXPECT_FALSE(load_settings({{"RESKFLOW_ROUTING_JOB_MAX", "50"}}, 2, 8));
  EXPECT_FALSE(load_settings({{"RESKFLOW_ROUTING_JOBS_MAX", "1000000"}}, 2, 8));
  EXPECT_FALSE(load_settings({{"RESKFLOW_ROUTING_TIME_LIMIT_MS_DEFAULT", "20000"}}, 2, 8));
  EXPECT_FALSE(load_settings({{"RESKFLOW_ROUTING_SOLVES_CONCURRENT_MAX", "8"}}, 2, 8));
  EXPECT_TRUE(load_settings({{"RESKFLOW_ROUTING_SOLVES_CONCURRENT_MAX", "7"}}, 2, 8));
}

}  // namespace
}  // namespace reskflow::routing
