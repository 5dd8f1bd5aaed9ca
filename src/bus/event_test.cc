// Type patterns: which consumers an event type reaches.
#include <gtest/gtest.h>

#include "reskflow/bus/event.h"

namespace reskflow::bus {
namespace {

TEST(TypeMatches, ExactWildcardAndTail) {
  EXPECT_TRUE(type_matches("order.placed", "order.placed"));
  EXPECT_FALSE(type_matches("order.placed", "order.paid"));
  EXPECT_TRUE(type_matches("order.*", "order.paid"));
  EXPECT_FALSE(type_matches("order.*", "order.item.added"));
  EXPECT_FALSE(type_matches("order.*", "order"));
  EXPECT_TRUE(type_matches("order.>", "order.item.added"));
  EXPECT_FALSE(type_matches("order.>", "order"));
  EXPECT_TRUE(type_matches(">", "delivery.assigned"));
  EXPECT_TRUE(type_matches("*.assigned", "delivery.assigned"));
  EXPECT_FALSE(type_matches("order.*", "orders.paid"));
  EXPECT_FALSE(type_matches(">", ""));
}

}  // namespace
}  // namespace reskflow::bus
