// Couriers shared by two `reskflow serve` nodes on one PostgreSQL and one Redis
// (docs/deployment.md#shared-state-in-redis): node A holds the dispatcher's lease, the courier
// goes online and reports to node B, the order is placed and made ready on node B, and the
// courier is offered the delivery by node A. Both dispatchers run every 300 s, so the offer
// comes only from the wake-up node B sends through Redis; without the shared fleet node A's
// dispatcher never sees the courier.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <array>
#include <chrono>
#include <ctime>
#include <regex>
#include <sstream>

#include "api.h"
#include "cluster_redis.h"
#include "engines.h"
#include "process.h"
#include "reskflow/cluster/redis.h"
#include "shop.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

// Deadlines for a sanitizer build on a busy machine, not measurements.
constexpr auto deadline = 20s;
constexpr auto lease_poll = 1s;

std::string iso_now() {
  const auto seconds = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 32> text{};
  return {text.data(), std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc)};
}

boost::json::object must(const HttpResult& r, int status, std::string_view what) {
  if (r.status != status)
    throw std::runtime_error(std::string(what) + ": " + std::to_string(r.status) + " " + r.body);
  return json_of(r);
}

double metric(HttpClient& node, std::string_view name) {
  std::istringstream lines(node.get("/metrics").body);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(name) && line.size() > name.size() && line[name.size()] == ' ')
      return std::stod(line.substr(name.size() + 1));
  }
  return -1;
}

class ClusterFleetTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    if (!test_redis_url())
      GTEST_SKIP() << "RESKFLOW_TEST_REDIS_URL is not set (scripts/test.sh starts Redis)";
    database_url_ = fresh_database_url(GetParam(), dir_);
  }

  void TearDown() override {
    if (!HasFailure()) return;
    for (auto* node : {&a_, &b_}) {
      if (node->process) std::printf("node:\n%s\n", node->process->output().c_str());
    }
  }

  std::map<std::string, std::string> node_env(const std::string& name) {
    return shop_env(database_url_, dir_.path(),
                    {{"RESKFLOW_NODE_NAME", name},
                     {"REDIS_URL", *test_redis_url()},
                     {"RESKFLOW_REDIS_KEY_PREFIX", prefix_},
                     {"RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION", "0"},
                     {"RESKFLOW_DELIVERIES_DISPATCH_INTERVAL_S", "300"},
                     {"RESKFLOW_DELIVERIES_DISPATCH_LEAD_S", "3600"}});
  }

  // Node A alone, woken through Redis until its dispatcher holds the lease (a wake-up claims
  // it; the schedule would take 300 s).
  void start_dispatching_node() {
    a_ = start_server(node_env("node-a"));
    metrics::Registry registry;
    auto redis = cluster::Redis::open({*test_redis_url(), prefix_}, registry);
    ASSERT_TRUE(redis);
    const std::regex acquired(R"("event":"lease_acquired","job":"deliveries_dispatch")");
    bool held = false;
    for (auto waited = 0s; !held && waited < deadline; waited += lease_poll) {
      ASSERT_TRUE((*redis)->broadcast().publish("deliveries.dispatch", ""));
      held = a_.process->wait_for_line(acquired, lease_poll).has_value();
    }
    (*redis)->stop();
    ASSERT_TRUE(held) << "node A never took the dispatcher's lease";
  }

  TempDir dir_;
  std::string database_url_;
  std::string prefix_ = unique_redis_prefix("fleet");
  Server a_;
  Server b_;
};

