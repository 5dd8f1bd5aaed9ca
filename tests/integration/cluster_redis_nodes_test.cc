// Two `reskflow serve` nodes on one database and one Redis (REDIS_URL set), through the real
// binary: a logout on node A refuses the token on node B at once (B had it in its session cache),
// one caller's rate limit is one bucket whichever node answers, and with Redis killed neither
// node answers 500: revocations are still refused (the database), limits are per node, and
// /health/ready reports Redis without failing; Redis back, the nodes share again.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <regex>
#include <string>

#include "cluster_redis.h"
#include "engines.h"
#include "process.h"
#include "reskflow/testing/client.h"
#include "reskflow/testing/paths.h"
#include "shop.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

constexpr int caller_burst = 4;

class ClusterRedisNodesTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    if (!test_redis_url())
      GTEST_SKIP() << "RESKFLOW_TEST_REDIS_URL is not set (scripts/test.sh starts Redis)";
    database_url_ = fresh_database_url(GetParam(), dir_);
  }

  void start_nodes(const std::string& redis_url) {
    const std::map<std::string, std::string> cluster{
        {"REDIS_URL", redis_url},
        {"RESKFLOW_REDIS_KEY_PREFIX", unique_redis_prefix("nodes")},
        {"RESKFLOW_IDENTITY_USER_RATE_BURST", std::to_string(caller_burst)},
        {"RESKFLOW_IDENTITY_USER_RATE_PER_MINUTE", "1"}};
    auto env_a = shop_env(database_url_, dir_.path(), cluster);
    env_a["RESKFLOW_NODE_NAME"] = "node-a";
    a_ = start_server(env_a);
    auto env_b = shop_env(database_url_, dir_.path(), cluster);
    env_b["RESKFLOW_NODE_NAME"] = "node-b";
    b_ = start_server(env_b);
  }

  void TearDown() override {
    a_.process.reset();
    b_.process.reset();
  }

  TempDir dir_;
  std::string database_url_;
  Server a_;
  Server b_;
};

TEST_P(ClusterRedisNodesTest, ALogoutOnOneNodeRefusesTheTokenOnAnotherAtOnce) {
  start_nodes(*test_redis_url());
  HttpClient on_a(a_.port);
  HttpClient on_b(b_.port);
  const std::string ada = register_user(on_a, "ada@example.com", "customer");
  // Node B checks the session and keeps the answer in its cache.
  ASSERT_EQ(call(on_b, "GET", "/v1/me", ada).status, 200);

  ASSERT_EQ(call(on_a, "POST", "/v1/auth/logout", ada).status, 204);
  const auto refused = call(on_b, "GET", "/v1/me", ada);
  EXPECT_EQ(refused.status, 401) << refused.body;
}

TEST_P(ClusterRedisNodesTest, OneCallerHasOneBucketWhicheverNodeAnswers) {
  start_nodes(*test_redis_url());
  HttpClient on_a(a_.port);
  HttpClient on_b(b_.port);
  const std::string ada = register_user(on_a, "ada@example.com", "customer");
  for (int i = 0; i < caller_burst; ++i) {
    auto& node = i % 2 == 0 ? on_a : on_b;
    ASSERT_EQ(call(node, "GET", "/v1/me", ada).status, 200) << "request " << i;
  }
  for (auto* node : {&on_a, &on_b}) {
    const auto refused = call(*node, "GET", "/v1/me", ada);
    EXPECT_EQ(refused.status, 429) << refused.body;
    EXPECT_TRUE(refused.header("Retry-After").has_value());
    EXPECT_EQ(refused.header("RateLimit-Remaining").value_or(""), "0");
  }
}

TEST_P(ClusterRedisNodesTest, WithRedisKilledNodesDegradeWithoutErrorsAndShareAgainAfterward) {
  TempDir redis_dir;
  RedisServer redis(redis_dir.path());
  ASSERT_TRUE(redis.start());
  start_nodes(redis.url());
  HttpClient on_a(a_.port);
  HttpClient on_b(b_.port);
  const std::string ada = register_user(on_a, "ada@example.com", "customer");
  const std::string bob = register_user(on_a, "bob@example.com", "customer");
  ASSERT_EQ(call(on_b, "GET", "/v1/me", ada).status, 200);

  redis.kill();
  // Revocations still reach node B: its check reads the database instead of its cache.
  ASSERT_EQ(call(on_a, "POST", "/v1/auth/logout", ada).status, 204);
  EXPECT_EQ(call(on_b, "GET", "/v1/me", ada).status, 401);
  // Limits hold per node: bob's burst on each node, then 429, never a 500.
  for (auto* node : {&on_a, &on_b}) {
    for (int i = 0; i < caller_burst; ++i) ASSERT_EQ(call(*node, "GET", "/v1/me", bob).status, 200);
    EXPECT_EQ(call(*node, "GET", "/v1/me", bob).status, 429);
  }
  const auto ready = on_a.get("/health/ready");
  EXPECT_EQ(ready.status, 200) << ready.body;
  const auto checks = boost::json::parse(ready.body).at("checks").as_object();
  EXPECT_EQ(checks.at("redis").at("ok"), false);
  EXPECT_EQ(checks.at("redis").at("required"), false);

  ASSERT_TRUE(redis.start());
  for (auto& node : {&a_, &b_}) {
    ASSERT_TRUE(node->process->wait_for_line(std::regex("redis_subscription_restored"), 30s))
        << node->process->output();
  }
  const auto restored = boost::json::parse(on_b.get("/health/ready").body);
  EXPECT_EQ(restored.at("checks").at("redis").at("ok"), true);
  // Redis restarted empty: a caller's bucket is shared again from a full burst.
  const std::string cy = register_user(on_a, "cy@example.com", "customer");
  for (int i = 0; i < caller_burst; ++i) {
    auto& node = i % 2 == 0 ? on_a : on_b;
    ASSERT_EQ(call(node, "GET", "/v1/me", cy).status, 200) << "request " << i;
  }
  EXPECT_EQ(call(on_b, "GET", "/v1/me", cy).status, 429);
}

INSTANTIATE_TEST_SUITE_P(Engines, ClusterRedisNodesTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing
