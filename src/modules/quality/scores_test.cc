// Quality scores with known answers from a sequence of orders, deliveries, offers and reviews
// events delivered by the relay on both engines; duplicates count once, the window moves with
// the clock, malformed events are dropped.
#include "reskflow/store/uuid.h"
#include "test_fixture.h"

namespace reskflow::quality::testing {
namespace {

using deliveries::events::DeliveryChanged;
using deliveries::events::OfferResolved;

class QualityScoresTest : public QualityFixture {
 protected:
  std::string delivered(const std::string& delivery_id, const std::string& driver,
                        const std::string& merchant, bool on_time) {
    DeliveryChanged e;
    e.delivery_id = delivery_id;
    e.order_id = "order-of-" + delivery_id;
    e.customer_id = ada;
    e.merchant_id = merchant;
    e.driver_id = driver;
    e.status = "delivered";
    e.at_us = clock.now_us() - hour_us;
    e.on_time = on_time;
    e.predicted_at_us = e.at_us;
    return modules::payload::to_payload(e);
  }

  void offer(const std::string& offer_id, const std::string& driver, std::string_view outcome) {
    const OfferResolved e{offer_id, "delivery-x", driver, std::string(outcome),
                          clock.now_us() - hour_us};
    publish("deliveries.offer." + std::string(outcome), offer_id, modules::payload::to_payload(e));
  }

  void rating(std::int64_t version, double average, std::int64_t count) {
    const reviews::events::RatingUpdated e{luigi, version, average, count};
    publish(reviews::events::rating_updated, luigi, modules::payload::to_payload(e));
  }