TEST_P(ClusterFleetTest, ACourierReportingToOneNodeGetsAnOfferFromTheDispatcherOnAnother) {
  start_dispatching_node();
  if (HasFatalFailure()) return;
  b_ = start_server(node_env("node-b"));
  HttpClient on_a(a_.port, 30s);
  HttpClient on_b(b_.port, 30s);

  const auto merchant = register_user(on_b, "luigi@example.com", "merchant");
  auto profile = luigis_profile();
  profile["delivery_mode"] = "platform";
  const auto merchant_id =
      str(must(call(on_b, "POST", "/v1/merchants", merchant, profile), 201, "open"), "id");
  const auto menu = "/v1/merchants/" + merchant_id + "/menu";
  const auto category = str(
      must(call(on_b, "POST", menu + "/categories", merchant, {{"name", "Menu"}}), 201, "category"),
      "id");
  const auto pizza =
      str(must(call(on_b, "POST", menu + "/items", merchant,
                    {{"category_id", category}, {"name", "Margherita"}, {"price_minor", 1000}}),
               201, "item"),
          "id");

  // The courier's phone talks to node B; its socket happens to land on node A.
  const auto courier = register_user(on_b, "ada@example.com", "driver");
  const auto courier_id = str(
      must(call(on_b, "PUT", "/v1/drivers/me", courier, {{"vehicle", "scooter"}, {"capacity", 2}}),
           200, "profile"),
      "driver_id");
  WsClient offers(a_.port, "/v1/ws", {{"Authorization", "Bearer " + courier}});
  offers.send(R"({"type":"subscribe","topic":"driver.)" + courier_id + R"("})");
  ASSERT_NE(offers.receive().value_or("").find("subscribed"), std::string::npos);
  must(call(on_b, "POST", "/v1/drivers/me/shift", courier, {{"online", true}}), 200, "online");
  const boost::json::array near_luigis{
      boost::json::object{{"lat", 48.8562}, {"lng", 2.3585}, {"at", iso_now()}, {"accuracy_m", 8}}};
  const auto reported =
      must(call(on_b, "POST", "/v1/drivers/me/locations", courier, {{"points", near_luigis}}), 200,
           "report");
  ASSERT_EQ(reported.at("accepted").as_int64(), 1);

  const auto customer = register_user(on_b, "cy@example.com", "customer");
  const auto cart = fill_cart(on_b, customer, merchant_id, {{pizza, 2}});
  const auto order_id = str(
      must(call(on_b, "POST", "/v1/orders", customer, checkout_body(cart, 200, "4242424242424242")),
           201, "place"),
      "id");
  const auto order = "/v1/orders/" + order_id;
  must(call(on_b, "POST", order + "/accept", merchant, {{"prep_time_minutes", 10}}), 200, "accept");
  // The delivery exists once a node's relay handed it the accepted order.
  const auto until = std::chrono::steady_clock::now() + deadline;
  auto delivery = call(on_b, "GET", order + "/delivery", customer);
  for (; delivery.status != 200; delivery = call(on_b, "GET", order + "/delivery", customer))
    ASSERT_LT(std::chrono::steady_clock::now(), until) << "no delivery for the order";
  must(call(on_b, "POST", order + "/preparing", merchant), 200, "preparing");
  must(call(on_b, "POST", order + "/ready", merchant), 200, "ready");

  std::optional<std::string> pushed;
  try {
    pushed = offers.receive(deadline);
  } catch (const std::exception&) {  // timed out: the assertion below says what was missed
  }
  ASSERT_TRUE(pushed) << "no offer reached the courier within " << deadline.count() << " s";
  const auto offer = boost::json::parse(*pushed).at("data").at("offer").as_object();
  EXPECT_EQ(str(offer, "delivery_id"), str(json_of(delivery), "id"));
  const auto mine = json_of(call(on_b, "GET", "/v1/drivers/me/offers", courier));
  EXPECT_NE(boost::json::serialize(mine).find(str(offer, "id")), std::string::npos) << mine;
  EXPECT_GE(metric(on_a, "deliveries_dispatch_rounds_total"), 1);
  EXPECT_EQ(metric(on_b, "deliveries_dispatch_rounds_total"), 0)
      << "node B dispatched while node A held the lease";
}

// The dispatcher's lease is shared where several nodes share a database: PostgreSQL.
INSTANTIATE_TEST_SUITE_P(Engines, ClusterFleetTest, ::testing::Values(TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing
