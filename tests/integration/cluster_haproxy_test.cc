// The cluster test (issue 19; docs/deployment.md#the-cluster-test): PostgreSQL, Redis, NATS
// JetStream and three `reskflow serve` nodes behind HAProxy, all on loopback and started by the
// test. Through the balancer: an order from cart to door, tracking across nodes, one shared rate
// limit, a logout refused everywhere at once; a node killed under load, then NATS and Redis
// restarted under load, losing no acknowledged order or event; Prometheus scraping every node
// and answering every dashboard and alert expression. The cases share one cluster, in order.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <regex>
#include <set>
#include <sstream>

#include "api.h"
#include "cluster_haproxy.h"
#include "cluster_load.h"
#include "cluster_prometheus.h"
#include "reskflow/store/database.h"
#include "shop.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

// Deadlines for a sanitizer build on two busy cores, not measurements.
constexpr auto deadline = 60s;
constexpr std::size_t load_customers = 3;
constexpr int refresh_burst = 4;  // RESKFLOW_IDENTITY_REFRESH_RATE_BURST of the nodes
// Pairs of points forwarded_by sends at most: its courier's phone clock must stay behind now.
constexpr int forwarding_tries_max = 200;

std::string iso(Clock::time_point at) {
  const auto seconds = Clock::to_time_t(at);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 32> text{};
  return {text.data(), std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc)};
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// An email no other case of this run uses.
std::string unique(std::string_view who) {
  static int counter = 0;
  return std::string(who) + std::to_string(++counter);
}

// Every value of the first column `sql` returns from the cluster's database.
std::set<std::string> column(const std::string& url, const std::string& sql) {
  auto db = store::Database::open(url);
  if (!db) throw std::runtime_error("cannot open the database: " + db.error().detail);
  auto rows = (*db)->read([&](store::Transaction& tx) { return tx.query(sql); });
  if (!rows) throw std::runtime_error(sql + ": " + rows.error().detail);
  std::set<std::string> out;
  for (const auto& row : *rows) out.insert(row.text(0));
  return out;
}

// Whether the node on `port` says it holds the dispatcher's lease (its /metrics).
bool holds_dispatcher(std::uint16_t port) {
  static const std::regex held(R"(lease_held\{lease="deliveries_dispatch"\} 1(\.0*)?(\n|$))");
  try {
    HttpClient node(port, 10s);
    return std::regex_search(node.get("/metrics").body, held);
  } catch (const std::exception&) {  // a dead node holds nothing
    return false;
  }
}

// The next message on `socket` whose data has `key` equal to `value`; nullopt after the deadline.
std::optional<boost::json::object> next_with(WsClient& socket, std::string_view key,
                                             std::string_view value) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    const auto text = socket.receive(deadline);
    if (!text) return std::nullopt;
    const auto message = boost::json::parse(*text).as_object();
    const auto* data = message.if_contains("data");
    if (data == nullptr || !data->is_object()) continue;
    const auto* field = data->as_object().if_contains(key);
    if (field != nullptr && field->is_string() && field->as_string() == value)
      return data->as_object();
  }
  return std::nullopt;
}

// The `at` of every point the customer's socket receives until it has `marker`; false when the
// socket closes first.
bool read_points_until(WsClient& tracking, const std::string& marker, std::set<std::string>& seen) {
  while (!seen.contains(marker)) {
    const auto text = tracking.receive(deadline);
    if (!text) return false;
    const auto message = boost::json::parse(*text).as_object();
    const auto* data = message.if_contains("data");
    const auto* at =
        data != nullptr && data->is_object() ? data->as_object().if_contains("at") : nullptr;
    if (at != nullptr && at->is_string()) seen.insert(std::string(at->as_string()));
  }
  return true;
}

std::unique_ptr<WsClient> subscribed(std::uint16_t port, const std::string& token,
                                     const std::string& topic) {
  auto socket = std::make_unique<WsClient>(
      port, "/v1/ws",
      std::vector<std::pair<std::string, std::string>>{{"Authorization", "Bearer " + token}});
  socket->send(R"({"type":"subscribe","topic":")" + topic + R"("})");
  const auto ack = socket->receive().value_or("");
  if (ack.find("subscribed") == std::string::npos)
    throw std::runtime_error(topic + " refused: " + ack);
  return socket;
}

// A scooter courier on shift near the load shops (luigis_profile), watching their offers through
// the balancer; each point is 2 m north of and 2 s after the one before.
struct Courier {
  std::string token;
  std::string id;
  std::unique_ptr<WsClient> offers;
  Clock::time_point phone_time = Clock::now() - 1h;  // room for 1,800 points, none ahead
  double lat = 48.8562;

  boost::json::object next_point() {
    phone_time += 2s;
    lat += 0.00002;
    return {{"points",
             boost::json::array{boost::json::object{
                 {"lat", lat}, {"lng", 2.3585}, {"at", iso(phone_time)}, {"accuracy_m", 8}}}}};
  }
};

class ClusterHaproxyTest : public ::testing::Test {
 protected:
  static void TearDownTestSuite() { cluster_.reset(); }

  void SetUp() override {
    if (const auto why = cluster_unavailable()) GTEST_SKIP() << *why;
    if (!cluster_) cluster_ = std::make_unique<BalancedCluster>();
    ASSERT_TRUE(cluster_->healthy()) << cluster_->log_tails();
    lb_ = std::make_unique<BalancerClient>(cluster_->balancer_port());
  }

  void TearDown() override {
    if (!cluster_) return;
    cluster_->drain_logs();
    if (HasFailure()) std::printf("%s", cluster_->log_tails().c_str());
  }

  Courier go_on_shift();
  bool forwarded_by(HttpClient& node, HttpClient& known, Courier& courier, WsClient& tracking);
  std::string place(const LoadShop& shop, std::size_t customer);
  void carry(const LoadShop& shop, Courier& courier, const std::string& delivery_id);
  void expect_one_refresh_bucket_for_every_node();
  void expect_nothing_lost(const LoadReport& report);
  void expect_ledger_balances();
  std::optional<std::size_t> dispatcher_holder(std::optional<std::size_t> dead);

  static std::unique_ptr<BalancedCluster> cluster_;
  std::unique_ptr<BalancerClient> lb_;
};

std::unique_ptr<BalancedCluster> ClusterHaproxyTest::cluster_;

Courier ClusterHaproxyTest::go_on_shift() {
  Courier c;
  c.token =
      str(register_account(*lb_, unique("courier") + "@example.com", "driver"), "access_token");
  c.id = str(
      lb_->must("PUT", "/v1/drivers/me", c.token, 200, {{"vehicle", "scooter"}, {"capacity", 2}}),
      "driver_id");
  c.offers = subscribed(cluster_->balancer_port(), c.token, "driver." + c.id);
  lb_->must("POST", "/v1/drivers/me/shift", c.token, 200, {{"online", true}});
  lb_->must("POST", "/v1/drivers/me/locations", c.token, 200, c.next_point());
  return c;
}

// Sends the courier's points to `node` until the customer's socket has one of them; each is
// followed by a point to `known`, a node that forwards them, so that the socket is read without
// a timeout. A node learns of a delivery another node changed from its event, a moment later.
bool ClusterHaproxyTest::forwarded_by(HttpClient& node, HttpClient& known, Courier& courier,
                                      WsClient& tracking) {
  std::set<std::string> sent;
  std::set<std::string> seen;
  const auto until = std::chrono::steady_clock::now() + deadline;
  for (int tries = 0; tries < forwarding_tries_max && std::chrono::steady_clock::now() < until;
       ++tries) {
    if (call(node, "POST", "/v1/drivers/me/locations", courier.token, courier.next_point())
            .status != 200)
      return false;
    sent.insert(iso(courier.phone_time));
    if (call(known, "POST", "/v1/drivers/me/locations", courier.token, courier.next_point())
            .status != 200)
      return false;
    if (!read_points_until(tracking, iso(courier.phone_time), seen)) return false;
    for (const auto& at : sent)
      if (seen.contains(at)) return true;
  }
  return false;
}

// An order of `customer` placed and accepted by the merchant, through the balancer.
std::string ClusterHaproxyTest::place(const LoadShop& shop, std::size_t customer) {
  const auto& token = shop.customers[customer];
  const auto cart = str(
      json_of(lb_->call("POST", "/v1/carts", token, {{"merchant_id", shop.merchant_id}})), "id");
  lb_->must("POST", "/v1/carts/" + cart + "/lines", token, 201,
            {{"item_id", shop.item_id}, {"quantity", 2}});
  return str(
      lb_->must("POST", "/v1/orders", token, 201, checkout_body(cart, 200, "4242424242424242")),
      "id");
}

// The rest of the journey through the balancer: food ready, picked up with the merchant's code,
// handed over with the customer's PIN when the order needs one.
void ClusterHaproxyTest::carry(const LoadShop& shop, Courier& courier,
                               const std::string& delivery_id) {
  const auto status = "/v1/deliveries/" + delivery_id + "/status";
  lb_->must("POST", status, courier.token, 200, {{"status", "at_pickup"}});
  const auto at_counter = lb_->must("GET", "/v1/deliveries/" + delivery_id, shop.owner_token, 200);
  lb_->must("POST", status, courier.token, 200,
            {{"status", "picked_up"}, {"pickup_code", str(at_counter, "pickup_code")}});
  lb_->must("POST", "/v1/drivers/me/locations", courier.token, 200, courier.next_point());
  lb_->must("POST", status, courier.token, 200, {{"status", "at_dropoff"}});
  boost::json::object handed{{"status", "delivered"}};
  const auto mine = lb_->must("GET", "/v1/deliveries/" + delivery_id, shop.customers[0], 200);
  if (mine.at("pin_required").as_bool()) handed["pin"] = str(mine, "pin");
  lb_->must("POST", status, courier.token, 200, handed);
  lb_->must("POST", "/v1/drivers/me/shift", courier.token, 200, {{"online", false}});
}

// Four refreshes of one session spread over the three nodes spend its one bucket: each node,
// and the balancer, then answers 429.
void ClusterHaproxyTest::expect_one_refresh_bucket_for_every_node() {
  const auto account = register_account(*lb_, unique("limited") + "@example.com", "customer");
  auto refresh = str(account, "refresh_token");
  for (int i = 0; i < refresh_burst; ++i) {
    HttpClient node(cluster_->node_port(static_cast<std::size_t>(i) % BalancedCluster::node_count));
    const auto renewed = call(node, "POST", "/v1/auth/refresh", {}, {{"refresh_token", refresh}});
    ASSERT_EQ(renewed.status, 200) << "refresh " << i << ": " << renewed.body;
    refresh = str(json_of(renewed), "refresh_token");
  }
  for (std::size_t n = 0; n < BalancedCluster::node_count; ++n) {
    HttpClient node(cluster_->node_port(n));
    const auto refused = call(node, "POST", "/v1/auth/refresh", {}, {{"refresh_token", refresh}});
    EXPECT_EQ(refused.status, 429) << "node" << n + 1 << ": " << refused.body;
    EXPECT_EQ(refused.header("RateLimit-Remaining").value_or(""), "0") << "node" << n + 1;
    EXPECT_TRUE(refused.header("Retry-After").has_value()) << "node" << n + 1;
  }
  EXPECT_EQ(lb_->call("POST", "/v1/auth/refresh", {}, {{"refresh_token", refresh}}).status, 429);
}

// Every order whose 201 reached its customer is stored; every acceptance whose 200 reached the
// merchant was handed to deliveries once (one delivery per order); no event was parked.
void ClusterHaproxyTest::expect_nothing_lost(const LoadReport& report) {
  EXPECT_TRUE(report.failures.empty()) << joined(report.failures);
  const auto url = cluster_->database_url();
  const auto orders = column(url, "SELECT id FROM orders_orders");
  for (const auto& id : report.placed)
    EXPECT_TRUE(orders.contains(id)) << "order " << id << " lost";
  const auto until = std::chrono::steady_clock::now() + deadline;
  std::vector<std::string> missing = report.accepted;
  while (!missing.empty() && std::chrono::steady_clock::now() < until) {
    const auto delivered = column(url, "SELECT order_id FROM deliveries_deliveries");
    std::erase_if(missing, [&](const std::string& id) { return delivered.contains(id); });
  }
  EXPECT_TRUE(missing.empty()) << missing.size() << " accepted orders never got their delivery, "
                               << "first " << (missing.empty() ? "" : missing.front());
  EXPECT_TRUE(column(url, "SELECT event_id FROM bus_dead_letters").empty());
}

void ClusterHaproxyTest::expect_ledger_balances() {
  Process check({binary_path(), "ledger", "check"}, cluster_->node_env(0));
  EXPECT_EQ(check.wait_exit(120s), 0) << check.output();
}

// The one live node that holds the dispatcher's lease, once exactly one does; nullopt when none
// does before the deadline.
std::optional<std::size_t> ClusterHaproxyTest::dispatcher_holder(std::optional<std::size_t> dead) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    std::vector<std::size_t> holders;
    for (std::size_t n = 0; n < BalancedCluster::node_count; ++n) {
      if (n != dead && holds_dispatcher(cluster_->node_port(n))) holders.push_back(n);
    }
    if (holders.size() == 1) return holders.front();
  }
  return std::nullopt;
}

TEST_F(ClusterHaproxyTest, AnOrderGoesFromCartToDoorAndIsTrackedAcrossNodes) {
  const auto shop = open_load_shop(*lb_, unique("journey"), 1);
  auto courier = go_on_shift();
  const auto order_id = place(shop, 0);
  lb_->must("POST", "/v1/orders/" + order_id + "/accept", shop.owner_token, 200,
            {{"prep_time_minutes", 10}});
  // The dispatcher, on whichever node holds its lease, offers the delivery; the offer reaches
  // the courier's socket on whichever node the balancer chose.
  const auto offer = next_with(*courier.offers, "kind", "offer");
  ASSERT_TRUE(offer) << "no offer reached the courier";
  const auto& offered = offer->at("offer").as_object();
  const auto delivery_id = str(offered, "delivery_id");
  EXPECT_EQ(
      str(lb_->must("GET", "/v1/orders/" + order_id + "/delivery", shop.customers[0], 200), "id"),
      delivery_id);

  // The customer watches on node 1; the courier's app talks to node 2.
  auto tracking = subscribed(cluster_->node_port(0), shop.customers[0], "delivery." + delivery_id);
  HttpClient node2(cluster_->node_port(1));
  ASSERT_EQ(
      call(node2, "POST", "/v1/offers/" + str(offered, "id") + "/accept", courier.token).status,
      200);
  ASSERT_TRUE(next_with(*tracking, "status", "assigned")) << "node 1 never heard of the offer";
  const auto point = courier.next_point();
  const auto reported_at = std::chrono::steady_clock::now();
  ASSERT_EQ(call(node2, "POST", "/v1/drivers/me/locations", courier.token, point).status, 200);
  const auto seen = next_with(*tracking, "at", iso(courier.phone_time));
  ASSERT_TRUE(seen) << "the point the courier sent to node 2 never reached the customer on node 1";
  EXPECT_TRUE(seen->contains("position"));
  std::printf("tracking fan-out node 2 -> node 1: %lld ms\n",
              static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - reported_at)
                                         .count()));
  // The courier's next batch lands on node 3, which took no part in the delivery.
  HttpClient node3(cluster_->node_port(2));
  EXPECT_TRUE(forwarded_by(node3, node2, courier, *tracking))
      << "node 3 never forwarded the courier's points";

  lb_->must("POST", "/v1/orders/" + order_id + "/preparing", shop.owner_token, 200);
  lb_->must("POST", "/v1/orders/" + order_id + "/ready", shop.owner_token, 200);
  carry(shop, courier, delivery_id);
  EXPECT_TRUE(next_with(*tracking, "status", "delivered")) << "the customer missed the handover";
  const auto until = std::chrono::steady_clock::now() + deadline;
  auto order = lb_->must("GET", "/v1/orders/" + order_id, shop.customers[0], 200);
  while (str(order, "status") != "delivered" && std::chrono::steady_clock::now() < until)
    order = lb_->must("GET", "/v1/orders/" + order_id, shop.customers[0], 200);
  EXPECT_EQ(str(order, "status"), "delivered");
}

TEST_F(ClusterHaproxyTest, OneSessionHasOneRateLimitWhicheverNodeAnswers) {
  expect_one_refresh_bucket_for_every_node();
}

TEST_F(ClusterHaproxyTest, ALogoutOnOneNodeRefusesTheTokenOnEveryOtherAtOnce) {
  const auto token =
      str(register_account(*lb_, unique("ada") + "@example.com", "customer"), "access_token");
  // Every node checks the session once and keeps it in its cache.
  for (std::size_t n = 0; n < BalancedCluster::node_count; ++n) {
    HttpClient node(cluster_->node_port(n));
    ASSERT_EQ(call(node, "GET", "/v1/me", token).status, 200) << "node" << n + 1;
  }
  HttpClient node1(cluster_->node_port(0));
  ASSERT_EQ(call(node1, "POST", "/v1/auth/logout", token).status, 204);
  for (std::size_t n = 1; n < BalancedCluster::node_count; ++n) {
    HttpClient node(cluster_->node_port(n));
    EXPECT_EQ(call(node, "GET", "/v1/me", token).status, 401) << "node" << n + 1;
  }
  EXPECT_EQ(lb_->call("GET", "/v1/me", token).status, 401);
}

TEST_F(ClusterHaproxyTest, ANodeKilledUnderLoadLosesNothingAndItsDispatcherMoves) {
  OrderLoad load(cluster_->balancer_port(), open_load_shop(*lb_, unique("kill"), load_customers));
  ASSERT_TRUE(load.wait_for_accepted(5, deadline)) << joined(load.stop().failures);
  const auto holder = dispatcher_holder(std::nullopt);
  ASSERT_TRUE(holder) << "no single node holds the dispatcher's lease";

  const auto accepted_before = load.accepted();
  cluster_->kill_node(*holder);
  const auto killed_at = std::chrono::steady_clock::now();
  // The customers and the merchant go on through the balancer, retrying what the node took down.
  EXPECT_TRUE(load.wait_for_accepted(accepted_before + 10, deadline)) << "the load stalled";
  const auto successor = dispatcher_holder(holder);
  const auto took_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - killed_at);
  EXPECT_TRUE(successor) << "no other node took the dispatcher's lease";
  const auto report = load.stop();
  std::printf(
      "node%zu killed: %zu orders placed, %zu accepted, %zu retries; node%zu holds the "
      "dispatcher %lld ms later\n",
      *holder + 1, report.placed.size(), report.accepted.size(), report.retries,
      successor.value_or(0) + 1, static_cast<long long>(took_ms.count()));
  expect_nothing_lost(report);
  expect_ledger_balances();
  cluster_->restart_node(*holder);
}

TEST_F(ClusterHaproxyTest, EventsCommittedWhileNatsRestartsArriveOnceEach) {
  auto shop = open_load_shop(*lb_, unique("nats"), load_customers + 1);
  std::vector<std::string> waiting;
  for (int i = 0; i < 3; ++i) waiting.push_back(place(shop, load_customers));
  shop.customers.pop_back();
  OrderLoad load(cluster_->balancer_port(), shop);
  ASSERT_TRUE(load.wait_for_accepted(3, deadline)) << joined(load.stop().failures);

  cluster_->nats().stop();
  // Nodes still take writes with NATS away: the acceptances' events wait in the outbox.
  for (std::size_t i = 0; i < waiting.size(); ++i) {
    HttpClient node(cluster_->node_port(i % BalancedCluster::node_count));
    const auto accepted = call(node, "POST", "/v1/orders/" + waiting[i] + "/accept",
                               shop.owner_token, {{"prep_time_minutes", 10}});
    ASSERT_EQ(accepted.status, 200) << accepted.body;
  }
  const auto early = column(cluster_->database_url(), "SELECT order_id FROM deliveries_deliveries");
  for (const auto& id : waiting) EXPECT_FALSE(early.contains(id)) << id << " passed without NATS";
  ASSERT_TRUE(cluster_->nats().start());

  const auto accepted_after = load.accepted();
  EXPECT_TRUE(load.wait_for_accepted(accepted_after + 5, deadline)) << "the load stalled";
  auto report = load.stop();
  std::printf("NATS restarted: %zu orders accepted under load, %zu retries\n",
              report.accepted.size(), report.retries);
  report.accepted.insert(report.accepted.end(), waiting.begin(), waiting.end());
  expect_nothing_lost(report);
}

TEST_F(ClusterHaproxyTest, RedisRestartedUnderLoadDegradesWithoutServerErrorsAndSharesAgain) {
  OrderLoad load(cluster_->balancer_port(), open_load_shop(*lb_, unique("redis"), load_customers));
  ASSERT_TRUE(load.wait_for_accepted(3, deadline)) << joined(load.stop().failures);

  cluster_->redis().kill();
  EXPECT_TRUE(load.wait_for_accepted(load.accepted() + 5, deadline)) << "orders stopped with Redis";
  // Every node stays in the balancer: Redis is reported, not required.
  const auto until = std::chrono::steady_clock::now() + deadline;
  bool reported = false;
  while (!reported && std::chrono::steady_clock::now() < until) {
    const auto ready = lb_->call("GET", "/health/ready", {});
    ASSERT_EQ(ready.status, 200) << ready.body;
    reported = boost::json::parse(ready.body).at("checks").at("redis").at("ok") == false;
  }
  EXPECT_TRUE(reported) << "/health/ready never reported Redis away";

  ASSERT_TRUE(cluster_->redis().start());
  for (std::size_t n = 0; n < BalancedCluster::node_count; ++n) {
    EXPECT_TRUE(cluster_->node_process(n).wait_for_line(std::regex("redis_subscription_restored"),
                                                        deadline))
        << "node" << n + 1 << " never resubscribed";
  }
  EXPECT_TRUE(load.wait_for_accepted(load.accepted() + 3, deadline)) << "the load stalled";
  const auto report = load.stop();
  std::printf("Redis restarted: %zu orders accepted under load, %zu 5xx answers\n",
              report.accepted.size(), report.server_errors);
  EXPECT_EQ(report.server_errors, 0U) << "a client was answered 5xx while Redis was away";
  expect_nothing_lost(report);
  expect_one_refresh_bucket_for_every_node();
}

TEST_F(ClusterHaproxyTest, PrometheusScrapesEveryNodeAndAnswersEveryDashboardAndAlertQuery) {
  const auto python = find_program("python3");
  if (!find_program("prometheus") || !python)
    GTEST_SKIP() << "prometheus or python3 is not installed (scripts/setup.sh installs them)";
  TempDir dir;
  const auto deploy = source_dir() / "deploy";
  Prometheus prometheus(deploy, dir.path(), cluster_->node_ports());
  ASSERT_TRUE(prometheus.wait_for_targets_up(BalancedCluster::node_count, deadline))
      << prometheus.output();
  // Two scrapes of every node: each rate() has two samples to work on.
  ASSERT_TRUE(prometheus.wait_for_data("min(count_over_time(up[1m])) >= 2", deadline));
  const auto failed = prometheus.failed_rules(deadline);
  ASSERT_TRUE(failed) << "Prometheus never evaluated the alert rules";
  EXPECT_TRUE(failed->empty()) << joined(*failed);
  Process queries({*python, (source_dir() / "tests/integration/prometheus_queries.py").string(),
                   prometheus.url(), deploy.string()},
                  {});
  EXPECT_EQ(queries.wait_exit(deadline), 0) << queries.output();
  std::printf("%s", queries.output().c_str());
}

}  // namespace
}  // namespace reskflow::testing