  // The day's events: Luigi delivers four orders today and one 31 days ago; one order has a
  // missing-items and a wrong-items report, one a late one. Dora delivers three of Luigi's orders
  // (two on time) and resolves five offers (three accepted); Eli delivers one of Wok's, on time.
  void play_the_day() {
    deliver("order-old", ada, clock.now_us() - 31 * day_us);
    for (const auto* order : {"order-1", "order-2", "order-3", "order-4"})
      deliver(order, ada, clock.now_us() - 2 * hour_us);
    must(service().open_report(ada, "order-1", missing()));
    must(service().open_report(ada, "order-1", {"wrong_items", {{pizza, 1}}, ""}));
    must(service().open_report(ada, "order-2", {"late", {}, ""}));
    for (const auto& [id, on_time] :
         {std::pair{"d1", true}, std::pair{"d2", true}, std::pair{"d3", false}})
      publish(deliveries::events::delivery_delivered, id, delivered(id, dora, luigi, on_time));
    publish(deliveries::events::delivery_delivered, "d4", delivered("d4", eli, wok, true));
    offer("offer-1", dora, "accepted");
    offer("offer-2", dora, "declined");
    offer("offer-3", dora, "accepted");
    offer("offer-4", dora, "expired");
    offer("offer-5", dora, "accepted");
    offer("offer-6", eli, "accepted");
    rating(2, 4.5, 2);
    rating(1, 3.0, 1);  // an older version arriving late changes nothing
  }
};

TEST_P(QualityScoresTest, ScoresFromADayOfEvents) {
  play_the_day();
  const auto merchant = must(service().merchant_score(luigi));
  EXPECT_EQ(merchant.window_days, 30);
  EXPECT_EQ(merchant.delivered_orders, 4);
  EXPECT_EQ(merchant.accurate_orders, 3);
  EXPECT_EQ(merchant.accuracy, 0.75);
  EXPECT_EQ(merchant.deliveries, 3);
  EXPECT_EQ(merchant.on_time_deliveries, 2);
  EXPECT_EQ(merchant.on_time_rate, 0.667);
  EXPECT_EQ(merchant.rating, 4.5);
  EXPECT_EQ(merchant.rating_count, 2);

  const auto driver = must(service().driver_score(dora));
  EXPECT_EQ(driver.deliveries, 3);
  EXPECT_EQ(driver.on_time_rate, 0.667);
  EXPECT_EQ(driver.offers, 5);
  EXPECT_EQ(driver.accepted_offers, 3);
  EXPECT_EQ(driver.acceptance_rate, 0.6);

  const auto wok_score = must(service().merchant_score(wok));
  EXPECT_EQ(wok_score.delivered_orders, 0);
  EXPECT_FALSE(wok_score.accuracy);  // nothing to divide by
  EXPECT_EQ(wok_score.on_time_rate, 1.0);
  EXPECT_FALSE(wok_score.rating);
}

TEST_P(QualityScoresTest, ScoresOfManyDriversInOneReadInTheOrderAsked) {
  play_the_day();
  const std::vector<std::string> asked{eli, "a-courier-with-no-events", dora};
  const auto scores = must(service().scores_of_drivers(asked));
  ASSERT_EQ(scores.size(), 3U);
  EXPECT_EQ(scores[0].driver_id, eli);
  EXPECT_EQ(scores[0].on_time_rate, 1.0);
  EXPECT_EQ(scores[0].acceptance_rate, 1.0);
  EXPECT_EQ(scores[1].driver_id, "a-courier-with-no-events");
  EXPECT_EQ(scores[1].offers, 0);
  EXPECT_FALSE(scores[1].acceptance_rate);
  EXPECT_FALSE(scores[1].on_time_rate);
  EXPECT_EQ(scores[2].driver_id, dora);
  EXPECT_EQ(scores[2].on_time_rate, 0.667);
  EXPECT_EQ(scores[2].acceptance_rate, 0.6);
  // More drivers than one statement takes: each is answered, in order.
  std::vector<std::string> many;
  for (int i = 0; i < 1'200; ++i) many.push_back("courier-" + std::to_string(i));
  many[700] = dora;
  const auto all = must(service().scores_of_drivers(many));
  ASSERT_EQ(all.size(), many.size());
  EXPECT_EQ(all[700].acceptance_rate, 0.6);
  EXPECT_EQ(all[1'199].driver_id, "courier-1199");
  EXPECT_FALSE(all[1'199].acceptance_rate);
}

TEST_P(QualityScoresTest, AScoreCoversTheWindowOnly) {
  play_the_day();
  clock.advance(std::chrono::hours(24 * 29));  // the day's events are on the window's first day
  EXPECT_EQ(must(service().merchant_score(luigi)).delivered_orders, 4);
  clock.advance(std::chrono::hours(24));
  const auto merchant = must(service().merchant_score(luigi));
  EXPECT_EQ(merchant.delivered_orders, 0);
  EXPECT_FALSE(merchant.accuracy);
  EXPECT_EQ(merchant.rating, 4.5);  // the rating is the reviews' own, not windowed
  EXPECT_FALSE(must(service().driver_score(dora)).acceptance_rate);
}

TEST_P(QualityScoresTest, ADuplicateEventCountsOnce) {
  const bus::Envelope event{store::new_uuid_v7(),
                            std::string(deliveries::events::delivery_delivered),
                            "d1",
                            delivered("d1", dora, luigi, true),
                            clock.now_us(),
                            0,
                            0};
  // The relay redelivers an event it could not mark as delivered...
  ASSERT_TRUE(events().deliver(consumer_deliveries, event));
  ASSERT_TRUE(events().deliver(consumer_deliveries, event));
  // ...and deliveries republishes the same delivery under a new event id.
  publish(deliveries::events::delivery_delivered, "d1", delivered("d1", dora, luigi, true));
  deliver("order-1", ada, clock.now_us());
  deliver("order-1", ada, clock.now_us());
  offer("offer-1", dora, "accepted");
  offer("offer-1", dora, "accepted");
  EXPECT_EQ(must(service().driver_score(dora)).deliveries, 1);
  EXPECT_EQ(must(service().driver_score(dora)).offers, 1);
  EXPECT_EQ(must(service().merchant_score(luigi)).delivered_orders, 1);
}

TEST_P(QualityScoresTest, CountsACouriersRatingOncePerDelivery) {
  const auto rated = [&](const std::string& delivery_id, std::int64_t stars) {
    const reviews::events::CourierRated e{
        delivery_id, "order-of-" + delivery_id, dora, stars, {"friendly"}, clock.now_us()};
    return modules::payload::to_payload(e);
  };
  EXPECT_FALSE(must(service().driver_score(dora)).rating);  // no rating yet
  const bus::Envelope event{store::new_uuid_v7(),
                            std::string(reviews::events::courier_rated),
                            dora,
                            rated("d1", 5),
                            clock.now_us(),
                            0,
                            0};
  ASSERT_TRUE(events().deliver(consumer_courier_ratings, event));
  ASSERT_TRUE(events().deliver(consumer_courier_ratings, event));  // redelivered
  publish(reviews::events::courier_rated, dora, rated("d1", 1));   // d1 again, another event id
  publish(reviews::events::courier_rated, dora, rated("d2", 4));
  publish(reviews::events::courier_rated, dora, rated("d3", 4));
  publish(reviews::events::courier_rated, dora, rated("d4", 9));  // malformed: dropped
  const auto driver = must(service().driver_score(dora));
  EXPECT_EQ(driver.rating_count, 3);
  EXPECT_EQ(driver.rating, 4.33);
  EXPECT_EQ(must(service().scores_of_drivers(std::vector<std::string>{dora}))[0].rating, 4.33);
  clock.advance(std::chrono::hours(24 * 30));  // out of the window
  EXPECT_FALSE(must(service().driver_score(dora)).rating);
}

TEST_P(QualityScoresTest, MalformedEventsAreDroppedAndTheNextOnesCount) {
  publish(orders::events::order_delivered, "order-1", R"({"order_id":"order-1"})");
  publish(deliveries::events::delivery_delivered, "d1", "[]");
  publish("deliveries.offer.accepted", "offer-1",
          R"({"offer_id":"offer-1","delivery_id":"x","driver_id":"d","outcome":"maybe",)"
          R"("at":"2026-11-28T09:10:00Z"})");
  deliver("order-2", ada, clock.now_us());
  EXPECT_EQ(must(service().merchant_score(luigi)).delivered_orders, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM quality_offers"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM quality_deliveries"), 0);
}

TEST_P(QualityScoresTest, AdminListsPageThroughSubjects) {
  play_the_day();
  const auto first = must(service().merchant_scores({std::nullopt, 1}));
  ASSERT_EQ(first.scores.size(), 1U);
  EXPECT_EQ(first.scores[0].merchant_id, luigi);
  EXPECT_EQ(first.scores[0].rating, 4.5);
  ASSERT_TRUE(first.next_cursor);
  const auto second = must(service().merchant_scores({first.next_cursor, 1}));
  ASSERT_EQ(second.scores.size(), 1U);
  EXPECT_EQ(second.scores[0].merchant_id, wok);
  EXPECT_FALSE(second.next_cursor);
  const auto drivers = must(service().driver_scores({}));
  ASSERT_EQ(drivers.scores.size(), 2U);
  EXPECT_EQ(drivers.scores[1].driver_id, eli);
  EXPECT_EQ(drivers.scores[1].acceptance_rate, 1.0);
}

INSTANTIATE_TEST_SUITE_P(Engines, QualityScoresTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::quality::testing
