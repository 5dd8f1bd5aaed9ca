// WebSocket fan-out across nodes through the real binary: two `reskflow serve` nodes on one
// database and one NATS (NATS_URL set: the bus rides JetStream too); a customer watching their
// cart on node B sees the change they made through node A.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "cluster_nats.h"
#include "engines.h"
#include "process.h"
#include "reskflow/testing/client.h"
#include "reskflow/testing/paths.h"
#include "shop.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

class ClusterFanoutTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    const auto url = test_nats_url();
    if (!url) GTEST_SKIP() << "RESKFLOW_TEST_NATS_URL is not set (scripts/test.sh starts NATS)";
    nats_url_ = *url;
    stream_ = unique_name("FANOUT_");
    const std::string database_url = fresh_database_url(GetParam(), dir_);
    const std::map<std::string, std::string> cluster{
        {"NATS_URL", nats_url_},
        {"RESKFLOW_NATS_STREAM", stream_},
        {"RESKFLOW_NATS_SUBJECT_PREFIX", unique_name("fanout")}};
    auto env_a = shop_env(database_url, dir_.path(), cluster);
    env_a["RESKFLOW_NODE_NAME"] = "node-a";
    a_ = start_server(env_a);
    auto env_b = shop_env(database_url, dir_.path(), cluster);
    env_b["RESKFLOW_NODE_NAME"] = "node-b";
    b_ = start_server(env_b);
  }

  void TearDown() override {
    a_.process.reset();
    b_.process.reset();
    if (!stream_.empty()) delete_stream(nats_url_, stream_);
  }

  TempDir dir_;
  std::string nats_url_;
  std::string stream_;
  Server a_;
  Server b_;
};

TEST_P(ClusterFanoutTest, AWatcherOnOneNodeSeesTheChangeMadeOnAnother) {
  HttpClient on_a(a_.port);
  const Storefront shop = open_storefront(on_a, 10);
  const std::string ada = register_user(on_a, "ada@example.com", "customer");
  const std::string cart = fill_cart(on_a, ada, shop.merchant_id, {{shop.item_ids[0], 1}});

  WsClient watcher(b_.port, "/v1/ws", {{"Authorization", "Bearer " + ada}});
  watcher.send(R"({"type":"subscribe","topic":"cart.)" + cart + R"("})");
  ASSERT_NE(watcher.receive().value_or("").find("subscribed"), std::string::npos);

  ASSERT_EQ(fill_cart(on_a, ada, shop.merchant_id, {{shop.item_ids[1], 2}}), cart);
  const auto change = watcher.receive(20s).value_or("");
  EXPECT_NE(change.find(R"("topic":"cart.)" + cart), std::string::npos) << change;
  EXPECT_NE(change.find(R"("version":)"), std::string::npos) << change;
}

INSTANTIATE_TEST_SUITE_P(Engines, ClusterFanoutTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing
