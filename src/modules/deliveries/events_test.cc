// deliveries' event payloads: what the module publishes reads back the same, a delivered event
// carries whether it was on time, and a malformed payload is refused.
#include "reskflow/deliveries/events.h"

#include <gtest/gtest.h>

#include "reskflow/modules/payload.h"

namespace reskflow::deliveries::events {
namespace {

using modules::payload::from_payload;
using modules::payload::to_payload;

TEST(DeliveriesEventsTest, DeliveredReadsBackWithOnTimeAndPrediction) {
  const DeliveryChanged delivered{"d1",
                                  "o1",
                                  "u1",
                                  "m1",
                                  "c1",
                                  "delivered",
                                  1'780'000'000'000'000,
                                  "",
                                  true,
                                  1'779'999'940'000'000};
  const auto text = to_payload(delivered);
  EXPECT_EQ(text, R"({"delivery_id":"d1","order_id":"o1","customer_id":"u1",)"
                  R"("merchant_id":"m1","driver_id":"c1","status":"delivered",)"
                  R"("at":"2026-05-28T20:26:40Z","reason":"","on_time":true,)"
                  R"("predicted_at":"2026-05-28T20:25:40Z"})");
  const auto read = from_payload<DeliveryChanged>(delivery_delivered, text);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(to_payload(*read), text);
  auto failed = delivered;
  failed.status = "failed";
  failed.reason = "nobody at the door";
  EXPECT_EQ(to_payload(failed).find("on_time"), std::string::npos);
}

TEST(DeliveriesEventsTest, OfferOutcomeReadsBack) {
  const OfferResolved declined{"of1", "d1", "c1", "declined", 1'780'000'000'000'000};
  const auto read = from_payload<OfferResolved>(offer_declined, to_payload(declined));
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->outcome, "declined");
  EXPECT_EQ(read->at_us, declined.at_us);
}

TEST(DeliveriesEventsTest, NamesAnEventPerStateAndRefusesMalformedPayloads) {
  EXPECT_EQ(event_type_of("at_pickup"), "deliveries.delivery.at_pickup");
  EXPECT_EQ(event_type_of("bogus"), "");
  EXPECT_FALSE(from_payload<DeliveryChanged>(delivery_assigned, R"({"delivery_id":"d1"})"));
}

}  // namespace
}  // namespace reskflow::deliveries::events
