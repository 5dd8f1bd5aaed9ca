// The review rules on both engines with an injected clock, fed through the real outbox and
// relay: eligibility from orders.order.delivered (deduplicated), one review per order, the
// 30-day window, item ratings on the menu, aggregates and their events, deletion rights,
// anonymisation on erasure, paging.
#include "reskflow/identity/events.h"
#include "test_fixture.h"

namespace reskflow::reviews::testing {
namespace {

class ReviewsServiceTest : public ReviewsFixture {};

TEST_P(ReviewsServiceTest, ADeliveredOrderBecomesReviewableOnceAndThenHasItsReview) {
  const auto event_id = deliver("order-1", ada, luigi, now - day_us);
  // The relay delivering the same event again (at least once) changes nothing.
  bus::Envelope again{event_id, std::string(event_order_delivered), "order-1", last_payload, now, 0,
                      0};
  ASSERT_TRUE(events().deliver(consumer_deliveries, again));
  deliver("order-1", ada, luigi, now - day_us);  // a second event about the same order
  auto open = service().reviewable_orders(ada, {});
  ASSERT_TRUE(open) << open.error().detail;
  ASSERT_EQ(open->orders.size(), 1U);
  EXPECT_EQ(open->orders[0].merchant_name, "Luigi's Pizzeria");
  EXPECT_EQ(open->orders[0].review_before_us, now - day_us + 30 * day_us);
  EXPECT_EQ(registry().render().find("reviews_deliveries_recorded_total 1") != std::string::npos,
            true);

  auto in = review("order-1", 5);
  in.comment = "Crisp base, great sauce.";
  in.author_name = "  Ada Lovelace ";
  in.item_ratings = {{margherita, 5}};
  auto created = service().create(ada, luigi, in);
  ASSERT_TRUE(created) << created.error().detail;
  EXPECT_EQ(created->author_name, "Ada");
  EXPECT_EQ(created->created_at_us, now);
  EXPECT_TRUE(service().reviewable_orders(ada, {})->orders.empty());
  auto twice = service().create(ada, luigi, review("order-1", 1));
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
}

TEST_P(ReviewsServiceTest, RefusesOrdersThatAreNotTheCallersDeliveredOrderFromThatMerchant) {
  deliver("order-1", ada, luigi, now - day_us);
  for (const auto& [who, merchant, order] :
       {std::tuple{bob, luigi, "order-1"}, std::tuple{ada, wok, "order-1"},
        std::tuple{ada, luigi, "order-unknown"}}) {
    auto r = service().create(who, merchant, review(order, 4));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::not_found) << who << " " << merchant << " " << order;
  }
}

TEST_P(ReviewsServiceTest, AllowsReviewsForThirtyDaysAfterDeliveryOnly) {
  deliver("order-1", ada, luigi, now - 30 * day_us);
  deliver("order-2", ada, luigi, now - 30 * day_us - 1);
  EXPECT_TRUE(service().create(ada, luigi, review("order-1", 4)));
  auto late = service().create(ada, luigi, review("order-2", 4));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::validation_failed);
  EXPECT_TRUE(late.error().fields.empty());
  EXPECT_NE(late.error().detail.find("30 days"), std::string::npos) << late.error().detail;
  EXPECT_TRUE(service().reviewable_orders(ada, {})->orders.empty());  // out of the window
}

TEST_P(ReviewsServiceTest, RatesOnlyItemsOfTheMerchantsMenuAndEachOnce) {
  deliver("order-1", ada, luigi, now);
  auto in = review("order-1", 4);
  in.item_ratings = {{margherita, 5}, {"0190ffff-0000-7000-8000-000000000000", 3}, {margherita, 2}};
  auto r = service().create(ada, luigi, in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::validation_failed);
  ASSERT_EQ(r.error().fields.size(), 2U);
  EXPECT_EQ(r.error().fields[0].field, "item_ratings[1].item_id");
  EXPECT_EQ(r.error().fields[1].field, "item_ratings[2].item_id");
  in.item_ratings = {{margherita, 5}, {diavola, 3}};
  auto ok = service().create(ada, luigi, in);
  ASSERT_TRUE(ok) << ok.error().detail;
  auto page = service().merchant_reviews(luigi, {});
  ASSERT_EQ(page->reviews.size(), 1U);
  ASSERT_EQ(page->reviews[0].item_ratings.size(), 2U);
  EXPECT_EQ(page->reviews[0].item_ratings[0].rating + page->reviews[0].item_ratings[1].rating, 8);
}

TEST_P(ReviewsServiceTest, KeepsTheAggregateAndPublishesEachChangeWithAGrowingVersion) {
  const std::vector<std::int64_t> ratings{5, 4, 4};
  for (std::size_t i = 0; i < ratings.size(); ++i) {
    const auto order = "order-" + std::to_string(i);
    deliver(order, i == 0 ? bob : ada, luigi, now);
    ASSERT_TRUE(service().create(i == 0 ? bob : ada, luigi, review(order, ratings[i])));
  }
  auto page = service().merchant_reviews(luigi, {});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->summary.count, 3);
  EXPECT_DOUBLE_EQ(page->summary.average(), 4.33);
  EXPECT_EQ(page->summary.stars, (std::array<std::int64_t, 5>{0, 0, 0, 2, 1}));
  auto published = rating_events();
  ASSERT_EQ(published.size(), 3U);
  EXPECT_EQ(published[2].at("version").as_int64(), 3);
  EXPECT_EQ(published[2].at("count").as_int64(), 3);
  EXPECT_DOUBLE_EQ(published[2].at("average").as_double(), 4.33);

  ASSERT_TRUE(service().remove({bob, false}, page->reviews.back().id));  // bob's 5 stars
  published = rating_events();
  ASSERT_EQ(published.size(), 4U);
  EXPECT_EQ(published[3].at("version").as_int64(), 4);
  EXPECT_EQ(published[3].at("count").as_int64(), 2);
  EXPECT_DOUBLE_EQ(published[3].at("average").as_double(), 4.0);
  EXPECT_EQ(service().merchant_reviews(luigi, {})->summary.stars[4], 0);
}

TEST_P(ReviewsServiceTest, OnlyTheAuthorOrAnAdminDeletesAndTheOrderStaysReviewed) {
  deliver("order-1", ada, luigi, now);
  auto created = service().create(ada, luigi, review("order-1", 2));
  ASSERT_TRUE(created);
  auto stranger = service().remove({bob, false}, created->id);
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, ErrorCode::not_found);
  EXPECT_TRUE(service().remove({"admin-1", true}, created->id));
  EXPECT_EQ(service().remove({ada, false}, created->id).error().code, ErrorCode::not_found);
  EXPECT_EQ(service().merchant_reviews(luigi, {})->summary.count, 0);
  EXPECT_DOUBLE_EQ(rating_events().back().at("average").as_double(), 0);
  // One review per order, even after it was deleted.
  EXPECT_EQ(service().create(ada, luigi, review("order-1", 5)).error().code, ErrorCode::conflict);
}

TEST_P(ReviewsServiceTest, AnonymisesTheReviewsOfAnErasedUser) {
  deliver("order-1", ada, luigi, now);
  deliver("order-2", ada, luigi, now);
  auto in = review("order-1", 5);
  in.author_name = "Ada";
  auto created = service().create(ada, luigi, in);
  ASSERT_TRUE(created);
  publish_and_relay(std::string(identity::events::user_erased), ada, {{"user_id", ada}});
  auto page = service().merchant_reviews(luigi, {});
  ASSERT_EQ(page->reviews.size(), 1U);
  EXPECT_EQ(page->reviews[0].author_name, "Former customer");
  EXPECT_FALSE(page->reviews[0].customer_id);
  EXPECT_EQ(page->summary.count, 1);  // the rating stays
  EXPECT_FALSE(service().remove({ada, false}, created->id));
  EXPECT_TRUE(service().reviewable_orders(ada, {})->orders.empty());
}

TEST_P(ReviewsServiceTest, PagesNewestFirstWithOpaqueCursors) {
  for (int i = 0; i < 5; ++i) {
    const auto order = "order-" + std::to_string(i);
    deliver(order, ada, luigi, now - i);
    ASSERT_TRUE(service().create(ada, luigi, review(order, 1 + i)));
  }
  auto first = service().merchant_reviews(luigi, {std::nullopt, 2});
  ASSERT_TRUE(first);
  ASSERT_EQ(first->reviews.size(), 2U);
  EXPECT_EQ(first->reviews[0].rating, 5);  // the newest
  ASSERT_TRUE(first->next_cursor);
  auto second = service().merchant_reviews(luigi, {first->next_cursor, 2});
  auto third = service().merchant_reviews(luigi, {second->next_cursor, 2});
  EXPECT_EQ(second->reviews[0].rating, 3);
  ASSERT_EQ(third->reviews.size(), 1U);
  EXPECT_FALSE(third->next_cursor);
  auto bad = service().merchant_reviews(luigi, {"not-a-cursor", 2});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).field, "cursor");
  EXPECT_EQ(service().merchant_reviews("nope", {}).error().code, ErrorCode::not_found);
  EXPECT_EQ(service().merchant_reviews(suspended, {}).error().code, ErrorCode::not_found);

  for (int i = 5; i < 8; ++i) deliver("order-" + std::to_string(i), ada, wok, now - i);
  auto open = service().reviewable_orders(ada, {std::nullopt, 2});
  ASSERT_EQ(open->orders.size(), 2U);
  EXPECT_EQ(open->orders[0].delivery.order_id, "order-5");
  auto rest = service().reviewable_orders(ada, {open->next_cursor, 2});
  ASSERT_EQ(rest->orders.size(), 1U);
  EXPECT_EQ(rest->orders[0].delivery.order_id, "order-7");
  EXPECT_FALSE(rest->next_cursor);
  EXPECT_FALSE(service().reviewable_orders(ada, {"garbage", 2}));
}

