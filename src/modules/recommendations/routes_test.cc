// The recommendation routes over a real server on both engines: only what can be ordered now is
// answered (merchant open and active, delivering to the point, item on the menu and orderable),
// with the catalog's current names and prices, within the limit; bad queries are 422s naming the
// parameter.
#include <chrono>

#include "test_fixture.h"

namespace reskflow::recommendations::testing {
namespace {

using namespace std::chrono_literals;
using reskflow::testing::HttpResult;

class RecommendationsRoutesTest : public RecommendationsFixture {
 protected:
  void SetUp() override {
    RecommendationsFixture::SetUp();
    if (HasFatalFailure()) return;
    serve({module.get()});
  }

  static std::vector<std::string> ids(const HttpResult& r, std::string_view list,
                                      std::string_view key = "item_id") {
    std::vector<std::string> out;
    const auto body = body_of(r);
    for (const auto& v : body.at(list).as_array()) out.emplace_back(v.at(key).as_string());
    return out;
  }

  const std::string as_ada = "customer:" + ada;
};

TEST_P(RecommendationsRoutesTest, OrderAgainAnswersOnlyWhatCanBeOrderedNow) {
  deliver("order-1", ada, luigi, {pizza, soda, salad});
  clock.advance(1h);
  deliver("order-2", ada, luigi, {pizza});
  deliver("order-3", ada, wok, {noodles});
  deliver("order-4", bob, luigi, {tiramisu});
  catalog.set_sold_out(soda, true);
  catalog.remove_item(salad);
  catalog.set_active(wok, false);
  catalog.set_price(pizza, 1350);

  auto r = call("GET", "/v1/me/recommendations/order-again", as_ada);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ids(r, "items"), (std::vector<std::string>{pizza}));
  const auto item = body_of(r).at("items").at(0).as_object();
  EXPECT_EQ(item.at("name").as_string(), "Margherita");
  EXPECT_EQ(item.at("price_minor").as_int64(), 1350);
  EXPECT_EQ(item.at("currency").as_string(), "EUR");
  EXPECT_EQ(item.at("merchant_name").as_string(), "Luigi");
  EXPECT_EQ(item.at("orders").as_int64(), 2);
  EXPECT_EQ(item.at("last_ordered_at").as_string(), "2026-11-28T10:10:00Z");
  EXPECT_EQ(ids(r, "merchants", "merchant_id"), (std::vector<std::string>{luigi}));

  EXPECT_EQ(call("GET", "/v1/me/recommendations/order-again").status, 401);
  EXPECT_EQ(call("GET", "/v1/me/recommendations/order-again", "driver:d1").status, 403);
  auto bobs = call("GET", "/v1/me/recommendations/order-again", "customer:" + bob);
  EXPECT_EQ(ids(bobs, "items"), (std::vector<std::string>{tiramisu}));
}

TEST_P(RecommendationsRoutesTest, PopularNearYouKeepsToMerchantsDeliveringThere) {
  deliver("order-1", ada, luigi, {pizza, soda});
  deliver("order-2", bob, luigi, {pizza});
  deliver("order-3", bob, bouchon, {quenelle});
  auto r = call("GET", "/v1/recommendations/popular?lat=48.8566&lng=2.3522&limit=1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ids(r, "items"), (std::vector<std::string>{pizza}));
  r = call("GET", "/v1/recommendations/popular?lat=45.764&lng=4.8357");
  EXPECT_EQ(ids(r, "items"), (std::vector<std::string>{quenelle}));
  // 4.5 km north of Luigi: a neighbouring cell, but outside its 3 km delivery zone.
  r = call("GET", "/v1/recommendations/popular?lat=48.8970&lng=2.3522");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(ids(r, "items").empty());
}

TEST_P(RecommendationsRoutesTest, OftenOrderedWithAnItemOfTheMenu) {
  catalog.add_group({"size", "Size", 1, 1, {{"small", "Small", 0}, {"large", "Large", 300}}});
  catalog.add_item(luigi, {"calzone", "Calzone", 1300, {"size"}});
  deliver("order-1", ada, luigi, {pizza, soda, "calzone"});
  deliver("order-2", bob, luigi, {pizza, soda});
  auto r = call("GET", "/v1/merchants/" + luigi + "/menu/items/" + pizza + "/often-ordered-with");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ids(r, "items"), (std::vector<std::string>{soda, "calzone"}));
  // The calzone needs a size: orderable, its price depends on the choice, its name is the one
  // it was ordered under.
  EXPECT_TRUE(body_of(r).at("items").at(1).at("price_minor").is_null());
  EXPECT_EQ(body_of(r).at("items").at(1).at("name").as_string(), "name of calzone");
  r = call("GET",
           "/v1/merchants/" + luigi + "/menu/items/" + pizza + "/often-ordered-with?limit=1");
  EXPECT_EQ(ids(r, "items"), (std::vector<std::string>{soda}));
  EXPECT_EQ(call("GET", "/v1/merchants/" + luigi + "/menu/items/" + noodles + "/often-ordered-with")
                .status,
            404);
  EXPECT_EQ(call("GET", "/v1/merchants/nobody/menu/items/" + pizza + "/often-ordered-with").status,
            404);
}

TEST_P(RecommendationsRoutesTest, BadQueriesNameTheParameter) {
  auto r = call("GET", "/v1/recommendations/popular?lng=2.35");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"lat"}));
  EXPECT_EQ(body_of(r).at("detail").as_string(), "lat is required");
  r = call("GET", "/v1/recommendations/popular?lat=91&lng=2.35");
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"lat"}));
  r = call("GET", "/v1/recommendations/popular?lat=48.85&lng=east");
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"lng"}));
  for (const auto* limit : {"0", "51", "2.5", "ten"}) {
    r = call("GET", std::string("/v1/me/recommendations/order-again?limit=") + limit, as_ada);
    EXPECT_EQ(r.status, 422) << limit;
    EXPECT_EQ(error_fields(r), (std::set<std::string>{"limit"})) << limit;
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, RecommendationsRoutesTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::recommendations::testing
