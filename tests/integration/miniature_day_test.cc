// The miniature day (issue 14, requirement 2): two merchants in platform delivery mode, couriers
// on shift at several places, customers ordering one after another; offers made, accepted,
// declined and left to lapse; customers tracking their delivery on the WebSocket; proofs, one
// cold-chain excursion, one failed delivery and one complaint refunded. Afterwards every order is
// terminal, `reskflow ledger check` passes and every customer saw its updates in order.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <array>
#include <cmath>

#include "admin_session.h"
#include "api.h"
#include "engines.h"
#include "offers.h"
#include "process.h"
#include "shop.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

struct Place {
  double lat = 0;
  double lng = 0;
};

// Couriers move 100 m per point, 8 s apart by their phone's clock (12.5 m/s: plausible for
// every vehicle). Phones start an hour back, so no point is ever ahead of the server.
constexpr double point_spacing_m = 100;
constexpr auto point_interval = 8s;
constexpr auto phone_head_start = 60min;
constexpr std::int64_t prep_time_minutes = 10;

double metres_between(Place a, Place b) {
  constexpr double earth_radius_m = 6'371'000;
  constexpr double radians = 3.14159265358979323846 / 180;
  const double dlat = (b.lat - a.lat) * radians;
  const double dlng = (b.lng - a.lng) * radians * std::cos((a.lat + b.lat) / 2 * radians);
  return earth_radius_m * std::sqrt(dlat * dlat + dlng * dlng);
}

boost::json::object must(const HttpResult& r, int status, std::string_view what) {
  if (r.status != status)
    throw std::runtime_error(std::string(what) + ": " + std::to_string(r.status) + " " + r.body);
  return json_of(r);
}

struct Courier {
  std::string token;
  std::string id;
  Place at;
  Clock::time_point phone_time;
};

struct Merchant {
  std::string id;
  std::string owner_token;
  Place location;
  std::vector<std::string> item_ids;
};

// How the first courier offered an order answers it, and how the delivery ends.
enum class FirstAnswer { accept, decline, lapse };
enum class Ending { delivered, failed };

struct OrderPlan {
  std::size_t customer;
  std::size_t merchant;
  std::vector<std::pair<std::size_t, int>> lines;  // (item index, quantity)
  Place dropoff;
  FirstAnswer first = FirstAnswer::accept;
  Ending ending = Ending::delivered;
  std::int64_t tip_minor = 200;
};

struct Placed {
  std::string order_id;
  std::string delivery_id;
  std::size_t courier = 0;
  std::vector<std::string> tracked_statuses;
  std::size_t tracked_positions = 0;
};

// A 1×1 PNG: a photo or a signature the proofs module accepts.
std::string tiny_png() {
  static constexpr std::array<unsigned char, 67> bytes{
      0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
      0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
      0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78,
      0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00,
      0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
  return {bytes.begin(), bytes.end()};
}

int lifecycle_rank(std::string_view status) {
  static constexpr std::array<std::string_view, 7> order{
      "pending", "assigned", "at_pickup", "picked_up", "at_dropoff", "delivered", "failed"};
  const auto it = std::ranges::find(order, status);
  return it == order.end() ? -1 : static_cast<int>(it - order.begin());
}

class MiniatureDay : public ::testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    env = shop_env(url, dir.path(),
                   {{"RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION", "0"},
                    {"RESKFLOW_DELIVERIES_DISPATCH_INTERVAL_S", "1"},
                    {"RESKFLOW_DELIVERIES_OFFER_TIMEOUT_S", "10"},
                    // Every order is urgent at once: the day must not wait for food to be ready.
                    {"RESKFLOW_DELIVERIES_DISPATCH_LEAD_S", "3600"},
                    {"RESKFLOW_DELIVERIES_POSITION_THROTTLE_MS", "0"},
                    {"RESKFLOW_DELIVERIES_HIGH_VALUE_MINOR", "4000"},
                    {"RESKFLOW_PROOFS_DIR", (dir.path() / "proofs").string()}});
    server = start_server(env);
    client = std::make_unique<HttpClient>(server.port, 30s);
  }

  void TearDown() override {
    if (!HasFailure() || !server.process) return;
    const auto lines = server.process->lines();  // the server's last words, for the failure
    for (auto i = lines.size() > 40 ? lines.size() - 40 : 0; i < lines.size(); ++i)
      std::printf("server: %s\n", lines[i].c_str());
  }

  HttpResult call(std::string_view method, const std::string& path, const std::string& token,
                  const boost::json::object& body = {}) {
    return testing::call(*client, method, path, token, body);
  }

  Merchant open_merchant(const std::string& email, const std::string& name, Place at,
                         const std::vector<boost::json::object>& items);
  void put_on_shift(Place at, bool cold_storage);
  void send_points(Courier& c, const std::vector<Place>& points);
  void drive(Courier& c, Place to);
  void heartbeat();
  std::size_t answered_offer(const OrderPlan& plan, std::size_t courier, boost::json::object offer);
  void run(const OrderPlan& plan, Placed& placed);
  void carry(const OrderPlan& plan, Placed& placed, WsClient& tracking);
  void record_cold_chain(Courier& c, const Placed& placed);
  void read_tracking(WsClient& socket, Placed& placed);
  void complain_and_refund(const OrderPlan& plan, const Placed& placed);

  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
  std::map<std::string, std::string> env;
  OfferInbox inbox;  // joins its readers after the server below is gone and its sockets closed
  Server server;
  std::unique_ptr<HttpClient> client;
  std::string admin;
  std::vector<Merchant> merchants;
  std::vector<Courier> couriers;
  std::vector<std::string> customers;
  std::size_t cold_courier = 0;
  std::unique_ptr<WsClient> cold_alerts;
};

Merchant MiniatureDay::open_merchant(const std::string& email, const std::string& name, Place at,
                                     const std::vector<boost::json::object>& items) {
  Merchant m{.location = at};
  m.owner_token = register_user(*client, email, "merchant");
  auto profile = luigis_profile();
  profile["name"] = name;
  profile["location"] = {{"lat", at.lat}, {"lng", at.lng}};
  profile["delivery_mode"] = "platform";
  m.id =
      str(must(call("POST", "/v1/merchants", m.owner_token, profile), 201, "open " + name), "id");
  const auto menu = "/v1/merchants/" + m.id + "/menu";
  const auto category = str(
      must(call("POST", menu + "/categories", m.owner_token, {{"name", "Menu"}}), 201, "category"),
      "id");
  for (auto item : items) {
    item["category_id"] = category;
    m.item_ids.push_back(
        str(must(call("POST", menu + "/items", m.owner_token, item), 201, "add an item"), "id"));
  }
  return m;
}

void MiniatureDay::put_on_shift(Place at, bool cold_storage) {
  Courier c{.at = at, .phone_time = Clock::now() - phone_head_start};
  c.token = register_user(*client, "courier" + std::to_string(couriers.size()) + "@example.com",
                          "driver");
  const auto profile =
      must(call("PUT", "/v1/drivers/me", c.token,
                {{"vehicle", "car"}, {"capacity", 2}, {"cold_storage", cold_storage}}),
           200, "courier profile");
  c.id = str(profile, "driver_id");
  must(call("POST", "/v1/drivers/me/shift", c.token, {{"online", true}}), 200, "go online");
  inbox.watch(server.port, c.token, c.id, couriers.size());
  send_points(c, {at});
  couriers.push_back(std::move(c));
}

// Every point is accepted: none is late, repeated, coarse or a jump.
void MiniatureDay::send_points(Courier& c, const std::vector<Place>& points) {
  constexpr std::size_t batch_points_max = 100;
  for (std::size_t first = 0; first < points.size(); first += batch_points_max) {
    boost::json::array batch;
    for (std::size_t i = first; i < std::min(points.size(), first + batch_points_max); ++i) {
      c.phone_time += point_interval;
      batch.push_back({{"lat", points[i].lat},
                       {"lng", points[i].lng},
                       {"at", iso_utc(c.phone_time)},
                       {"accuracy_m", 10}});
    }
    const auto sent = batch.size();
    const auto answer =
        must(call("POST", "/v1/drivers/me/locations", c.token, {{"points", std::move(batch)}}), 200,
             "send points");
    EXPECT_EQ(answer.at("accepted").as_int64(), static_cast<std::int64_t>(sent)) << answer;
  }
  c.at = points.back();
}

void MiniatureDay::drive(Courier& c, Place to) {
  const auto steps =
      std::max(1, static_cast<int>(std::ceil(metres_between(c.at, to) / point_spacing_m)));
  std::vector<Place> points;
  for (int i = 1; i <= steps; ++i) {
    const double f = static_cast<double>(i) / steps;
    points.push_back({c.at.lat + (to.lat - c.at.lat) * f, c.at.lng + (to.lng - c.at.lng) * f});
  }
  send_points(c, points);
}

