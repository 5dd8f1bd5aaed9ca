// The HTTP binding through the router on both engines: parameter errors named per field,
// unknown parameters refused, and the documents GET /v1/merchants and GET /v1/search answer.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "card_text.h"
#include "catalog_generator.h"
#include "reskflow/core/json_text.h"
#include "reskflow/core/router.h"
#include "reskflow/modules/utc_time.h"
#include "reskflow/store/uuid.h"
#include "test_fixture.h"

namespace reskflow::discovery {
namespace {

using Query = std::vector<std::pair<std::string, std::string>>;

class DiscoveryRoutesTest : public testing::DiscoveryFixture {
 protected:
  void SetUp() override {
    DiscoveryFixture::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(add_discovery_routes(router, *service));
    city = testing::generate_city({.seed = 7, .merchants = 6, .far_every = 0});
    for (const auto& e : city.merchant_events) ASSERT_TRUE(service->on_merchant_updated(e));
    for (const auto& e : city.menu_events) ASSERT_TRUE(service->on_menu_updated(e));
    for (const auto& e : city.rating_events) ASSERT_TRUE(service->on_rating_updated(e));
  }

  static http::Request request_for(const std::string& path, Query query) {
    http::Request request;
    request.method = http::Method::get;
    request.path = path;
    request.query = std::move(query);
    return request;
  }
  const http::Route& route(const std::string& path) {
    const auto match = router.match(http::Method::get, path);
    EXPECT_EQ(match.kind, http::MatchKind::found);
    EXPECT_TRUE(match.route->access->anonymous);
    return *match.route;
  }
  // On a worker, as the server runs a request the I/O thread handed over.
  http::Response get(const std::string& path, Query query) {
    auto request = request_for(path, std::move(query));
    return route(path).handler(request);
  }
  // On the I/O thread: the answer, or nullopt when the request goes to a worker.
  std::optional<http::Response> get_inline(const std::string& path, Query query) {
    auto request = request_for(path, std::move(query));
    return route(path).fast(request);
  }
  static boost::json::object body(const http::Response& r) {
    return boost::json::parse(r.body).as_object();
  }
  static std::vector<std::string> ids(const http::Response& r, const char* list) {
    std::vector<std::string> out;
    const auto doc = body(r);
    for (const auto& card : doc.at(list).as_array()) out.emplace_back(card.at("id").as_string());
    return out;
  }
  static std::vector<std::string> error_fields(const http::Response& r) {
    std::vector<std::string> fields;
    const auto doc = body(r);
    for (const auto& e : doc.at("errors").as_array())
      fields.emplace_back(e.at("field").as_string());
    std::sort(fields.begin(), fields.end());
    return fields;
  }

  http::Router router;
  testing::GeneratedCity city;
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

// The card as a Boost.JSON document of the public interface's MerchantCard: what the routes
// rendered before they wrote the text directly.
boost::json::object card_document(const MerchantCard& c) {
  const auto optional = [](const auto& v) {
    return v ? boost::json::value_from(*v) : boost::json::value(nullptr);
  };
  boost::json::value rating = nullptr;
  if (c.rating)
    rating = boost::json::object{{"average", c.rating->average}, {"count", c.rating->count}};
  return {{"id", c.id},
          {"name", c.name},
          {"slug", c.slug},
          {"cuisines", boost::json::value_from(c.cuisines)},
          {"price_level", c.price_level},
          {"photo_url", optional(c.photo_url)},
          {"rating", std::move(rating)},
          {"distance_m", optional(c.distance_m)},
          {"delivery_minutes", optional(c.delivery_minutes)},
          {"open_now", c.open_now},
          {"paused_until",
           c.paused_until_us ? boost::json::value(modules::iso_utc(*c.paused_until_us)) : nullptr},
          {"minimum_order_minor", c.minimum_order.amount_minor},
          {"currency", c.minimum_order.currency},
          {"kitchen_id", optional(c.kitchen_id)}};
}

TEST_P(DiscoveryRoutesTest, WritesTheSameTextAsADocumentOfTheCards) {
  const std::int64_t now_us = store::unix_now_us();
  const ListingQuery query{.at = {48.8566, 2.3522}, .limit = 3};
  const auto page = service->list_merchants(query, now_us);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->data.size(), 3u);
  boost::json::array data;
  for (const auto& card : page->data) data.push_back(card_document(card));
  const boost::json::object listing{
      {"data", std::move(data)}, {"has_more", true}, {"next_cursor", page->next_cursor}};
  auto found = service->find_merchants(query, now_us);
  ASSERT_TRUE(found);
  EXPECT_EQ(listing_text(*found), json::serialize(listing));