TEST_P(ReviewsServiceTest, DropsAndCountsMalformedDeliveredEvents) {
  publish_and_relay(std::string(event_order_delivered), "order-1",
                    {{"order_id", "order-1"}, {"customer_id", ada}, {"delivered_at", "yesterday"}});
  EXPECT_TRUE(service().reviewable_orders(ada, {})->orders.empty());
  EXPECT_NE(registry().render().find("reviews_events_rejected_total 1"), std::string::npos);
  deliver("order-2", ada, luigi, now);  // the consumer is not stuck behind the bad event
  EXPECT_EQ(service().reviewable_orders(ada, {})->orders.size(), 1U);
}

TEST_P(ReviewsServiceTest, ImportsAReviewOnceWithItsAggregateAndEventButNoWindow) {
  ImportedReview in{"import-1",        ada, luigi, "Ada Lovelace", 2, "Late.", now - 400 * day_us,
                    now - 399 * day_us};
  auto first = module->reviews().import_review(in);
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_TRUE(*first);
  in.rating = 5;  // a second run finds the order reviewed and changes nothing
  EXPECT_FALSE(*module->reviews().import_review(in));
  auto page = service().merchant_reviews(luigi, {});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->reviews.size(), 1U);
  EXPECT_EQ(page->reviews[0].author_name, "Ada");
  EXPECT_EQ(page->reviews[0].rating, 2);
  EXPECT_EQ(page->reviews[0].created_at_us, now - 399 * day_us);
  EXPECT_EQ(page->summary.count, 1);
  ASSERT_EQ(rating_events().size(), 1U);
  EXPECT_DOUBLE_EQ(rating_events()[0].at("average").as_double(), 2.0);
  EXPECT_TRUE(service().reviewable_orders(ada, {})->orders.empty());
  // The order is reviewed: the customer cannot review it again through the API.
  EXPECT_EQ(service().create(ada, luigi, review("import-1", 5)).error().code, ErrorCode::conflict);
}

TEST_P(ReviewsServiceTest, RefusesImportedReviewsThatBreakTheRules) {
  const ImportedReview good{"import-1", ada, luigi, "", 4, "", now - day_us, now};
  auto bad = good;
  bad.rating = 6;
  bad.comment = std::string(comment_chars_max + 1, 'x');
  bad.reviewed_at_us = now + 1;
  auto refused = module->reviews().import_review(bad);
  ASSERT_FALSE(refused);
  ASSERT_EQ(refused.error().fields.size(), 3U);
  EXPECT_EQ(refused.error().fields[0].field, "rating");
  EXPECT_EQ(refused.error().fields[1].field, "comment");
  EXPECT_EQ(refused.error().fields[2].field, "reviewed_at");
  bad = good;
  bad.merchant_id = "0190ffff-0000-7000-8000-000000000000";
  EXPECT_EQ(module->reviews().import_review(bad).error().code, ErrorCode::not_found);
  ASSERT_TRUE(module->reviews().import_review(good));
  bad = good;
  bad.customer_id = bob;  // the same order id, someone else's
  EXPECT_EQ(module->reviews().import_review(bad).error().code, ErrorCode::conflict);
  EXPECT_EQ(service().merchant_reviews(luigi, {})->summary.count, 1);
}

TEST(FirstNameTest, KeepsTheFirstWordOrSaysCustomer) {
  EXPECT_EQ(first_name("Ada Lovelace"), "Ada");
  EXPECT_EQ(first_name("   "), "Customer");
  EXPECT_EQ(first_name(""), "Customer");
  EXPECT_EQ(first_name("Zoë"), "Zoë");
  EXPECT_EQ(first_name(std::string(60, 'x')).size(), 40U);
  EXPECT_EQ(first_name(std::string(39, 'x') + "éé").size(), 41U);  // never inside a character
}

INSTANTIATE_TEST_SUITE_P(Engines, ReviewsServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::reviews::testing
