// Couriers shared by two `reskflow serve` nodes on one PostgreSQL and one Redis
// (docs/deployment.md#shared-state-in-redis): node A holds the dispatcher's lease, the courier
// goes online and reports to node B, the order is placed and made ready on node B, and the
// courier is offered the delivery by node A. Both dispatchers run every 300 s, so the offer
// comes only from the wake-up node B sends through Redis; without the shared fleet node A's
// dispatcher never sees the courier. Then the same with Redis killed and restarted empty in
// between: no location batch fails with a 500, and the courier is offered work again.
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

std::string iso(std::chrono::system_clock::time_point at) {
  const auto seconds = std::chrono::system_clock::to_time_t(at);
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
                     {"REDIS_URL", redis_url_},
                     {"RESKFLOW_REDIS_KEY_PREFIX", prefix_},
                     {"RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION", "0"},
                     {"RESKFLOW_DELIVERIES_DISPATCH_INTERVAL_S", "300"},
                     {"RESKFLOW_DELIVERIES_DISPATCH_LEAD_S", "3600"}});
  }

  // Node A alone, woken through Redis until its dispatcher holds the lease (a wake-up claims
  // it; the schedule would take 300 s); then node B.
  void start_nodes() {
    a_ = start_server(node_env("node-a"));
    metrics::Registry registry;
    auto redis = cluster::Redis::open({redis_url_, prefix_}, registry);
    ASSERT_TRUE(redis);
    const std::regex acquired(R"("event":"lease_acquired","job":"deliveries_dispatch")");
    bool held = false;
    for (auto waited = 0s; !held && waited < deadline; waited += lease_poll) {
      ASSERT_TRUE((*redis)->broadcast().publish("deliveries.dispatch", ""));
      held = a_.process->wait_for_line(acquired, lease_poll).has_value();
    }
    (*redis)->stop();
    ASSERT_TRUE(held) << "node A never took the dispatcher's lease";
    b_ = start_server(node_env("node-b"));
    on_a_ = std::make_unique<HttpClient>(a_.port, 30s);
    on_b_ = std::make_unique<HttpClient>(b_.port, 30s);
  }

  // Luigi's, in platform delivery mode, with a pizza; opened on node B.
  void open_shop() {
    merchant_ = register_user(*on_b_, "luigi@example.com", "merchant");
    auto profile = luigis_profile();
    profile["delivery_mode"] = "platform";
    merchant_id_ =
        str(must(call(*on_b_, "POST", "/v1/merchants", merchant_, profile), 201, "open"), "id");
    const auto menu = "/v1/merchants/" + merchant_id_ + "/menu";
    const auto category =
        str(must(call(*on_b_, "POST", menu + "/categories", merchant_, {{"name", "Menu"}}), 201,
                 "category"),
            "id");
    pizza_ =
        str(must(call(*on_b_, "POST", menu + "/items", merchant_,
                      {{"category_id", category}, {"name", "Margherita"}, {"price_minor", 1000}}),
                 201, "item"),
            "id");
    customer_ = register_user(*on_b_, "cy@example.com", "customer");
  }

  // A scooter courier on shift through node B; their socket happens to land on node A.
  void put_courier_on_shift() {
    courier_ = register_user(*on_b_, "ada@example.com", "driver");
    courier_id_ = str(must(call(*on_b_, "PUT", "/v1/drivers/me", courier_,
                                {{"vehicle", "scooter"}, {"capacity", 2}}),
                           200, "profile"),
                      "driver_id");
    offers_ = std::make_unique<WsClient>(
        a_.port, "/v1/ws",
        std::vector<std::pair<std::string, std::string>>{{"Authorization", "Bearer " + courier_}});
    offers_->send(R"({"type":"subscribe","topic":"driver.)" + courier_id_ + R"("})");
    ASSERT_NE(offers_->receive().value_or("").find("subscribed"), std::string::npos);
    must(call(*on_b_, "POST", "/v1/drivers/me/shift", courier_, {{"online", true}}), 200, "online");
  }

  // One point near Luigi's, a second after the previous one, to `node`.
  HttpResult report(HttpClient& node) {
    phone_time_ = std::max(phone_time_ + 1s, std::chrono::system_clock::now() - 30s);
    const boost::json::array points{boost::json::object{
        {"lat", 48.8562}, {"lng", 2.3585}, {"at", iso(phone_time_)}, {"accuracy_m", 8}}};
    return call(node, "POST", "/v1/drivers/me/locations", courier_, {{"points", points}});
  }

  // An order placed, accepted, prepared and made ready on node B; its delivery's id.
  std::string ready_order() {
    const auto cart = fill_cart(*on_b_, customer_, merchant_id_, {{pizza_, 2}});
    const auto order_id = str(must(call(*on_b_, "POST", "/v1/orders", customer_,
                                        checkout_body(cart, 200, "4242424242424242")),
                                   201, "place"),
                              "id");
    const auto order = "/v1/orders/" + order_id;
    must(call(*on_b_, "POST", order + "/accept", merchant_, {{"prep_time_minutes", 10}}), 200,
         "accept");
    // The delivery exists once a node's relay handed it the accepted order.
    const auto until = std::chrono::steady_clock::now() + deadline;
    auto delivery = call(*on_b_, "GET", order + "/delivery", customer_);
    for (; delivery.status != 200; delivery = call(*on_b_, "GET", order + "/delivery", customer_))
      if (std::chrono::steady_clock::now() > until) throw std::runtime_error("no delivery");
    must(call(*on_b_, "POST", order + "/preparing", merchant_), 200, "preparing");
    must(call(*on_b_, "POST", order + "/ready", merchant_), 200, "ready");
    return str(json_of(delivery), "id");
  }

  // The next offer pushed to the courier's socket; nullopt after the deadline.
  std::optional<boost::json::object> next_offer() {
    try {
      if (const auto pushed = offers_->receive(deadline))
        return boost::json::parse(*pushed).at("data").at("offer").as_object();
    } catch (const std::exception&) {  // timed out: the caller says what was missed
    }
    return std::nullopt;
  }

  TempDir dir_;
  std::string database_url_;
  std::string redis_url_ = test_redis_url().value_or("");
  std::string prefix_ = unique_redis_prefix("fleet");
  Server a_;
  Server b_;
  std::unique_ptr<HttpClient> on_a_;
  std::unique_ptr<HttpClient> on_b_;
  std::string merchant_, merchant_id_, pizza_, customer_, courier_, courier_id_;
  std::chrono::system_clock::time_point phone_time_{};
  std::unique_ptr<WsClient> offers_;  // after the servers: closed before they are gone
};

TEST_P(ClusterFleetTest, ACourierReportingToOneNodeGetsAnOfferFromTheDispatcherOnAnother) {
  start_nodes();
  if (HasFatalFailure()) return;
  open_shop();
  put_courier_on_shift();
  ASSERT_EQ(json_of(report(*on_b_)).at("accepted").as_int64(), 1);

  const auto delivery_id = ready_order();
  const auto offer = next_offer();
  ASSERT_TRUE(offer) << "no offer reached the courier within " << deadline.count() << " s";
  EXPECT_EQ(str(*offer, "delivery_id"), delivery_id);
  const auto mine = json_of(call(*on_b_, "GET", "/v1/drivers/me/offers", courier_));
  EXPECT_NE(boost::json::serialize(mine).find(str(*offer, "id")), std::string::npos) << mine;
  EXPECT_GE(metric(*on_a_, "deliveries_dispatch_rounds_total"), 1);
  EXPECT_EQ(metric(*on_b_, "deliveries_dispatch_rounds_total"), 0)
      << "node B dispatched while node A held the lease";
}

TEST_P(ClusterFleetTest, WithRedisKilledBatchesNeverFailWith500AndTheCourierGetsWorkAfterward) {
  TempDir redis_dir;
  RedisServer redis(redis_dir.path());
  ASSERT_TRUE(redis.start());
  redis_url_ = redis.url();
  start_nodes();
  if (HasFatalFailure()) return;
  open_shop();
  put_courier_on_shift();
  ASSERT_EQ(report(*on_b_).status, 200);

  redis.kill();
  // Node B took the courier's points before: it judges them on its own. Node A never heard
  // from the courier: 503, and the phone sends them again.
  const auto alone = report(*on_b_);
  EXPECT_EQ(alone.status, 200) << alone.body;
  const auto unknown = report(*on_a_);
  EXPECT_EQ(unknown.status, 503) << unknown.body;
  EXPECT_GE(metric(*on_b_, "drivers_fleet_errors_total"), 1);

  // Redis back, empty: the courier's next batch puts them back from the database.
  ASSERT_TRUE(redis.start());
  for (auto* node : {&a_, &b_}) {
    ASSERT_TRUE(node->process->wait_for_line(std::regex("redis_subscription_restored"), 30s))
        << node->process->output();
  }
  const auto back = report(*on_a_);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(json_of(back).at("accepted").as_int64(), 1);
  const auto delivery_id = ready_order();
  const auto offer = next_offer();
  ASSERT_TRUE(offer) << "no offer reached the courier within " << deadline.count() << " s";
  EXPECT_EQ(str(*offer, "delivery_id"), delivery_id);
}

// The dispatcher's lease is shared where several nodes share a database: PostgreSQL.
INSTANTIATE_TEST_SUITE_P(Engines, ClusterFleetTest, ::testing::Values(TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing
