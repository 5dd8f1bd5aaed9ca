// Discovery through the real binary on both engines: a merchant user creates merchants and
// menus with the catalog API; once the relay has delivered catalog's events, the listing near a
// customer shows the merchants delivering there with distance, estimate and open now, search
// finds them and their dishes (with a typo), and a pause shows up as closed.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <numbers>

#include "api.h"
#include "engines.h"
#include "process.h"
#include "reskflow/testing/client.h"
#include "reskflow/testing/paths.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

const std::string password = "plum tractor midnight";
// The customer, in the Marais; Luigi's is about 500 m east, the sushi bar 2.2 km away with a
// 1.5 km zone.
constexpr double customer_lat = 48.8566;
constexpr double customer_lng = 2.3522;
const std::string near_customer = "lat=48.8566&lng=2.3522";

double distance_m(double lat1, double lng1, double lat2, double lng2) {
  const auto rad = [](double d) { return d * std::numbers::pi / 180; };
  const double h =
      std::pow(std::sin(rad(lat2 - lat1) / 2), 2) +
      std::cos(rad(lat1)) * std::cos(rad(lat2)) * std::pow(std::sin(rad(lng2 - lng1) / 2), 2);
  return 2 * 6'371'008.8 * std::asin(std::sqrt(h));
}

boost::json::object merchant_body(const std::string& name, double lat, double lng,
                                  std::int64_t radius_m, const char* cuisine) {
  boost::json::array weekly;
  // Open around the clock, so that open_now holds whenever the test runs.
  for (const auto* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
    weekly.push_back({{"day", day}, {"open", "00:00"}, {"close", "00:00"}});
  return {{"name", name},
          {"description", "A neighbourhood favourite."},
          {"address",
           {{"line1", "1 rue de Rivoli"},
            {"city", "Paris"},
            {"postal_code", "75004"},
            {"country", "FR"}}},
          {"location", {{"lat", lat}, {"lng", lng}}},
          {"time_zone", "Europe/Paris"},
          {"currency", "EUR"},
          {"cuisines", {cuisine}},
          {"price_level", 2},
          {"prep_time_minutes", 15},
          {"minimum_order_minor", 1000},
          {"delivery_zone", {{"type", "radius"}, {"radius_m", radius_m}}},
          {"opening_hours", {{"weekly", weekly}}}};
}

boost::json::object menu_body(const char* first, const char* second) {
  return {{"categories",
           {{{"name", "Mains"},
             {"items",
              {{{"name", first}, {"price_minor", 1150}, {"dietary", {"vegetarian"}}},
               {{"name", second}, {"price_minor", 1350}, {"dietary", boost::json::array{}}}}}}}}};
}

class DiscoveryTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    server = start_server(env("node-a"));
    client = std::make_unique<HttpClient>(server.port);
  }
  std::map<std::string, std::string> env(const std::string& node) {
    return {{"DATABASE_URL", url},
            {"RESKFLOW_NODE_NAME", node},
            {"RESKFLOW_WEB_ROOT", (dir.path() / "web").string()},
            {"RESKFLOW_IDENTITY_ARGON2_OPS", "1"},
            {"RESKFLOW_IDENTITY_ARGON2_MEMORY_KIB", "64"},
            {"RESKFLOW_IDENTITY_AUTH_RATE_BURST", "100"}};
  }
  HttpResult call(std::string_view method, std::string_view path, const boost::json::object& body,
                  const std::string& token) {
    return client->request(
        method, path, boost::json::serialize(body),
        {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}});
  }
  std::string merchant_user() {
    auto r =
        client->request("POST", "/v1/auth/register",
                        boost::json::serialize(boost::json::object{{"email", "owner@example.com"},
                                                                   {"password", password},
                                                                   {"name", "Owner"},
                                                                   {"role", "merchant"}}),
                        {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(json_of(r).at("access_token").as_string());
  }
  std::string create(const std::string& token, const boost::json::object& body,
                     const boost::json::object& menu) {
    auto created = call("POST", "/v1/merchants", body, token);
    EXPECT_EQ(created.status, 201) << created.body;
    const auto id = str(json_of(created), "id");
    auto put = call("PUT", "/v1/merchants/" + id + "/menu", menu, token);
    EXPECT_EQ(put.status, 200) << put.body;
    return id;
  }
  // GETs `target` (from node `on`, else this test's first node) until `done` holds of its body
  // or the relay had 30 s to deliver.
  boost::json::object poll(const std::string& target,
                           const std::function<bool(const boost::json::object&)>& done,
                           HttpClient* on = nullptr) {
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    boost::json::object body;
    while (std::chrono::steady_clock::now() < deadline) {
      auto r = (on != nullptr ? on : client.get())->get(target);
      EXPECT_EQ(r.status, 200) << r.body;
      body = json_of(r);
      if (r.status != 200 || done(body)) break;
    }
    return body;
  }

  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
  Server server;
  std::unique_ptr<HttpClient> client;
};

TEST_P(DiscoveryTest, ListsAndSearchesWhatMerchantsPublish) {
  const auto owner = merchant_user();
  const auto luigi =
      create(owner, merchant_body("Luigi's Pizzeria", 48.8559, 2.3589, 3000, "pizza"),
             menu_body("Margherita", "Diavola"));
  const auto sakura = create(owner, merchant_body("Sakura Sushi", 48.8700, 2.3300, 1500, "sushi"),
                             menu_body("Salmon Nigiri", "California Roll"));
  // Search anywhere sees both once their menus are indexed.
  const auto anywhere =
      poll("/v1/search?q=roll", [](const auto& b) { return !b.at("items").as_array().empty(); });
  ASSERT_FALSE(anywhere.at("items").as_array().empty());
  EXPECT_EQ(str(anywhere.at("items").as_array()[0], "merchant_id"), sakura);
  // Near the customer, only Luigi's zone reaches.
  const auto listing = poll("/v1/merchants?" + near_customer,
                            [](const auto& b) { return !b.at("data").as_array().empty(); });
  const auto& data = listing.at("data").as_array();
  ASSERT_EQ(data.size(), 1u);
  const auto& card = data[0].as_object();
  EXPECT_EQ(str(card, "id"), luigi);
  const double expected = distance_m(customer_lat, customer_lng, 48.8559, 2.3589);
  EXPECT_NEAR(static_cast<double>(card.at("distance_m").as_int64()), expected, 1.0);
  // Drivers' travel model by bike: 4.5 m/s, slowed or sped up by at most a fifth of the hour's
  // traffic (0.93-1.04), no learned correction yet.
  const auto by_bike = [&](double speed_mps) {
    return 15 + static_cast<std::int64_t>(std::ceil(expected * 1.3 / speed_mps / 60)) + 5;
  };
  EXPECT_GE(card.at("delivery_minutes").as_int64(), by_bike(4.5 * 1.04));
  EXPECT_LE(card.at("delivery_minutes").as_int64(), by_bike(4.5 * 0.93));
  EXPECT_TRUE(card.at("open_now").as_bool());
  EXPECT_TRUE(card.at("rating").is_null());
  EXPECT_FALSE(listing.at("has_more").as_bool());
  // A typo still finds the pizzeria and its dishes; sold-out or far ones are not offered.
  const auto found = poll("/v1/search?q=piza&" + near_customer,
                          [](const auto& b) { return !b.at("merchants").as_array().empty(); });
  ASSERT_EQ(found.at("merchants").as_array().size(), 1u);
  EXPECT_EQ(str(found.at("merchants").as_array()[0], "id"), luigi);
  const auto dish = poll("/v1/search?q=margherita&" + near_customer,
                         [](const auto& b) { return !b.at("items").as_array().empty(); });
  ASSERT_FALSE(dish.at("items").as_array().empty());
  EXPECT_EQ(str(dish.at("items").as_array()[0], "name"), "Margherita");
  EXPECT_EQ(str(dish.at("items").as_array()[0], "merchant_name"), "Luigi's Pizzeria");
  EXPECT_TRUE(poll("/v1/search?q=nigiri&" + near_customer, [](const auto&) { return true; })
                  .at("items")
                  .as_array()
                  .empty());
  // A pause reaches the listing as closed, with the time it ends.
  const auto pause = call("PUT", "/v1/merchants/" + luigi + "/pause", {{"minutes", 20}}, owner);
  ASSERT_EQ(pause.status, 200) << pause.body;
  const auto paused = poll("/v1/merchants?" + near_customer, [](const auto& b) {
    return !b.at("data").as_array()[0].at("open_now").as_bool();
  });
  EXPECT_FALSE(paused.at("data").as_array()[0].at("open_now").as_bool());
  EXPECT_TRUE(paused.at("data").as_array()[0].at("paused_until").is_string());
  EXPECT_TRUE(
      poll("/v1/merchants?" + near_customer + "&open_now=true", [](const auto&) { return true; })
          .at("data")
          .as_array()
          .empty());
}

// Each node answers from its own in-memory index: a change applied on one node (whichever
// node's relay applied catalog's event) reaches the listing and the search of another.
TEST_P(DiscoveryTest, AChangeOnOneNodeReachesAnothersIndex) {
  auto other = start_server(env("node-b"));
  HttpClient node_b(other.port);
  const auto owner = merchant_user();
  const auto luigi =
      create(owner, merchant_body("Luigi's Pizzeria", 48.8559, 2.3589, 3000, "pizza"),
             menu_body("Margherita", "Diavola"));
  // Node b loads its index with the pizzeria open.
  const auto listed = poll(
      "/v1/merchants?" + near_customer,
      [](const auto& b) { return !b.at("data").as_array().empty(); }, &node_b);
  ASSERT_EQ(listed.at("data").as_array().size(), 1u);
  EXPECT_TRUE(listed.at("data").as_array()[0].at("open_now").as_bool());
  // A pause and a new dish, made through node a, show on node b.
  ASSERT_EQ(call("PUT", "/v1/merchants/" + luigi + "/pause", {{"minutes", 20}}, owner).status, 200);
  const auto paused = poll(
      "/v1/merchants?" + near_customer,
      [](const auto& b) { return !b.at("data").as_array()[0].at("open_now").as_bool(); }, &node_b);
  EXPECT_FALSE(paused.at("data").as_array()[0].at("open_now").as_bool());
  ASSERT_EQ(call("PUT", "/v1/merchants/" + luigi + "/menu",
                 menu_body("Quattro Formaggi", "Diavola"), owner)
                .status,
            200);
  const auto dish = poll(
      "/v1/search?q=formaggi", [](const auto& b) { return !b.at("items").as_array().empty(); },
      &node_b);
  ASSERT_FALSE(dish.at("items").as_array().empty());
  EXPECT_EQ(str(dish.at("items").as_array()[0], "name"), "Quattro Formaggi");
}

INSTANTIATE_TEST_SUITE_P(Engines, DiscoveryTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing
