// What two nodes share through a real redis-server (cluster::Redis): one rate-limit bucket, the
// broadcast and its marks; and a Redis killed and restarted under them: node-local buckets and
// failed checks while it is away (never an exception), shared again once it is back.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "cluster_redis.h"
#include "reskflow/cluster/redis.h"
#include "reskflow/testing/paths.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

constexpr auto delivery_timeout = 20s;

// One node's view of Redis: its engines and its own metrics.
struct Node {
  metrics::Registry metrics;
  std::unique_ptr<cluster::Redis> redis;

  double counter(std::string_view name) { return metrics.counter(name, "").value(); }
};

// What a listener heard, waited for with a deadline.
class Heard {
 public:
  modules::Broadcast::Listener listener() {
    return {[this](std::string_view message) {
              std::lock_guard lock(mutex_);
              messages_.emplace_back(message);
              changed_.notify_all();
            },
            [this] {
              std::lock_guard lock(mutex_);
              ++missed_;
              changed_.notify_all();
            }};
  }
  bool wait_for_message(std::string_view message) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, delivery_timeout, [&] {
      return std::ranges::find(messages_, message) != messages_.end();
    });
  }
  bool wait_for_missed(int times) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, delivery_timeout, [&] { return missed_ >= times; });
  }
  int missed() {
    std::lock_guard lock(mutex_);
    return missed_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> messages_;
  int missed_ = 0;
};

class ClusterRedisTest : public ::testing::Test {
 protected:
  Node& start_node(const std::string& url) {
    auto& node = *nodes_.emplace_back(std::make_unique<Node>());
    auto redis = cluster::Redis::open({url, prefix_, 1000ms, 4}, node.metrics);
    EXPECT_TRUE(redis) << redis.error().detail;
    if (redis) node.redis = std::move(*redis);
    return node;
  }

  std::string prefix_ = unique_redis_prefix("cluster");
  // What each node's listener heard. Declared before the nodes, so that they outlive the nodes'
  // subscriber threads: a message still arriving as a test ends finds them there.
  Heard heard_a_;
  Heard heard_b_;
  std::vector<std::unique_ptr<Node>> nodes_;
};

TEST_F(ClusterRedisTest, TwoNodesDrawFromOneBucket) {
  const auto url = test_redis_url();
  if (!url) GTEST_SKIP() << "RESKFLOW_TEST_REDIS_URL is not set (scripts/test.sh starts Redis)";
  Node& a = start_node(*url);
  Node& b = start_node(*url);
  ASSERT_TRUE(a.redis && b.redis);
  auto on_a = a.redis->rate_limiters().make("login", {3, 1});
  auto on_b = b.redis->rate_limiters().make("login", {3, 1});

  EXPECT_EQ(on_a->take("ip:10.0.0.1").remaining, 2);
  EXPECT_EQ(on_b->take("ip:10.0.0.1").remaining, 1);
  EXPECT_TRUE(on_a->take("ip:10.0.0.1").allowed);
  const auto refused = on_b->take("ip:10.0.0.1");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.limit, 3);
  EXPECT_GE(refused.retry_after_seconds, 59);  // one token a minute
  EXPECT_FALSE(on_a->take("ip:10.0.0.1").allowed);
  // Another key, and the same key of another limiter, have buckets of their own.
  EXPECT_TRUE(on_b->take("ip:10.0.0.2").allowed);
  EXPECT_TRUE(b.redis->rate_limiters().make("refresh", {3, 1})->take("ip:10.0.0.1").allowed);
  EXPECT_EQ(a.counter("redis_rate_limit_fallbacks_total"), 0);
  EXPECT_EQ(b.counter("redis_rate_limit_fallbacks_total"), 0);
}

TEST_F(ClusterRedisTest, ANodeHearsAnotherNodesMessageAndReadsItsMark) {
  const auto url = test_redis_url();
  if (!url) GTEST_SKIP() << "RESKFLOW_TEST_REDIS_URL is not set (scripts/test.sh starts Redis)";
  Node& a = start_node(*url);
  Node& b = start_node(*url);
  ASSERT_TRUE(a.redis && b.redis);
  ASSERT_TRUE(b.redis->broadcast().listening());
  Heard& heard = heard_b_;
  b.redis->broadcast().listen("sessions", heard.listener());

  ASSERT_TRUE(a.redis->broadcast().mark("session.s1", 60s));
  ASSERT_TRUE(a.redis->broadcast().publish("sessions", "s1"));
  EXPECT_TRUE(heard.wait_for_message("s1"));
  const std::vector<std::string> marked{"session.s0", "session.s1"};
  const std::vector<std::string> unmarked{"session.s0", "session.s2"};
  EXPECT_EQ(b.redis->broadcast().any_marked(marked), true);
  EXPECT_EQ(b.redis->broadcast().any_marked(unmarked), false);
  // Listening since before it listened: nothing to forget.
  EXPECT_EQ(heard.missed(), 0);
}

TEST_F(ClusterRedisTest, KilledRedisFallsBackToTheNodeAndRecoversWhenItReturns) {
  if (!test_redis_url())
    GTEST_SKIP() << "RESKFLOW_TEST_REDIS_URL is not set (Redis is installed "
                    "by scripts/setup.sh)";
  TempDir dir;
  RedisServer server(dir.path());
  ASSERT_TRUE(server.start());
  Node& a = start_node(server.url());
  Node& b = start_node(server.url());
  ASSERT_TRUE(a.redis && b.redis);
  Heard& heard_a = heard_a_;
  Heard& heard_b = heard_b_;
  a.redis->broadcast().listen("sessions", heard_a.listener());
  b.redis->broadcast().listen("sessions", heard_b.listener());
  auto on_a = a.redis->rate_limiters().make("caller", {2, 1});
  auto on_b = b.redis->rate_limiters().make("caller", {2, 1});
  ASSERT_TRUE(on_a->take("u:ada").allowed);
  ASSERT_TRUE(on_b->take("u:ada").allowed);
  ASSERT_FALSE(on_a->take("u:ada").allowed);

  server.kill();
  // Node-local buckets answer (a fresh one here), counted; checks fail instead of guessing.
  EXPECT_TRUE(on_a->take("u:ada").allowed);
  EXPECT_EQ(a.counter("redis_rate_limit_fallbacks_total"), 1);
  EXPECT_GE(a.counter("redis_errors_total"), 1);
  const std::vector<std::string> marks{"session.s1"};
  EXPECT_FALSE(a.redis->broadcast().any_marked(marks));
  EXPECT_FALSE(a.redis->broadcast().mark("session.s1", 60s));
  EXPECT_FALSE(a.redis->ping());

  ASSERT_TRUE(server.start());
  // Both subscriptions come back and tell their listeners they may have missed messages.
  ASSERT_TRUE(heard_a.wait_for_missed(1));
  ASSERT_TRUE(heard_b.wait_for_missed(1));
  EXPECT_TRUE(a.redis->ping());
  const auto fallbacks = a.counter("redis_rate_limit_fallbacks_total");
  EXPECT_TRUE(on_a->take("u:bob").allowed);
  EXPECT_TRUE(on_b->take("u:bob").allowed);
  EXPECT_FALSE(on_a->take("u:bob").allowed);
  EXPECT_EQ(a.counter("redis_rate_limit_fallbacks_total"), fallbacks);
  ASSERT_TRUE(a.redis->broadcast().publish("sessions", "s2"));
  EXPECT_TRUE(heard_b.wait_for_message("s2"));
  server.kill();
}

TEST(ClusterRedisOpen, RefusesAMalformedUrlAndStartsWithoutAnUnreachableRedis) {
  metrics::Registry metrics;
  const auto malformed = cluster::Redis::open({"redis://127.0.0.1:99999"}, metrics);
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().code, ErrorCode::validation_failed);
  EXPECT_FALSE(cluster::Redis::open({"http://127.0.0.1:6379"}, metrics));

  // Port 1 on loopback: nothing listens there.
  auto away = cluster::Redis::open({"redis://127.0.0.1:1", "test", 100ms, 2}, metrics);
  ASSERT_TRUE(away) << away.error().detail;
  EXPECT_TRUE((*away)->rate_limiters().make("auth", {1, 1})->take("ip").allowed);
  EXPECT_FALSE((*away)->broadcast().listening());
  EXPECT_FALSE((*away)->ping());
}

}  // namespace
}  // namespace reskflow::testing
