// The order state machine's edges: who may take which, and what a refusal says.
#include "lifecycle.h"

#include <gtest/gtest.h>

#include "reskflow/orders/orders.h"

namespace reskflow::orders {
namespace {

using Next = std::vector<std::string_view>;

TEST(LifecycleTest, EachActorHasItsOwnEdges) {
  EXPECT_EQ(allowed_next("placed", Actor::customer), Next{"cancelled"});
  EXPECT_EQ(allowed_next("placed", Actor::merchant), (Next{"accepted", "rejected", "cancelled"}));
  EXPECT_EQ(allowed_next("placed", Actor::system), Next{"rejected"});
  EXPECT_EQ(allowed_next("preparing", Actor::customer), Next{});
  EXPECT_EQ(allowed_next("picked_up", Actor::merchant), (Next{"delivered", "failed"}));
  EXPECT_EQ(allowed_next("ready", Actor::admin), (Next{"picked_up", "cancelled"}));
  EXPECT_EQ(allowed_next("delivered", Actor::merchant), Next{});
  EXPECT_EQ(allowed_next("delivered", Actor::admin), Next{"refunded"});
}

TEST(LifecycleTest, OnlyThePaymentPlacesAnOrderAwaitingIt) {
  EXPECT_EQ(allowed_next("awaiting_payment", Actor::system), (Next{"placed", "cancelled"}));
  EXPECT_EQ(allowed_next("awaiting_payment", Actor::customer), Next{"cancelled"});
  EXPECT_EQ(allowed_next("awaiting_payment", Actor::merchant), Next{});
  EXPECT_FALSE(check_transition("awaiting_payment", "accepted", Actor::admin));
}

TEST(LifecycleTest, ARefusalNamesTheStateAndTheAllowedNextOnes) {
  EXPECT_TRUE(check_transition("accepted", "preparing", Actor::merchant));
  const auto refused = check_transition("accepted", "delivered", Actor::merchant);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_transition);
  EXPECT_EQ(refused.error().detail,
            "an order that is accepted cannot become delivered; it can become preparing, "
            "cancelled");
  EXPECT_EQ(refused.error().members[0].name, "current_status");
  EXPECT_EQ(refused.error().members[1].value, "preparing, cancelled");
  EXPECT_FALSE(check_transition("placed", "bogus", Actor::admin));
}

TEST(LifecycleTest, OnlyRefundedAndTheRefusalsAreTerminal) {
  for (const auto s : {status_rejected, status_cancelled, status_refunded})
    EXPECT_TRUE(terminal(s));
  for (const auto s : {status_placed, status_picked_up, status_delivered, status_failed})
    EXPECT_FALSE(terminal(s));
}

}  // namespace
}  // namespace reskflow::orders
