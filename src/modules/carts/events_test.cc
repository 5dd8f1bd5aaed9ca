// carts' event payload: what the service publishes reads back the same; a malformed one is
// refused.
#include "reskflow/carts/events.h"

#include <gtest/gtest.h>

#include "reskflow/modules/payload.h"

namespace reskflow::carts::events {
namespace {

using modules::payload::from_payload;
using modules::payload::to_payload;

TEST(CartsEventsTest, CartPayloadReadsBack) {
  const CartUpdated cart{"c1", "u1", "m1", "open", 4, 3, {2900, "EUR"}};
  const auto text = to_payload(cart);
  EXPECT_EQ(text, R"({"cart_id":"c1","customer_id":"u1","merchant_id":"m1","status":"open",)"
                  R"("version":4,"item_count":3,"subtotal_minor":2900,"currency":"EUR"})");
  const auto read = from_payload<CartUpdated>(cart_updated, text);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->subtotal, (modules::Money{2900, "EUR"}));
  EXPECT_EQ(to_payload(*read), text);
}

TEST(CartsEventsTest, RefusesMalformedPayloads) {
  const auto missing = from_payload<CartUpdated>(cart_updated, R"({"cart_id":"c1"})");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::validation_failed);
  EXPECT_FALSE(from_payload<CartUpdated>(
      cart_updated, R"({"cart_id":"c1","customer_id":"u1","merchant_id":"m1","status":"open",)"
                    R"("version":4,"item_count":3,"subtotal_minor":29.5,"currency":"EUR"})"));
}

}  // namespace
}  // namespace reskflow::carts::events
