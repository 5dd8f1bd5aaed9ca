// The system module's settings, its routes on a router (without a server, so that a test picks
// the caller's address) and its status feed.
#include "module.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "reskflow/modules/testing/module_fixture.h"

namespace reskflow::system {
namespace {

TEST(SystemSettings, RejectsUnknownAndMalformedVariables) {
  EXPECT_EQ(load_settings({{"RESKFLOW_SYSTEM_STATUS_INTERVAL_MS", "250"}})->status_interval_ms,
            std::chrono::milliseconds(250));
  EXPECT_FALSE(load_settings({{"RESKFLOW_SYSTEM_STATUS_INTERVAL", "250"}}));
  EXPECT_FALSE(load_settings({{"RESKFLOW_SYSTEM_STATUS_INTERVAL_MS", "fast"}}));
}

// The system module reads no table of its own: its tests run on SQLite alone.
class SystemModuleTest : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;
    deps.version = "9.9.9";
    deps.module_names = {"system"};
    deps.readiness.push_back({"storage", [this] { return db().ping(); }});
    deps.readiness.push_back({"flag", [this]() -> Status {
                                if (broken) return fail(ErrorCode::unavailable, "broken");
                                return {};
                              }});
    deps.status.push_back({"outbox", [this] {
                             return boost::json::value{{"dead_letters", dead_letters}};
                           }});
    configure();
    auto access = OperatorAccess::from(config);
    ASSERT_TRUE(access);
    module = std::make_unique<SystemModule>(platform(), deps, SystemSettings{}, std::move(*access));
    ASSERT_TRUE(module->add_routes(router));
  }
  void release_modules() override { module.reset(); }

  // Adjusts `config` before the module is built.
  virtual void configure() {}

  // A GET from `client_ip` (loopback: a local operator) with the given headers.
  http::Response call(std::string_view path, std::string client_ip = "127.0.0.1",
                      http::HeaderList headers = {}) {
    auto match = router.match(http::Method::get, path);
    EXPECT_EQ(match.kind, http::MatchKind::found) << path;
    http::Request request;
    request.path = std::string(path);
    request.client_ip = std::move(client_ip);
    request.headers = std::move(headers);
    return match.route->handler(request);
  }

  http::Router router;
  Deps deps;
  std::unique_ptr<SystemModule> module;
  bool broken = false;
  std::int64_t dead_letters = 0;
};

TEST_P(SystemModuleTest, HealthSaysOkWithTheVersionAndTheUptime) {
  const auto first = call("/health");
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.content_type, "application/json");
  const auto body = boost::json::parse(first.body).as_object();
  EXPECT_EQ(body.size(), 3u);
  EXPECT_EQ(body.at("status").as_string(), "ok");
  EXPECT_EQ(body.at("version").as_string(), "9.9.9");
  const double uptime = body.at("uptime_seconds").to_number<double>();
  EXPECT_GE(uptime, 0.0);
  EXPECT_LT(uptime, 60.0);
}

TEST_P(SystemModuleTest, ReadinessTurnsTo503WhenACheckFails) {
  auto ok = call("/health/ready");
  EXPECT_EQ(ok.status, 200);
  broken = true;
  auto failing = call("/health/ready");
  EXPECT_EQ(failing.status, 503);
  const auto body = boost::json::parse(failing.body).as_object();
  EXPECT_EQ(body.at("status").as_string(), "not_ready");
  EXPECT_FALSE(body.at("checks").at("flag").at("ok").as_bool());
  EXPECT_TRUE(body.at("checks").at("storage").at("ok").as_bool());
  EXPECT_NE(registry().render().find("readiness_checks_failed_total 1"), std::string::npos);
}

TEST_P(SystemModuleTest, MetricsUseThePrometheusTextFormatWithProcessMetrics) {
  auto r = call("/metrics");
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(r.body.find("# TYPE process_resident_memory_bytes gauge"), std::string::npos);
  EXPECT_NE(r.body.find("# TYPE process_cpu_seconds_total counter"), std::string::npos);
  EXPECT_NE(r.body.find("reskflow_build_info{version=\"9.9.9\"} 1"), std::string::npos);
}

