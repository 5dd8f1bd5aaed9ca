// The HTTP binding through the router on both engines: parameter errors named per field,
// unknown parameters refused, and the documents GET /v1/merchants and GET /v1/search answer.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "catalog_generator.h"
#include "module.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/core/router.h"
#include "reskflow/store/migrations.h"
#include "test_database.h"

namespace reskflow::discovery {
namespace {

using Query = std::vector<std::pair<std::string, std::string>>;

class DiscoveryRoutesTest : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (HasFatalFailure()) return;
    const std::vector<store::MigrationSet> sets{bus::migrations(), migrations()};
    ASSERT_TRUE(store::migrate(db(), sets));
    service = std::make_unique<Service>(db(), DiscoverySettings{}, metrics);
    ASSERT_TRUE(add_discovery_routes(router, *service));
    const auto city = testing::generate_city({.seed = 7, .merchants = 6, .far_every = 0});
    for (const auto& e : city.merchant_events) ASSERT_TRUE(service->on_merchant_updated(e));
    for (const auto& e : city.menu_events) ASSERT_TRUE(service->on_menu_updated(e));
  }

  http::Response get(const std::string& path, Query query) {
    http::Request request;
    request.method = http::Method::get;
    request.path = path;
    request.query = std::move(query);
    const auto match = router.match(http::Method::get, path);
    EXPECT_EQ(match.kind, http::MatchKind::found);
    EXPECT_TRUE(match.route->access->anonymous);
    return match.route->handler(request);
  }
  static boost::json::object body(const http::Response& r) {
    return boost::json::parse(r.body).as_object();
  }
  static std::vector<std::string> error_fields(const http::Response& r) {
    std::vector<std::string> fields;
    const auto doc = body(r);
    for (const auto& e : doc.at("errors").as_array())
      fields.emplace_back(e.at("field").as_string());
    std::sort(fields.begin(), fields.end());
    return fields;
  }

  metrics::Registry registry;
  DiscoveryMetrics metrics{registry};
  std::unique_ptr<Service> service;
  http::Router router;
};

using Fields = std::vector<std::string>;

TEST_P(DiscoveryRoutesTest, NamesEveryBadParameter) {
  auto r = get("/v1/merchants", {});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_fields(r), (Fields{"lat", "lng"}));
  r = get("/v1/merchants", {{"lat", "48.85"},
                            {"lng", "2.35"},
                            {"sort", "cheapest"},
                            {"price", "1,5"},
                            {"dietary", "keto"},
                            {"colour", "red"},
                            {"open_now", "yes"},
                            {"limit", "0"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_fields(r), (Fields{"colour", "dietary", "limit", "open_now", "price", "sort"}));
  r = get("/v1/merchants", {{"lat", "95"}, {"lng", "east"}});
  EXPECT_EQ(error_fields(r), (Fields{"lat", "lng"}));
  r = get("/v1/merchants", {{"lat", "48.85"}, {"lat", "48.86"}, {"lng", "2.35"}});
  EXPECT_EQ(error_fields(r), Fields{"lat"});
  r = get("/v1/search", {{"lat", "48.85"}});
  EXPECT_EQ(error_fields(r), (Fields{"lng", "q"}));
  r = get("/v1/search", {{"q", "a b c d e f g h i"}});
  EXPECT_EQ(error_fields(r), Fields{"q"});
}

TEST_P(DiscoveryRoutesTest, ListingAnswersCardsAndFollowsItsCursor) {
  Query query{{"lat", "48.8566"},           {"lng", "2.3522"},     {"limit", "4"},
              {"cuisine", "pizza,burgers"}, {"cuisine", "sushi"},  {"cuisine", "thai"},
              {"cuisine", "indian"},        {"cuisine", "mexican"}};
  auto first = get("/v1/merchants", query);
  ASSERT_EQ(first.status, 200) << first.body;
  const auto page = body(first);
  ASSERT_EQ(page.at("data").as_array().size(), 4u);
  EXPECT_TRUE(page.at("has_more").as_bool());
  const auto& card = page.at("data").as_array()[0].as_object();
  for (const char* key : {"id", "name", "slug", "cuisines", "price_level", "photo_url", "rating",
                          "distance_m", "delivery_minutes", "open_now", "paused_until",
                          "minimum_order_minor", "currency", "kitchen_id"})
    EXPECT_TRUE(card.contains(key)) << key;
  EXPECT_EQ(card.size(), 14u);
  query.emplace_back("cursor", page.at("next_cursor").as_string());
  auto second = get("/v1/merchants", query);
  ASSERT_EQ(second.status, 200) << second.body;
  const auto rest = body(second);
  ASSERT_EQ(rest.at("data").as_array().size(), 2u);
  EXPECT_FALSE(rest.at("has_more").as_bool());
  EXPECT_TRUE(rest.at("next_cursor").is_null());
  EXPECT_EQ(second.header("Cache-Control"), "public, max-age=0, s-maxage=30");
}

TEST_P(DiscoveryRoutesTest, SearchAnswersMerchantsAndItems) {
  auto r = get("/v1/search", {{"q", "margherita"}, {"lat", "48.8566"}, {"lng", "2.3522"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto doc = body(r);
  ASSERT_EQ(doc.at("merchants").as_array().size(), 1u);
  EXPECT_EQ(doc.at("merchants").as_array()[0].at("name").as_string(), "Luigi's Pizzeria");
  EXPECT_GT(doc.at("merchants").as_array()[0].at("score").as_int64(), 0);
  const auto& top = doc.at("items").as_array().at(0).as_object();
  EXPECT_EQ(top.at("name").as_string(), "Margherita Pizza");
  EXPECT_EQ(top.at("merchant_name").as_string(), "Luigi's Pizzeria");
  EXPECT_EQ(top.at("currency").as_string(), "EUR");
  EXPECT_EQ(top.at("dietary").as_array().at(0).as_string(), "vegetarian");
  for (const char* key :
       {"item_id", "merchant_id", "description", "price_minor", "photo_url", "score"})
    EXPECT_TRUE(top.contains(key)) << key;
}

INSTANTIATE_TEST_SUITE_P(Engines, DiscoveryRoutesTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::discovery
