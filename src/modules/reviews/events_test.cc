// reviews' event payload: what the service publishes reads back the same; a malformed one is
// refused.
#include "reskflow/reviews/events.h"

#include <gtest/gtest.h>

#include "reskflow/modules/payload.h"

namespace reskflow::reviews::events {
namespace {

using modules::payload::from_payload;
using modules::payload::to_payload;

TEST(ReviewsEventsTest, RatingPayloadReadsBack) {
  const RatingUpdated rating{"m1", 3, 4.67, 3};
  const auto text = to_payload(rating);
  // Doubles in their shortest decimal form (json::serialize), as every payload is written.
  EXPECT_EQ(text, R"({"merchant_id":"m1","version":3,"average":4.67,"count":3})");
  const auto read = from_payload<RatingUpdated>(rating_updated, text);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->merchant_id, "m1");
  EXPECT_EQ(read->version, 3);
  EXPECT_DOUBLE_EQ(read->average, 4.67);
  EXPECT_EQ(read->count, 3);
  // An integer average (JSON has one number type) reads as well.
  EXPECT_TRUE(from_payload<RatingUpdated>(
      rating_updated, R"({"merchant_id":"m1","version":1,"average":5,"count":1})"));
}

TEST(ReviewsEventsTest, RefusesMalformedPayloads) {
  for (const auto* bad : {R"({"merchant_id":"m1","version":1,"average":"4","count":1})",
                          R"({"merchant_id":"m1","version":1,"average":4})", "[]", "{"}) {
    const auto read = from_payload<RatingUpdated>(rating_updated, bad);
    ASSERT_FALSE(read) << bad;
    EXPECT_EQ(read.error().code, ErrorCode::validation_failed);
  }
}

TEST(ReviewsEventsTest, CourierRatingPayloadReadsBack) {
  const CourierRated rated{"d1", "o1", "rider", 4, {"friendly", "late"}, 1'764'321'000'000'000};
  const auto text = to_payload(rated);
  EXPECT_EQ(text, R"({"delivery_id":"d1","order_id":"o1","driver_id":"rider","rating":4,)"
                  R"("tags":["friendly","late"],"rated_at":"2025-11-28T09:10:00Z"})");
  const auto read = from_payload<CourierRated>(courier_rated, text);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->driver_id, "rider");
  EXPECT_EQ(read->rating, 4);
  EXPECT_EQ(read->tags, (std::vector<std::string>{"friendly", "late"}));
  EXPECT_EQ(read->rated_at_us, rated.rated_at_us);
  EXPECT_FALSE(from_payload<CourierRated>(
      courier_rated, R"({"delivery_id":"d1","order_id":"o1","driver_id":"rider","rating":4})"));
}

}  // namespace
}  // namespace reskflow::reviews::events
