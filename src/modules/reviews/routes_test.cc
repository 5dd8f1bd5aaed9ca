// The reviews routes over a real server on both engines, with a guard that stands in for
// identity's: status codes, problem documents, field errors, the list shapes and paging.
#include "test_fixture.h"

namespace reskflow::reviews::testing {
namespace {

using reskflow::testing::HttpResult;

class ReviewsRoutesTest : public ReviewsFixture {
 protected:
  void SetUp() override {
    ReviewsFixture::SetUp();
    if (HasFatalFailure()) return;
    serve({module.get()});
  }

  HttpResult post_review(const std::string& who, const boost::json::object& body,
                         const std::string& merchant = luigi) {
    return call_json("POST", "/v1/merchants/" + merchant + "/reviews", who, body);
  }

  const std::string as_ada = "customer:" + ada;
  const std::string as_bob = "customer:" + bob;
};

TEST_P(ReviewsRoutesTest, PostsAReviewAndListsItWithTheSummary) {
  deliver("order-1", ada, luigi, now - day_us);
  auto created =
      post_review(as_ada, {{"order_id", "order-1"},
                           {"rating", 4},
                           {"comment", "Great crust."},
                           {"author_name", "Ada Lovelace"},
                           {"item_ratings", {{{"item_id", margherita}, {"rating", 5}}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto review = body_of(created);
  EXPECT_EQ(review.at("author_name").as_string(), "Ada");
  EXPECT_EQ(review.at("created_at").as_string(), "2026-11-28T09:10:00Z");
  EXPECT_EQ(review.at("order_id").as_string(), "order-1");

  auto list = call("GET", "/v1/merchants/" + luigi + "/reviews");  // anyone
  ASSERT_EQ(list.status, 200) << list.body;
  auto body = body_of(list);
  const auto& summary = body.at("summary").as_object();
  EXPECT_EQ(summary.at("count").as_int64(), 1);
  EXPECT_DOUBLE_EQ(summary.at("average").to_number<double>(), 4.0);
  EXPECT_EQ(summary.at("distribution").at("4").as_int64(), 1);
  EXPECT_EQ(summary.at("distribution").at("1").as_int64(), 0);
  const auto& first = body.at("data").at(0).as_object();
  EXPECT_EQ(first.at("comment").as_string(), "Great crust.");
  EXPECT_EQ(first.at("item_ratings").at(0).at("item_id").as_string(), margherita);
  EXPECT_FALSE(first.contains("order_id"));  // not shown to everyone
  EXPECT_FALSE(body.at("has_more").as_bool());
  EXPECT_TRUE(body.at("next_cursor").is_null());
}

TEST_P(ReviewsRoutesTest, AnswersNotFoundConflictAndThePlainWindowMessage) {
  deliver("order-1", ada, luigi, now);
  deliver("order-old", ada, luigi, now - 31 * day_us);
  EXPECT_EQ(post_review(as_bob, {{"order_id", "order-1"}, {"rating", 5}}).status, 404);
  EXPECT_EQ(post_review(as_ada, {{"order_id", "order-1"}, {"rating", 5}}, wok).status, 404);
  EXPECT_EQ(post_review(as_ada, {{"order_id", "order-1"}, {"rating", 5}}).status, 201);
  auto again = post_review(as_ada, {{"order_id", "order-1"}, {"rating", 5}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.header("Content-Type").value_or(""), "application/problem+json");
  auto late = post_review(as_ada, {{"order_id", "order-old"}, {"rating", 5}});
  EXPECT_EQ(late.status, 422);
  EXPECT_TRUE(error_fields(late).empty());
  EXPECT_NE(std::string(body_of(late).at("detail").as_string()).find("30 days"), std::string::npos);
  EXPECT_EQ(post_review("merchant:m-1", {{"order_id", "order-1"}, {"rating", 5}}).status, 403);
  EXPECT_EQ(call("GET", "/v1/merchants/0190ffff-0000-7000-8000-000000000000/reviews").status, 404);
}

TEST_P(ReviewsRoutesTest, NamesEachInvalidFieldOfTheBody) {
  deliver("order-1", ada, luigi, now);
  boost::json::array many;
  for (int i = 0; i < 51; ++i) many.push_back({{"item_id", margherita}, {"rating", 5}});
  auto bad = post_review(
      as_ada,
      {{"rating", 6}, {"comment", std::string(2001, 'x')}, {"item_ratings", many}, {"stars", 5}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(error_fields(bad),
            (std::set<std::string>{"order_id", "rating", "comment", "item_ratings", "stars"}));
  auto items = post_review(as_ada, {{"order_id", "order-1"},
                                    {"rating", 3},
                                    {"item_ratings",
                                     {{{"item_id", margherita}, {"rating", 0}},
                                      {{"item_id", "elsewhere"}, {"rating", 2}},
                                      "nope"}}});
  ASSERT_EQ(items.status, 422) << items.body;
  EXPECT_EQ(error_fields(items),
            (std::set<std::string>{"item_ratings[0].rating", "item_ratings[2]"}));
  auto unknown_item =
      post_review(as_ada, {{"order_id", "order-1"},
                           {"rating", 3},
                           {"item_ratings", {{{"item_id", "elsewhere"}, {"rating", 2}}}}});
  EXPECT_EQ(error_fields(unknown_item), (std::set<std::string>{"item_ratings[0].item_id"}));
}

TEST_P(ReviewsRoutesTest, ListsReviewableOrdersAndLetsOnlyTheAuthorOrAnAdminDelete) {
  deliver("order-1", ada, luigi, now - day_us);
  deliver("order-2", ada, luigi, now);
  auto open = call("GET", "/v1/me/reviewable-orders", as_ada);
  ASSERT_EQ(open.status, 200) << open.body;
  const auto orders = body_of(open).at("data").as_array();
  ASSERT_EQ(orders.size(), 2U);
  EXPECT_EQ(orders[0].at("order_id").as_string(), "order-2");
  EXPECT_EQ(orders[0].at("merchant_name").as_string(), "Luigi's Pizzeria");
  EXPECT_EQ(orders[1].at("review_before").as_string(), "2026-12-27T09:10:00Z");
  EXPECT_EQ(call("GET", "/v1/me/reviewable-orders", as_admin).status, 403);

  const auto first = body_of(post_review(as_ada, {{"order_id", "order-1"}, {"rating", 5}}));
  const auto second = body_of(post_review(as_ada, {{"order_id", "order-2"}, {"rating", 1}}));
  const auto path = [](const boost::json::object& r) {
    return "/v1/reviews/" + std::string(r.at("id").as_string());
  };
  EXPECT_EQ(call("DELETE", path(first), as_bob).status, 404);
  EXPECT_EQ(call("DELETE", path(first), as_ada).status, 204);
  EXPECT_EQ(call("DELETE", path(second), as_admin).status, 204);
  EXPECT_EQ(call("DELETE", path(second), as_admin).status, 404);
  auto list = body_of(call("GET", "/v1/merchants/" + luigi + "/reviews"));
  EXPECT_EQ(list.at("summary").at("count").as_int64(), 0);
  EXPECT_TRUE(list.at("data").as_array().empty());
}

TEST_P(ReviewsRoutesTest, PagesWithCursorAndLimit) {
  for (int i = 0; i < 3; ++i) {
    const auto order = "order-" + std::to_string(i);
    deliver(order, ada, luigi, now);
    ASSERT_EQ(post_review(as_ada, {{"order_id", order}, {"rating", 5}}).status, 201);
  }
  auto first = body_of(call("GET", "/v1/merchants/" + luigi + "/reviews?limit=2"));
  ASSERT_EQ(first.at("data").as_array().size(), 2U);
  ASSERT_TRUE(first.at("has_more").as_bool());
  const std::string cursor(first.at("next_cursor").as_string());
  auto rest = body_of(call("GET", "/v1/merchants/" + luigi + "/reviews?limit=2&cursor=" + cursor));
  EXPECT_EQ(rest.at("data").as_array().size(), 1U);
  EXPECT_FALSE(rest.at("has_more").as_bool());
  for (const auto* query : {"?limit=0", "?limit=101", "?limit=ten"}) {
    auto bad = call("GET", "/v1/merchants/" + luigi + "/reviews" + query);
    EXPECT_EQ(bad.status, 422) << query;
    EXPECT_EQ(error_fields(bad), (std::set<std::string>{"limit"})) << query;
  }
  EXPECT_EQ(error_fields(call("GET", "/v1/merchants/" + luigi + "/reviews?cursor=x")),
            (std::set<std::string>{"cursor"}));
}

TEST_P(ReviewsRoutesTest, RatesThePlatformCourierOnceWithTheOrdersReview) {
  deliver("order-1", ada, luigi, now - day_us);
  courier_delivered("order-1", "delivery-1", rider, now - day_us);
  deliver("order-self", ada, luigi, now);  // the restaurant brought this one itself
  deliver("order-old", ada, luigi, now - 31 * day_us);
  courier_delivered("order-old", "delivery-old", rider, now - 31 * day_us);
  const auto open = body_of(call("GET", "/v1/me/reviewable-orders", as_ada)).at("data").as_array();
  ASSERT_EQ(open.size(), 2U);
  EXPECT_FALSE(open[0].at("courier_to_rate").as_bool());  // order-self, the newest
  EXPECT_TRUE(open[1].at("courier_to_rate").as_bool());

  const boost::json::object courier{{"rating", 4}, {"tags", {"friendly", "late"}}};
  const auto with_courier = [&](const std::string& order, const boost::json::object& c) {
    return boost::json::object{{"order_id", order}, {"rating", 5}, {"courier", c}};
  };
  EXPECT_EQ(post_review(as_bob, with_courier("order-1", courier)).status, 404);  // not Bob's
  auto late = post_review(as_ada, with_courier("order-old", courier));
  EXPECT_EQ(late.status, 422);
  EXPECT_NE(std::string(body_of(late).at("detail").as_string()).find("30 days"), std::string::npos);
  auto tags = post_review(
      as_ada,
      with_courier("order-1", {{"rating", 4}, {"tags", {"fast", "late", "late"}}, {"stars", 1}}));
  ASSERT_EQ(tags.status, 422) << tags.body;
  EXPECT_EQ(error_fields(tags), (std::set<std::string>{"courier.stars"}));
  tags = post_review(as_ada,
                     with_courier("order-1", {{"rating", 4}, {"tags", {"fast", "late", "late"}}}));
  EXPECT_EQ(error_fields(tags), (std::set<std::string>{"courier.tags[0]", "courier.tags[2]"}));

  auto self = post_review(as_ada, with_courier("order-self", courier));
  ASSERT_EQ(self.status, 422) << self.body;
  EXPECT_EQ(body_of(self).at("detail").as_string(),
            "the restaurant delivered this order itself: there is no courier to rate");
  EXPECT_EQ(post_review(as_ada, {{"order_id", "order-self"}, {"rating", 5}}).status, 201);

  auto created = post_review(as_ada, with_courier("order-1", courier));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(body_of(created).at("courier").at("rating").as_int64(), 4);
  EXPECT_EQ(body_of(created).at("courier").at("tags").at(1).as_string(), "late");
  EXPECT_EQ(post_review(as_ada, with_courier("order-1", courier)).status, 409);  // once
  const auto rated = courier_events();
  ASSERT_EQ(rated.size(), 1U);
  EXPECT_EQ(rated[0].delivery_id, "delivery-1");
  EXPECT_EQ(rated[0].driver_id, rider);
  EXPECT_EQ(rated[0].rating, 4);
  EXPECT_EQ(rated[0].tags, (std::vector<std::string>{"friendly", "late"}));
  // The merchant's public reviews do not show the courier's rating.
  const auto list = body_of(call("GET", "/v1/merchants/" + luigi + "/reviews"));
  EXPECT_FALSE(list.at("data").at(0).as_object().contains("courier"));
}

INSTANTIATE_TEST_SUITE_P(Engines, ReviewsRoutesTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::reviews::testing