// Couriers waiting for work still report where they are, so none turns suspect.
void MiniatureDay::heartbeat() {
  for (auto& c : couriers) send_points(c, {c.at});
}

// Answers the first offer of a delivery as the plan says, then accepts the one that follows
// when it passed: the courier who took it.
std::size_t MiniatureDay::answered_offer(const OrderPlan& plan, std::size_t courier,
                                         boost::json::object offer) {
  const auto delivery_id = str(offer, "delivery_id");
  if (plan.first != FirstAnswer::accept) {
    if (plan.first == FirstAnswer::decline) {
      EXPECT_EQ(call("POST", "/v1/offers/" + str(offer, "id") + "/decline", couriers[courier].token)
                    .status,
                204);
    }
    // Declined, or left to lapse (10 s): the next best courier is asked, never the same one.
    auto [next_courier, next_offer] = inbox.next(60s);
    EXPECT_NE(next_courier, courier) << "a courier was asked again after passing";
    EXPECT_EQ(str(next_offer, "delivery_id"), delivery_id);
    EXPECT_EQ(
        call("POST", "/v1/offers/" + str(offer, "id") + "/accept", couriers[courier].token).status,
        409)
        << "a passed offer could still be accepted";
    courier = next_courier;
    offer = std::move(next_offer);
  }
  const auto accepted =
      must(call("POST", "/v1/offers/" + str(offer, "id") + "/accept", couriers[courier].token), 200,
           "accept the offer");
  EXPECT_EQ(str(accepted, "status"), "assigned");
  EXPECT_EQ(str(accepted, "driver_id"), couriers[courier].id);
  return courier;
}

void MiniatureDay::run(const OrderPlan& plan, Placed& placed) {
  const auto& merchant = merchants[plan.merchant];
  const auto& customer = customers[plan.customer];
  std::vector<std::pair<std::string, int>> lines;
  for (const auto& [item, quantity] : plan.lines)
    lines.emplace_back(merchant.item_ids[item], quantity);
  const auto cart = fill_cart(*client, customer, merchant.id, lines);
  auto body = checkout_body(cart, plan.tip_minor, "4242424242424242");
  body["delivery"].as_object()["point"] = {{"lat", plan.dropoff.lat}, {"lng", plan.dropoff.lng}};
  placed.order_id = str(must(call("POST", "/v1/orders", customer, body), 201, "place"), "id");
  must(call("POST", "/v1/orders/" + placed.order_id + "/accept", merchant.owner_token,
            {{"prep_time_minutes", prep_time_minutes}}),
       200, "the merchant accepts");
  heartbeat();
  // The first offer says the delivery exists: the customer finds it from the order and watches.
  auto [courier, offer] = inbox.next(30s);
  placed.delivery_id =
      str(must(call("GET", "/v1/orders/" + placed.order_id + "/delivery", customer), 200,
               "the order's delivery"),
          "id");
  EXPECT_EQ(str(offer, "delivery_id"), placed.delivery_id);
  WsClient tracking(server.port, "/v1/ws", {{"Authorization", "Bearer " + customer}});
  tracking.send(R"({"type":"subscribe","topic":"delivery.)" + placed.delivery_id + R"("})");
  ASSERT_NE(tracking.receive().value_or("").find("subscribed"), std::string::npos);
  placed.courier = answered_offer(plan, courier, std::move(offer));
  carry(plan, placed, tracking);
}

void MiniatureDay::carry(const OrderPlan& plan, Placed& placed, WsClient& tracking) {
  auto& c = couriers[placed.courier];
  const auto& merchant = merchants[plan.merchant];
  const auto status = "/v1/deliveries/" + placed.delivery_id + "/status";
  drive(c, merchant.location);
  must(call("POST", status, c.token, {{"status", "at_pickup"}}), 200, "at the counter");
  const auto at_counter =
      must(call("GET", "/v1/deliveries/" + placed.delivery_id, merchant.owner_token), 200,
           "the merchant reads the pickup code");
  EXPECT_EQ(
      call("POST", status, c.token, {{"status", "picked_up"}, {"pickup_code", "0000000"}}).status,
      422)
      << "a wrong pickup code was taken";
  must(call("POST", status, c.token,
            {{"status", "picked_up"}, {"pickup_code", str(at_counter, "pickup_code")}}),
       200, "picked up");
  if (plan.merchant == 1) record_cold_chain(c, placed);
  drive(c, plan.dropoff);
  must(call("POST", status, c.token, {{"status", "at_dropoff"}}), 200, "at the door");
  const auto photo =
      client->request("POST", "/v1/deliveries/" + placed.delivery_id + "/proof", tiny_png(),
                      {{"Authorization", "Bearer " + c.token}, {"Content-Type", "image/png"}});
  EXPECT_EQ(photo.status, 201) << photo.body;
  boost::json::object last{{"status", "delivered"}};
  if (plan.ending == Ending::failed) {
    last = {{"status", "failed"}, {"reason", "nobody answered the door"}};
  } else {
    const auto mine =
        must(call("GET", "/v1/deliveries/" + placed.delivery_id, customers[plan.customer]), 200,
             "the customer reads the delivery");
    if (mine.at("pin_required").as_bool()) last["pin"] = str(mine, "pin");
  }
  must(call("POST", status, c.token, last), 200, "the last step");
  read_tracking(tracking, placed);
}