  const SearchQuery search{"pizza", std::nullopt, search_results_default};
  const auto results = service->search(search, now_us);
  ASSERT_TRUE(results);
  ASSERT_FALSE(results->merchants.empty());
  ASSERT_FALSE(results->items.empty());
  boost::json::array merchants;
  for (const auto& card : results->merchants) {
    auto document = card_document(card);
    document["score"] = card.score;
    merchants.push_back(std::move(document));
  }
  boost::json::array items;
  for (const auto& i : results->items) {
    items.push_back({{"item_id", i.item_id},
                     {"merchant_id", i.merchant_id},
                     {"merchant_name", i.merchant_name},
                     {"name", i.name},
                     {"description", i.description ? boost::json::value(*i.description) : nullptr},
                     {"price_minor", i.price.amount_minor},
                     {"currency", i.price.currency},
                     {"dietary", boost::json::value_from(i.dietary)},
                     {"photo_url", i.photo_url ? boost::json::value(*i.photo_url) : nullptr},
                     {"score", i.score}});
  }
  auto searched = service->find(search, now_us);
  ASSERT_TRUE(searched);
  EXPECT_EQ(search_text(*searched),
            json::serialize(boost::json::object{{"merchants", std::move(merchants)},
                                                {"items", std::move(items)}}));
}

TEST_P(DiscoveryRoutesTest, AnswersOnTheIoThreadOnlyFromALoadedIndexAndForSmallQueries) {
  const Query near{{"lat", "48.8566"}, {"lng", "2.3522"}};
  // Events changed the read model: the index must be loaded, which blocks: a worker's job.
  EXPECT_FALSE(get_inline("/v1/merchants", near));
  EXPECT_FALSE(get_inline("/v1/search", {{"q", "pizza"}}));
  const auto loaded = get("/v1/merchants", near);
  ASSERT_EQ(loaded.status, 200) << loaded.body;
  // Loaded: answered inline, with the worker's answer.
  auto listing = get_inline("/v1/merchants", near);
  ASSERT_TRUE(listing);
  EXPECT_EQ(listing->status, 200);
  EXPECT_EQ(ids(*listing, "data"), ids(loaded, "data"));
  EXPECT_EQ(listing->header("Cache-Control"), "public, max-age=0, s-maxage=30");
  auto searched = get_inline("/v1/search", {{"q", "pizza"}});
  ASSERT_TRUE(searched);
  EXPECT_EQ(ids(*searched, "merchants"), ids(get("/v1/search", {{"q", "pizza"}}), "merchants"));
  // A bad query is refused inline too.
  auto bad = get_inline("/v1/merchants", {{"lat", "95"}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  // A change drops the index: the next listing goes to a worker again.
  ASSERT_TRUE(service->on_merchant_updated(city.merchant_events.front()));  // a redelivery
  EXPECT_TRUE(get_inline("/v1/merchants", near));                           // changes nothing ...
  service->invalidate();  // ... another node's change does
  EXPECT_FALSE(get_inline("/v1/merchants", near));
  // More candidates than the inline bound: a worker's job even with the index loaded.
  Service small(db(), {.inline_candidates_max = 2}, metrics, drivers);
  ASSERT_TRUE(small.find_merchants({.at = {48.8566, 2.3522}}, store::unix_now_us()));
  EXPECT_FALSE(small.find_merchants_inline({.at = {48.8566, 2.3522}}, store::unix_now_us()));
  EXPECT_TRUE(small.find_merchants_inline({.at = {48.8566, 2.3522}, .cuisines = {"pizza"}},
                                          store::unix_now_us()));
}

INSTANTIATE_TEST_SUITE_P(Engines, DiscoveryRoutesTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::discovery
