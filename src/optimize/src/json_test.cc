// The JSON problem reader and the solution writer round-trip; bad input is an error value.
#include <gtest/gtest.h>

#include <algorithm>

#include "reskflow/optimize/instance_io.h"
#include "reskflow/optimize/route_solver.h"
#include "test_support.h"

namespace reskflow::optimize {
namespace {

// [json example]
constexpr const char* city_problem = R"({
  "vehicles": [
    {"id": 1, "start": [13.388, 52.517], "end": [13.388, 52.517], "capacity": [4],
     "time_window": [28800, 43200], "skills": [1]},
    {"id": 2, "start": [13.428, 52.523], "capacity": [2], "time_window": [28800, 43200]}
  ],
  "jobs": [
    {"id": 10, "location": [13.397, 52.529], "service": 120, "delivery": [1],
     "time_windows": [[30000, 36000]], "skills": [1]},
    {"id": 11, "location": [13.415, 52.510], "service": 120, "delivery": [1]},
    {"id": 12, "location": [13.402, 52.498], "service": 60, "pickup": [1], "priority": 10}
  ],
  "shipments": [
    {"amount": [1],
     "pickup": {"id": 20, "location": [13.380, 52.505], "service": 180},
     "delivery": {"id": 21, "location": [13.440, 52.515], "service": 60,
                  "time_windows": [[32000, 40000]]}}
  ]
})";
// [json example]

TEST(Json, ReadsTheProblemFormat) {
  const auto p = parse_problem_json(city_problem);
  ASSERT_TRUE(p.has_value()) << p.error().message;
  EXPECT_EQ(p->jobs.size(), 5U);
  EXPECT_EQ(p->vehicles.size(), 2U);
  EXPECT_EQ(p->jobs[3].type, JobType::pickup);
  EXPECT_EQ(p->jobs[4].sibling, 3U);
  EXPECT_EQ(p->jobs[0].time_windows.front().start, 30000 * 100);
  EXPECT_FALSE(p->compatible(0, 1));                  // skill 1 only on vehicle 1
  EXPECT_GT(p->durations.size(), p->location_count);  // vehicle 2 has no end: a virtual location
}

TEST(Json, SolutionRoundTrips) {
  const Problem p = *parse_problem_json(city_problem);
  SolveOptions options;
  options.iteration_limit = 200;
  const auto solved = solve_routes(p, options);
  ASSERT_TRUE(solved.has_value()) << solved.error().message;
  const Solution& s = solved->solution;
  testing::expect_feasible(p, s);
  const std::string text = solution_to_json(p, s);
  const auto back = parse_solution_json(p, text);
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(back->routes, s.routes);
  EXPECT_EQ(back->unassigned, s.unassigned);
  EXPECT_NE(text.find("\"summary\""), std::string::npos);
  EXPECT_NE(text.find("\"type\":\"pickup\""), std::string::npos);
}

TEST(Json, ProblemRoundTripsThroughTheInputFormat) {
  const testing::InstanceSpec clustered{.seed = 41, .layout = testing::Layout::clustered};
  const testing::InstanceSpec random{
      .seed = 42, .layout = testing::Layout::random, .series = testing::Series::long_horizon};
  for (const Problem& p : {testing::generated_vrptw(clustered), testing::generated_pdptw(random)}) {
    SCOPED_TRACE(p.name);
    const auto back = parse_problem_json(problem_to_json(p));
    ASSERT_TRUE(back.has_value()) << back.error().message;
    EXPECT_EQ(back->durations, p.durations);
    EXPECT_EQ(back->distances, p.distances);
    EXPECT_EQ(back->costs, p.costs);
    ASSERT_EQ(back->jobs.size(), p.jobs.size());
    // Jobs come back in the format's order (jobs, then shipments): match them by id.
    for (const Job& job : p.jobs) {
      const auto it = std::find_if(back->jobs.begin(), back->jobs.end(),
                                   [&](const Job& b) { return b.id == job.id; });
      ASSERT_NE(it, back->jobs.end());
      EXPECT_EQ(it->type, job.type);
      EXPECT_EQ(it->location, job.location);
      EXPECT_EQ(it->time_windows, job.time_windows);
      EXPECT_EQ(it->service, job.service);
      EXPECT_EQ(it->delivery, job.delivery);
      EXPECT_EQ(it->pickup, job.pickup);
      if (job.sibling != no_index) {
        EXPECT_EQ(back->jobs[it->sibling].id, p.jobs[job.sibling].id);
      }
    }
    EXPECT_EQ(back->vehicles.size(), p.vehicles.size());
    EXPECT_EQ(back->vehicles[0].time_window, p.vehicles[0].time_window);
  }
}

TEST(Json, ReportsBadInput) {
  EXPECT_FALSE(parse_problem_json("{").has_value());
  EXPECT_FALSE(parse_problem_json(R"({"jobs": []})").has_value());
  EXPECT_FALSE(parse_problem_json(R"({"vehicles": [{"id": 1}], "jobs": [{"id": 1}]})").has_value());
  EXPECT_FALSE(parse_instance("").has_value());
  EXPECT_FALSE(parse_instance("C101\n\nVEHICLE\n1 2 3 4\n").has_value());
}

}  // namespace
}  // namespace reskflow::optimize