// Readings every 30 s from the pickup; the fourth is warm: the day's one excursion.
void MiniatureDay::record_cold_chain(Courier& c, const Placed& placed) {
  const auto start = Clock::now() + 1s;  // whole seconds: never before the delivery existed
  boost::json::array readings;
  for (int n = 0; n < 6; ++n)
    readings.push_back(
        {{"celsius", n == 3 ? 9.5 : 4.0}, {"measured_at", iso_utc(start + n * 30s)}});
  const auto path = "/v1/deliveries/" + placed.delivery_id + "/temperature";
  const auto answer =
      must(call("POST", path, c.token, {{"readings", std::move(readings)}}), 200, "readings");
  EXPECT_EQ(answer.at("accepted").as_int64(), 6);
  EXPECT_EQ(answer.at("excursions_started").as_int64(), 1);
  const auto alert = cold_alerts->receive(30s).value_or("");
  EXPECT_NE(alert.find("proofs.temperature.excursion"), std::string::npos) << alert;
  EXPECT_NE(alert.find(placed.delivery_id), std::string::npos) << alert;
}

// The customer's messages until the delivery ended: statuses never go back, the courier's points
// come in the order they were taken, and the customer saw every step.
void MiniatureDay::read_tracking(WsClient& socket, Placed& placed) {
  std::string last_at;
  int rank = 0;
  while (true) {
    const auto text = socket.receive(30s);
    ASSERT_TRUE(text) << "the tracking socket closed before the delivery ended";
    const auto message = boost::json::parse(*text).as_object().at("data").as_object();
    ASSERT_EQ(str(message, "delivery_id"), placed.delivery_id) << *text;
    const auto status = str(message, "status");
    EXPECT_GE(lifecycle_rank(status), rank) << "went back to " << status;
    rank = std::max(rank, lifecycle_rank(status));
    if (placed.tracked_statuses.empty() || placed.tracked_statuses.back() != status)
      placed.tracked_statuses.push_back(status);
    if (message.contains("position")) {
      const auto at = str(message, "at");
      EXPECT_GT(at, last_at) << "a point came out of order";
      last_at = at;
      ++placed.tracked_positions;
    }
    if (status == "delivered" || status == "failed") return;
  }
}

void MiniatureDay::complain_and_refund(const OrderPlan& plan, const Placed& placed) {
  const auto& customer = customers[plan.customer];
  const boost::json::object report{
      {"kind", "missing_items"},
      {"lines", {{{"item_id", merchants[plan.merchant].item_ids[0]}, {"quantity", 1}}}},
      {"comment", "One Margherita short."}};
  const auto path = "/v1/orders/" + placed.order_id + "/reports";
  // Quality learns of the delivery from orders.order.delivered through the relay: until then
  // the order is not one it may take reports on (404).
  auto opened = call("POST", path, customer, report);
  for (const auto deadline = std::chrono::steady_clock::now() + 30s;
       opened.status == 404 && std::chrono::steady_clock::now() < deadline;)
    opened = call("POST", path, customer, report);
  const auto id = str(must(opened, 201, "report the missing pizza"), "id");
  const auto resolved =
      must(call("POST", "/v1/admin/reports/" + id + "/resolve", admin,
                {{"decision", "refund"}, {"amount_minor", 1000}, {"reason", "one pizza missing"}}),
           200, "refund the pizza");
  EXPECT_EQ(str(resolved, "status"), "resolved");
  const auto listed = json_of(call("GET", path, customer));
  EXPECT_NE(boost::json::serialize(listed).find("resolved"), std::string::npos) << listed;
}

TEST_P(MiniatureDay, EveryOrderEndsTheLedgerBalancesAndTrackingCameInOrder) {
  auto session = admin_session(*client, env, "root@example.com");
  ASSERT_TRUE(session) << session.error();
  admin = *session;
  boost::json::object cold_milk{
      {"name", "Fresh milk"}, {"price_minor", 1500}, {"cold_chain", {{"min_c", 2}, {"max_c", 8}}}};
  merchants.push_back(open_merchant("luigi@example.com", "Luigi's", {48.8559, 2.3589},
                                    {{{"name", "Margherita"}, {"price_minor", 1000}},
                                     {{"name", "Calzone"}, {"price_minor", 1200}}}));
  merchants.push_back(open_merchant("frigo@example.com", "Frigo", {48.8530, 2.3499}, {cold_milk}));
  cold_alerts =
      std::make_unique<WsClient>(server.port, "/v1/ws",
                                 std::vector<std::pair<std::string, std::string>>{
                                     {"Authorization", "Bearer " + merchants[1].owner_token}});
  cold_alerts->send(R"({"type":"subscribe","topic":"cold_chain.)" + merchants[1].id + R"("})");
  ASSERT_NE(cold_alerts->receive().value_or("").find("subscribed"), std::string::npos);
  for (int i = 0; i < 4; ++i)
    customers.push_back(
        register_user(*client, "c" + std::to_string(i) + "@example.com", "customer"));
  put_on_shift({48.8570, 2.3520}, false);
  put_on_shift({48.8500, 2.3600}, false);
  put_on_shift({48.8650, 2.3450}, false);
  cold_courier = couriers.size();
  put_on_shift({48.8600, 2.3550}, true);

  const std::vector<OrderPlan> plans{
      {0, 0, {{0, 2}}, {48.8606, 2.3376}},
      {1, 0, {{1, 2}}, {48.8620, 2.3500}, FirstAnswer::decline},
      {2, 0, {{0, 1}, {1, 1}}, {48.8530, 2.3420}, FirstAnswer::lapse},
      {3, 1, {{0, 2}}, {48.8580, 2.3400}},
      // 42.00 and fees: the customer's PIN; then the complaint, refunded after the courier
      // was paid the tip, which the courier keeps.
      {0, 0, {{0, 3}, {1, 1}}, {48.8606, 2.3376}, FirstAnswer::accept, Ending::delivered},
      {1, 0, {{0, 2}}, {48.8620, 2.3500}, FirstAnswer::accept, Ending::failed},
  };
  std::vector<Placed> placed(plans.size());
  for (std::size_t i = 0; i < plans.size() && !HasFatalFailure(); ++i) {
    SCOPED_TRACE("order " + std::to_string(i));
    run(plans[i], placed[i]);
  }
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_EQ(placed[3].courier, cold_courier)
      << "a cold-chain order went to a courier without cold storage";
  complain_and_refund(plans[4], placed[4]);

  for (std::size_t i = 0; i < plans.size(); ++i) {
    SCOPED_TRACE("order " + std::to_string(i));
    const auto& customer = customers[plans[i].customer];
    const auto order = json_of(call("GET", "/v1/orders/" + placed[i].order_id, customer));
    EXPECT_EQ(str(order, "status"), plans[i].ending == Ending::failed ? "failed" : "delivered");
    const std::vector<std::string> steps{
        "assigned", "at_pickup", "picked_up", "at_dropoff",
        plans[i].ending == Ending::failed ? "failed" : "delivered"};
    EXPECT_EQ(placed[i].tracked_statuses, steps);
    EXPECT_GT(placed[i].tracked_positions, 0U) << "the customer never saw the courier move";
    const auto proof =
        json_of(call("GET", "/v1/deliveries/" + placed[i].delivery_id + "/proof", customer));
    EXPECT_TRUE(proof.at("photo").is_object()) << proof;
  }
  const auto compliance = json_of(
      call("GET", "/v1/deliveries/" + placed[3].delivery_id + "/temperature", customers[3]));
  EXPECT_EQ(compliance.at("excursions").as_int64(), 1) << compliance;
  EXPECT_FALSE(compliance.at("compliant").as_bool());

  // The books balance at the end of the day (the server, idle now, is stopped after the test,
  // which closes the couriers' sockets and ends their readers).
  Process check({binary_path(), "ledger", "check"}, env);
  EXPECT_EQ(check.wait_exit(120s), 0) << check.output();
}

INSTANTIATE_TEST_SUITE_P(Engines, MiniatureDay,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing
