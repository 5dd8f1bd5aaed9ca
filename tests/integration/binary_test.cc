// The real reskflow binary over HTTP and WebSocket on both storage engines: probes, metrics,
// migrations, configuration refusals, and SIGTERM during load.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <thread>

#include "engines.h"
#include "process.h"
#include "reskflow/store/database.h"
#include "reskflow/testing/client.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

class BinaryTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  std::map<std::string, std::string> env() {
    return {{"DATABASE_URL", url}, {"RESKFLOW_WEB_ROOT", (dir.path() / "web").string()}};
  }
  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
};

boost::json::object json_of(const HttpResult& r) { return boost::json::parse(r.body).as_object(); }

TEST_P(BinaryTest, AnswersHealthProbesAndExportsMetrics) {
  auto server = start_server(env());
  HttpClient client(server.port);
  EXPECT_EQ(json_of(client.get("/health")).at("status").as_string(), "ok");
  EXPECT_EQ(client.get("/health/live").status, 200);
  auto ready = client.get("/health/ready");
  ASSERT_EQ(ready.status, 200) << ready.body;
  EXPECT_TRUE(json_of(ready).at("checks").at("storage").at("ok").as_bool());
  EXPECT_TRUE(json_of(ready).at("checks").at("migrations").at("ok").as_bool());
  const auto status_text = client.get("/v1/system/status").body;
  auto status = boost::json::parse(status_text).as_object();
  EXPECT_EQ(status.at("database_engine").as_string(), engine_label(GetParam()));
  // Numbers in their shortest decimal form, never Boost's "2.0696453821E1".
  EXPECT_EQ(status_text.find('E', status_text.find("uptime_seconds")), std::string::npos)
      << status_text;
  auto metrics = client.get("/metrics").body;
  EXPECT_NE(metrics.find(R"(http_requests_total{route="/health",method="GET",status="200"} 1)"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("http_request_duration_seconds_bucket{route=\"/health/ready\""),
            std::string::npos);
  EXPECT_NE(metrics.find("process_resident_memory_bytes"), std::string::npos);
  server.process->signal(SIGTERM);
  EXPECT_EQ(server.process->wait_exit(30s), 0) << server.process->output();
}

TEST_P(BinaryTest, OpensMetricsAndStatusOnlyToTheConfiguredNetworksAndToken) {
  const std::string token(40, 's');
  auto with_access = env();
  with_access["RESKFLOW_METRICS_TOKEN"] = token;
  with_access["RESKFLOW_METRICS_NETWORKS"] = "192.0.2.0/24";
  auto server = start_server(with_access);
  HttpClient client(server.port);
  for (const auto* path : {"/metrics", "/v1/system/status"}) {
    const auto refused = client.get(path);
    EXPECT_EQ(refused.status, 401) << path;
    EXPECT_EQ(refused.header("WWW-Authenticate"), R"(Bearer realm="metrics")");
    EXPECT_EQ(client.request("GET", path, "", {{"Authorization", "Bearer " + token}}).status, 200)
        << path;
  }
  EXPECT_EQ(client.get("/health").status, 200);
  EXPECT_EQ(client.get("/health/ready").status, 200);
  WsClient ws(server.port);
  ws.send(R"({"type":"subscribe","topic":"system.status"})");
  const auto answer = boost::json::parse(*ws.receive()).as_object();
  EXPECT_EQ(answer.at("type").as_string(), "error");
  EXPECT_EQ(answer.at("status").as_int64(), 401);
}

TEST_P(BinaryTest, RestartKeepsTheSchemaAndAppliesNothingTwice) {
  {
    auto first = start_server(env());
    first.process->signal(SIGTERM);
    ASSERT_EQ(first.process->wait_exit(30s), 0);
  }
  Process migrate({binary_path(), "migrate"}, {{"DATABASE_URL", url}});
  ASSERT_EQ(migrate.wait_exit(60s), 0) << migrate.output();
  auto second = start_server(env());
  HttpClient client(second.port);
  EXPECT_EQ(client.get("/health/ready").status, 200);
}

TEST_P(BinaryTest, RefusesADatabaseNewerThanTheBinary) {
  {
    auto first = start_server(env());
    first.process->signal(SIGTERM);
    ASSERT_EQ(first.process->wait_exit(30s), 0);
  }
  auto db = store::Database::open(url);
  ASSERT_TRUE(db);
  ASSERT_TRUE((*db)->write([](store::Transaction& tx) -> Status {
    auto r = tx.exec(
        "INSERT INTO schema_migrations (module, version, name, applied_at_us) "
        "VALUES ('bus', 999, 'from_the_future', 0)");
    if (!r) return std::unexpected(r.error());
    return {};
  }));
  Process refused({binary_path(), "serve"}, {{"DATABASE_URL", url}, {"PORT", "0"}});
  const auto code = refused.wait_exit(60s);
  ASSERT_TRUE(code);
  EXPECT_NE(*code, 0);
  EXPECT_NE(refused.output().find("newer"), std::string::npos) << refused.output();
}

TEST_P(BinaryTest, FinishesInFlightRequestsAndClosesWebSocketsOnSigterm) {
  auto server = start_server(env());
  WsClient ws(server.port);
  ws.send(R"({"type":"ping"})");
  ASSERT_TRUE(ws.receive());
  std::atomic<int> completed{0};
  std::atomic<int> bad{0};
  std::atomic<bool> go{true};
  std::vector<std::thread> clients;
  for (int i = 0; i < 4; ++i) {
    clients.emplace_back([&, port = server.port] {
      try {
        HttpClient client(port);
        while (go.load()) {
          const auto r = client.get("/v1/system/status");
          (r.status == 200 ? completed : bad).fetch_add(1);
        }
      } catch (const std::exception&) {
        // The server closed the connection while draining: that ends this client.
      }
    });
  }
  while (completed.load() < 50) std::this_thread::yield();
  server.process->signal(SIGTERM);
  EXPECT_FALSE(ws.receive());
  EXPECT_EQ(ws.close_code(), 1001);
  EXPECT_EQ(server.process->wait_exit(30s), 0) << server.process->output();
  go = false;
  for (auto& t : clients) t.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_NE(server.process->output().find(R"("event":"stopped")"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, BinaryTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

TEST(BinaryConfig, RefusesProductionWithTheDevelopmentSecret) {
  Process p({binary_path(), "serve"},
            {{"RESKFLOW_ENV", "production"}, {"DATABASE_URL", "sqlite::memory:"}, {"PORT", "0"}});
  EXPECT_EQ(p.wait_exit(30s), 2);
  EXPECT_NE(p.output().find("JWT_SECRET must be set in production"), std::string::npos)
      << p.output();
}

TEST(BinaryConfig, RefusesAGuessableMetricsToken) {
  Process p(
      {binary_path(), "serve"},
      {{"DATABASE_URL", "sqlite::memory:"}, {"PORT", "0"}, {"RESKFLOW_METRICS_TOKEN", "secret"}});
  EXPECT_EQ(p.wait_exit(30s), 2);
  EXPECT_NE(p.output().find("RESKFLOW_METRICS_TOKEN must be at least 32"), std::string::npos)
      << p.output();
}

TEST(BinaryConfig, RejectsUnknownModuleSettings) {
  Process p({binary_path(), "serve"}, {{"DATABASE_URL", "sqlite::memory:"},
                                       {"PORT", "0"},
                                       {"RESKFLOW_SYSTEM_STATUS_INTERVL_MS", "5"}});
  EXPECT_EQ(p.wait_exit(30s), 2);
  EXPECT_NE(p.output().find("RESKFLOW_SYSTEM_STATUS_INTERVL_MS"), std::string::npos);
}

TEST(BinaryConfig, HelpListsEveryEnvironmentVariable) {
  Process p({binary_path(), "serve", "--help"}, {});
  EXPECT_EQ(p.wait_exit(30s), 0);
  for (const auto* name : {"PORT", "HOST", "DATABASE_URL", "JWT_SECRET", "LOG_LEVEL",
                           "RESKFLOW_ENV", "RESKFLOW_TRUSTED_PROXIES", "RESKFLOW_BODY_BYTES_MAX",
                           "RESKFLOW_METRICS_TOKEN", "RESKFLOW_METRICS_NETWORKS"}) {
    EXPECT_NE(p.output().find(std::string("(Env:") + name + ")"), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace reskflow::testing
