// orders' event payload: what the service publishes reads back the same, carries the
// delivered_at reviews reads, and a malformed one, or one without its ids, is refused.
#include "reskflow/orders/events.h"

#include <gtest/gtest.h>

#include "reskflow/modules/payload.h"

namespace reskflow::orders::events {
namespace {

using modules::payload::from_payload;
using modules::payload::to_payload;

TEST(OrdersEventsTest, PayloadReadsBackAndDeliveredCarriesDeliveredAt) {
  const OrderChanged delivered{
      "o1", "u1", "m1", "delivered", 6, {3392, "EUR"}, 1'780'000'000'000'000};
  const auto text = to_payload(delivered);
  EXPECT_EQ(text, R"({"order_id":"o1","customer_id":"u1","merchant_id":"m1",)"
                  R"("status":"delivered","version":6,"total_minor":3392,"currency":"EUR",)"
                  R"("at":"2026-05-28T20:26:40Z","delivered_at":"2026-05-28T20:26:40Z"})");
  const auto read = from_payload<OrderChanged>(order_delivered, text);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->at_us, delivered.at_us);
  EXPECT_EQ(to_payload(*read), text);
  auto placed = delivered;
  placed.status = "placed";
  EXPECT_EQ(to_payload(placed).find("delivered_at"), std::string::npos);
}

TEST(OrdersEventsTest, ItemsReadBackAndAreOptional) {
  OrderChanged placed{"o1", "u1", "m1", "placed", 1, {1800, "EUR"}, 1'780'000'000'000'000};
  placed.items = {{"i1", "Margherita", 2}, {"i2", "Tiramisu", 1}};
  const auto text = to_payload(placed);
  EXPECT_NE(text.find(R"("items":[{"item_id":"i1","name":"Margherita","quantity":2},)"),
            std::string::npos);
  const auto read = from_payload<OrderChanged>(order_placed, text);
  ASSERT_TRUE(read) << read.error().detail;
  ASSERT_EQ(read->items.size(), 2U);
  EXPECT_EQ(read->items[1].item_id, "i2");
  EXPECT_EQ(read->items[1].name, "Tiramisu");
  EXPECT_EQ(read->items[0].quantity, 2);
  placed.items.clear();
  EXPECT_EQ(to_payload(placed).find("items"), std::string::npos);
  auto bad = text;
  bad.replace(bad.find(R"("quantity":2)"), 12, R"("quantity":"2")");
  EXPECT_FALSE(from_payload<OrderChanged>(order_placed, bad));
}

TEST(OrdersEventsTest, NamesAnEventPerStateAndRefusesMalformedPayloads) {
  EXPECT_EQ(event_type_of("picked_up"), "orders.order.picked_up");
  EXPECT_EQ(event_type_of("bogus"), "");
  EXPECT_FALSE(from_payload<OrderChanged>(order_placed, R"({"order_id":"o1"})"));
}

TEST(OrdersEventsTest, ConsumersReadAnOrderOnlyWithItsIds) {
  const OrderChanged delivered{
      "o1", "u1", "m1", "delivered", 6, {3392, "EUR"}, 1'780'000'000'000'000};
  const auto read = read_order_changed(order_delivered, to_payload(delivered));
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->merchant_id, "m1");
  for (auto blank :
       {&OrderChanged::order_id, &OrderChanged::customer_id, &OrderChanged::merchant_id}) {
    auto without = delivered;
    without.*blank = "";
    const auto refused = read_order_changed(order_delivered, to_payload(without));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
    EXPECT_TRUE(refused.error().detail.starts_with("orders.order.delivered payload: empty "))
        << refused.error().detail;
  }
  EXPECT_EQ(read_order_changed(order_placed, "{").error().code, ErrorCode::validation_failed);
}

}  // namespace
}  // namespace reskflow::orders::events