TEST_P(SystemModuleTest, StatusNamesEngineModulesAndVersion) {
  const auto body = boost::json::parse(call("/v1/system/status").body).as_object();
  EXPECT_EQ(body.at("database_engine").as_string(), "sqlite");
  EXPECT_EQ(body.at("version").as_string(), "9.9.9");
  EXPECT_EQ(body.at("modules").as_array().size(), 1u);
}

TEST_P(SystemModuleTest, StatusSaysWhichDependencyFailsAndReadsTheSectionsEachTime) {
  auto body = boost::json::parse(call("/v1/system/status").body).as_object();
  EXPECT_TRUE(body.at("ready").as_bool());
  EXPECT_TRUE(body.at("checks").at("flag").at("ok").as_bool());
  EXPECT_EQ(body.at("outbox").at("dead_letters").as_int64(), 0);
  broken = true;
  dead_letters = 3;
  body = boost::json::parse(call("/v1/system/status").body).as_object();
  EXPECT_FALSE(body.at("ready").as_bool());
  EXPECT_EQ(body.at("checks").at("flag").at("detail").as_string(), "broken");
  EXPECT_TRUE(body.at("checks").at("storage").at("ok").as_bool());
  EXPECT_EQ(body.at("outbox").at("dead_letters").as_int64(), 3);
  // A status read is not a readiness probe: it neither counts nor logs a failure.
  EXPECT_EQ(registry().render().find("readiness_checks_failed_total 1"), std::string::npos);
}

TEST_P(SystemModuleTest, ServesTheStatusToAdminSessionsOnlyAndToNoApiKey) {
  const auto match = router.match(http::Method::get, "/v1/admin/system/status");
  ASSERT_EQ(match.kind, http::MatchKind::found);
  ASSERT_TRUE(match.route->access);
  EXPECT_FALSE(match.route->access->anonymous);
  EXPECT_EQ(match.route->access->roles, std::vector<std::string>{"admin"});
  EXPECT_TRUE(match.route->access->scope.empty());
  const auto served = call("/v1/admin/system/status", "203.0.113.7");
  EXPECT_EQ(served.status, 200);
  EXPECT_EQ(served.header("Cache-Control"), "no-store");
  EXPECT_EQ(boost::json::parse(served.body).at("version").as_string(), "9.9.9");
}

TEST_P(SystemModuleTest, TellsThePortalsWhereMapsOpenAndWhetherTilesAreConfigured) {
  const auto plain = boost::json::parse(call("/v1/system/web-config").body).as_object();
  EXPECT_TRUE(plain.at("map").at("tile_url").is_null());
  EXPECT_DOUBLE_EQ(plain.at("map").at("center").at("lat").as_double(), 52.520);
  config.map_tile_url = "https://{s}.tile.example.org/{z}/{x}/{y}.png";
  config.map_tile_attribution = "Map data: example contributors";
  const auto tiled = boost::json::parse(call("/v1/system/web-config").body).as_object();
  EXPECT_EQ(tiled.at("map").at("tile_url").as_string(), config.map_tile_url);
  EXPECT_EQ(tiled.at("map").at("attribution").as_string(), config.map_tile_attribution);
}

// In production with neither a metrics token nor metrics networks.
class SystemModuleInProductionTest : public SystemModuleTest {
  void configure() override { config.environment = Environment::production; }
};

TEST_P(SystemModuleInProductionTest, ClosesMetricsAndStatusUntilConfiguredAndKeepsHealthOpen) {
  for (const auto* path : {"/metrics", "/v1/system/status"}) {
    const auto refused = call(path);
    EXPECT_EQ(refused.status, 403) << path;
    EXPECT_EQ(refused.content_type, "application/problem+json");
    EXPECT_EQ(refused.body.find("sqlite"), std::string::npos);
  }
  EXPECT_EQ(call("/health").status, 200);
  EXPECT_EQ(call("/health/live").status, 200);
  EXPECT_EQ(call("/health/ready").status, 200);
  EXPECT_EQ(call("/v1/system/web-config").status, 200);
}

// In production with a metrics token and two operator networks.
class SystemModuleForOperatorsTest : public SystemModuleTest {
 protected:
  void configure() override {
    config.environment = Environment::production;
    config.metrics_token = token;
    config.metrics_networks = {"10.0.0.0/8", "fd00::/8"};
  }
  const std::string token = std::string(40, 't');
};

TEST_P(SystemModuleForOperatorsTest, OpensMetricsAndStatusToTheTokenAndTheNetworks) {
  for (const auto* path : {"/metrics", "/v1/system/status"}) {
    const auto anonymous = call(path, "203.0.113.7");
    EXPECT_EQ(anonymous.status, 401) << path;
    EXPECT_EQ(anonymous.header("WWW-Authenticate"), R"(Bearer realm="metrics")");
    EXPECT_EQ(call(path, "203.0.113.7", {{"Authorization", "Bearer " + token}}).status, 200);
    EXPECT_EQ(call(path, "203.0.113.7", {{"authorization", "bearer " + token}}).status, 200);
    EXPECT_EQ(call(path, "203.0.113.7", {{"Authorization", "Bearer " + token + "x"}}).status, 401);
    EXPECT_EQ(call(path, "203.0.113.7", {{"Authorization", "Basic " + token}}).status, 401);
    EXPECT_EQ(call(path, "10.1.2.3").status, 200) << path;
    EXPECT_EQ(call(path, "fd12::1").status, 200) << path;
    EXPECT_EQ(call(path, "::ffff:10.9.9.9").status, 200) << path;
    EXPECT_EQ(call(path, "127.0.0.1").status, 401) << "configured networks replace loopback";
  }
}

TEST_P(SystemModuleForOperatorsTest, SubscribesOnlyOperatorsToTheStatusFeed) {
  ASSERT_TRUE(module->start());
  auto peer = std::make_shared<modules::testing::RecordingPeer>();
  hub().attach(peer);
  http::Request stranger;
  stranger.client_ip = "203.0.113.7";
  const auto refused = hub().subscribe(peer, stranger, "system.status");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
  http::Request scraper = stranger;
  scraper.headers = {{"Authorization", "Bearer " + token}};
  EXPECT_TRUE(hub().subscribe(peer, scraper, "system.status"));
  http::Request inside;
  inside.client_ip = "10.0.0.5";
  EXPECT_TRUE(hub().subscribe(peer, inside, "system.status"));
  hub().detach(peer.get());
  module->stop();
}

TEST_P(SystemModuleTest, WritesTheUptimeInItsShortestFormNotBoostsExponentForm) {
  const auto body = call("/v1/system/status").body;
  const auto at = body.find(R"("uptime_seconds":)");
  ASSERT_NE(at, std::string::npos) << body;
  const auto value = body.substr(at + 17, body.find_first_of(",}", at) - at - 17);
  EXPECT_EQ(value.find('E'), std::string::npos) << value;  // Boost wrote 2.0696453821E1
}

TEST_P(SystemModuleTest, PublishesStatusToSubscribersOnlyWhileStarted) {
  ASSERT_TRUE(module->start());
  EXPECT_FALSE(hub().add_topic_family("system", nullptr));
  module->stop();
}

INSTANTIATE_TEST_SUITE_P(Sqlite, SystemModuleTest, ::testing::Values(store::Engine::sqlite),
                         store::testing::engine_test_name);
INSTANTIATE_TEST_SUITE_P(Sqlite, SystemModuleInProductionTest,
                         ::testing::Values(store::Engine::sqlite),
                         store::testing::engine_test_name);
INSTANTIATE_TEST_SUITE_P(Sqlite, SystemModuleForOperatorsTest,
                         ::testing::Values(store::Engine::sqlite),
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::system
