// The routing routes over a real server with a test guard: solving, checking, limits,
// malformed input, roles, the concurrent-solve bound and the checker's veto.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "module.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/optimize/checker.h"
#include "reskflow/optimize/instance_io.h"
#include "reskflow/testing/paths.h"

namespace reskflow::routing {
namespace {

using Fields = std::set<std::string>;

std::string example(std::string_view name) {
  std::ifstream in(reskflow::testing::source_dir() / "src/modules/routing/testdata" / name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The routes need no storage: they run on SQLite alone.
class RoutingRoutesTest : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;
    settings.solves_concurrent_max = 1;
    settings.limits.jobs_max = 8;
    settings.limits.vehicles_max = 3;
    settings.limits.matrix_locations_max = 10;
    settings.limits.time_limit_ms_max = std::chrono::milliseconds(2000);
    settings.limits.deliveries_max = 5;
    settings.limits.drivers_max = 5;
  }
  void release_modules() override { module.reset(); }

  void start(RouteSolver solver = {}) {
    module = std::make_unique<RoutingModule>(platform(), settings, std::move(solver));
    serve({module.get()});
  }

  // A POST as `role` (stand_in_guard's "Bearer <role>"; empty: no credentials).
  reskflow::testing::HttpResult post(std::string_view path, std::string body,
                                     const std::string& role = "partner") {
    return call("POST", path, role, std::move(body));
  }

  bool rendered(std::string_view line) {
    return registry().render().find(line) != std::string::npos;
  }

  RoutingSettings settings;
  std::unique_ptr<RoutingModule> module;
};

TEST_P(RoutingRoutesTest, SolvesASmallVrptwServingEveryJobFeasibly) {
  start();
  const auto text = example("routes_example.json");
  const auto r = post("/v1/optimize/routes", text);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  const auto body = body_of(r);
  EXPECT_EQ(body.at("summary").at("unassigned").as_int64(), 0);
  EXPECT_TRUE(body.at("unassigned").as_array().empty());
  const auto problem = optimize::parse_problem_json(text);
  ASSERT_TRUE(problem);
  const auto solution = optimize::parse_solution_json(*problem, r.body);
  ASSERT_TRUE(solution) << solution.error().message;
  const auto report = optimize::check_solution(*problem, *solution, true);
  EXPECT_TRUE(report.feasible()) << report.violations.front();
  EXPECT_TRUE(rendered("routing_solves_total{kind=\"routes\",outcome=\"ok\"} 1"));
  EXPECT_TRUE(rendered("routing_solve_duration_seconds_count{kind=\"routes\"} 1"));
}

TEST_P(RoutingRoutesTest, GivesTheSameCostForTheSameSeed) {
  start();
  auto problem = boost::json::parse(example("routes_example.json")).as_object();
  problem["options"] = {{"time_limit_ms", 50}, {"seed", 42}};
  const auto text = boost::json::serialize(problem);
  const auto a = post("/v1/optimize/routes", text, "admin");
  const auto b = post("/v1/optimize/routes", text, "admin");
  ASSERT_EQ(a.status, 200) << a.body;
  ASSERT_EQ(b.status, 200) << b.body;
  EXPECT_EQ(body_of(a).at("summary").at("cost"), body_of(b).at("summary").at("cost"));
  EXPECT_EQ(body_of(a).at("summary").at("routes"), body_of(b).at("summary").at("routes"));
}

// The least total cost over every choice of a candidate driver (or none) per delivery.
optimize::Cost brute_force_cost(const optimize::AssignmentProblem& p) {
  const std::size_t none = p.driver_slots.size();
  std::map<std::pair<std::size_t, std::size_t>, optimize::Cost> edge;
  for (const auto& e : p.edges) edge[{e.delivery, e.driver}] = e.cost;
  std::vector<std::size_t> choice(p.delivery_count, 0);
  optimize::Cost best = std::numeric_limits<optimize::Cost>::max();
  while (true) {
    std::vector<std::uint32_t> used(none, 0);
    optimize::Cost cost = 0;
    bool ok = true;
    for (std::size_t i = 0; i < choice.size() && ok; ++i) {
      if (choice[i] == none) {
        cost += p.unassigned_cost;
        continue;
      }
      const auto it = edge.find({i, choice[i]});
      ok = it != edge.end() && ++used[choice[i]] <= p.driver_slots[choice[i]];
      if (ok) cost += it->second;
    }
    if (ok) best = std::min(best, cost);
    std::size_t i = 0;
    while (i < choice.size() && ++choice[i] > none) choice[i++] = 0;
    if (i == choice.size()) return best;
  }
}

TEST_P(RoutingRoutesTest, AssignsAtTheMinimumCostOnATinyInstance) {
  start();
  const auto text = example("assignments_example.json");
  const auto r = post("/v1/optimize/assignments", text);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = body_of(r);
  const auto request = read_assignment_request(boost::json::parse(text).as_object(), {});
  ASSERT_TRUE(request);
  const auto problem = optimize::build_assignment_problem(
      request->deliveries, request->drivers, optimize::GreatCircleModel(), request->cost_model);
  EXPECT_EQ(body.at("total_cost_s").as_int64(), brute_force_cost(problem));
  EXPECT_EQ(body.at("pairs").as_array().size(), 3u);  // three slots for three deliveries
  EXPECT_TRUE(body.at("unassigned").as_array().empty());
  std::map<std::string, int> load;
  std::int64_t sum = 0;
  for (const auto& p : body.at("pairs").as_array()) {
    ++load[std::string(p.at("driver_id").as_string())];
    sum += p.at("cost_s").as_int64();
  }
  EXPECT_LE(load["drv-a"], 1);
  EXPECT_EQ(body.at("assigned_cost_s").as_int64(), sum);
}

TEST_P(RoutingRoutesTest, AdmitsAdminsAndPartnersOnly) {
  start();
  const auto text = example("assignments_example.json");
  EXPECT_EQ(post("/v1/optimize/assignments", text, "partner").status, 200);
  EXPECT_EQ(post("/v1/optimize/assignments", text, "admin").status, 200);
  const auto customer = post("/v1/optimize/assignments", text, "customer");
  EXPECT_EQ(customer.status, 403);
  EXPECT_EQ(body_of(customer).at("type").as_string(), "urn:reskflow:problem:forbidden");
  EXPECT_EQ(post("/v1/optimize/routes", example("routes_example.json"), "driver").status, 403);
  EXPECT_EQ(post("/v1/optimize/routes", example("routes_example.json"), "").status, 401);
  EXPECT_EQ(post("/v1/optimize/assignments", text, "").status, 401);
}

TEST_P(RoutingRoutesTest, PartnerKeysNeedTheOptimizeScope) {
  start();
  const auto text = example("assignments_example.json");
  for (const auto* path : {"/v1/optimize/routes", "/v1/optimize/assignments"}) {
    const auto body = std::string(path).ends_with("routes") ? example("routes_example.json") : text;
    EXPECT_EQ(request("POST", path, body, {{"Authorization", "ApiKey optimize:write"}}).status, 200)
        << path;
    const auto refused = request("POST", path, body, {{"Authorization", "ApiKey quotes:read"}});
    EXPECT_EQ(refused.status, 403) << path;
    EXPECT_EQ(body_of(refused).at("type").as_string(), "urn:reskflow:problem:insufficient-scope");
    EXPECT_EQ(body_of(refused).at("required_scope").as_string(), "optimize:write");
  }
}

TEST_P(RoutingRoutesTest, RefusesOversizedProblemsNamingTheField) {
  start();
  auto problem = boost::json::parse(example("routes_example.json")).as_object();
  auto too_many = problem;
  auto& jobs = too_many["jobs"].as_array();
  while (jobs.size() < 9) jobs.push_back(jobs.front());
  too_many["options"] = {{"time_limit_ms", 5000}};
  const auto r = post("/v1/optimize/routes", boost::json::serialize(too_many));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(error_fields(r), (Fields{"jobs", "options.time_limit_ms"}));
  auto big_matrix = problem;
  auto& rows = big_matrix["matrices"].at("car").at("durations").as_array();
  while (rows.size() < 11) rows.push_back(rows.front());
  const auto m = post("/v1/optimize/routes", boost::json::serialize(big_matrix));
  ASSERT_EQ(m.status, 422) << m.body;
  EXPECT_EQ(error_fields(m), (Fields{"matrices.car.durations"}));
  auto drivers = boost::json::parse(example("assignments_example.json")).as_object();
  auto& list = drivers["drivers"].as_array();
  while (list.size() < 6) list.push_back(list.front());
  const auto d = post("/v1/optimize/assignments", boost::json::serialize(drivers));
  ASSERT_EQ(d.status, 422) << d.body;
  EXPECT_EQ(error_fields(d), (Fields{"drivers"}));
}

TEST_P(RoutingRoutesTest, AnswersMalformedInputWithProblemJson) {
  start();
  const auto syntax = post("/v1/optimize/routes", R"({"vehicles": [)");
  EXPECT_EQ(syntax.status, 400);
  EXPECT_EQ(syntax.header("Content-Type"), "application/problem+json");
  const auto unknown = post("/v1/optimize/routes", R"({"vehicles": [{"id": 1}], "trucks": 2})");
  ASSERT_EQ(unknown.status, 422);
  EXPECT_EQ(error_fields(unknown), (Fields{"trucks"}));
  const auto no_location = post("/v1/optimize/routes",
                                R"({"vehicles": [{"id": 1, "start": [13.4, 52.5]}],
                                    "jobs": [{"id": 7, "service": 60}]})");
  ASSERT_EQ(no_location.status, 422) << no_location.body;
  EXPECT_EQ(error_fields(no_location), (Fields{"jobs"}));
  EXPECT_TRUE(rendered("routing_solves_total{kind=\"routes\",outcome=\"invalid\"} 1"));
  const auto bad_driver = post("/v1/optimize/assignments", R"({"deliveries": [],
      "drivers": [{"id": "a", "location": {"lat": 52, "lng": 13}},
                  {"id": "a", "location": {"lat": 52, "lng": 13}},
                  {"id": "b", "location": {"lat": 95, "lng": 13}}]})");
  ASSERT_EQ(bad_driver.status, 422) << bad_driver.body;
  EXPECT_EQ(error_fields(bad_driver), (Fields{"drivers[1].id", "drivers[2].location.lat"}));
}

TEST_P(RoutingRoutesTest, AnswersBusyWith503WhenEverySolveSlotIsTaken) {
  start();
  const auto text = example("routes_example.json");
  {
    auto held = module->service().slots().try_acquire();
    ASSERT_TRUE(held);
    const auto busy = post("/v1/optimize/routes", text);
    EXPECT_EQ(busy.status, 503);
    EXPECT_EQ(busy.header("Retry-After"), "1");
    EXPECT_EQ(body_of(busy).at("type").as_string(), "urn:reskflow:problem:unavailable");
    EXPECT_EQ(post("/v1/optimize/assignments", example("assignments_example.json")).status, 503);
  }
  EXPECT_TRUE(rendered("routing_solves_total{kind=\"routes\",outcome=\"busy\"} 1"));
  EXPECT_EQ(post("/v1/optimize/routes", text).status, 200);
}

TEST_P(RoutingRoutesTest, AnswersAProblemWithoutVehiclesWith422) {
  start();
  auto problem = boost::json::parse(example("routes_example.json")).as_object();
  problem["vehicles"] = boost::json::array{};
  const auto r = post("/v1/optimize/routes", boost::json::serialize(problem));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(error_fields(r), (Fields{"vehicles"}));
}

TEST_P(RoutingRoutesTest, AnswersTheSolversRefusalWith422) {
  start([](const optimize::Problem&,
           const optimize::SolveOptions&) -> std::expected<optimize::Solution, optimize::Error> {
    return std::unexpected(
        optimize::Error{optimize::ErrorCode::invalid_input, "the problem has no vehicle"});
  });
  const auto r = post("/v1/optimize/routes", example("routes_example.json"));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(error_fields(r), (Fields{"vehicles"}));
  EXPECT_TRUE(rendered("routing_solves_total{kind=\"routes\",outcome=\"invalid\"} 1"));
}

TEST_P(RoutingRoutesTest, RefusesToReturnASolutionTheCheckerRejects) {
  start([](const optimize::Problem& problem, const optimize::SolveOptions&) {
    optimize::Solution broken;  // the first job served twice, the others not at all
    broken.routes.push_back({0, {0, 0}});
    for (std::size_t j = 1; j < problem.jobs.size(); ++j) broken.unassigned.push_back(j);
    return broken;
  });
  const auto r = post("/v1/optimize/routes", example("routes_example.json"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(body_of(r).at("type").as_string(), "urn:reskflow:problem:internal");
  EXPECT_TRUE(rendered("routing_solves_total{kind=\"routes\",outcome=\"failed\"} 1"));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, RoutingRoutesTest, ::testing::Values(store::Engine::sqlite),
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::routing
