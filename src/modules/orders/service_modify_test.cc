// Modifying an order on both engines: a line added raises the hold and takes the stock, a line
// removed gives it back and the capture takes the new total; a card that refuses the raise, a
// modification after preparation started and malformed changes leave the order as it was.
#include "test_fixture.h"

namespace reskflow::orders::testing {
namespace {

using payments::IntentStatus;

class OrderModificationTest : public OrdersTest {
 protected:
  Result<Order> move(const Order& order, std::string_view next) {
    TransitionRequest r{std::string(next), Actor::merchant, cook, {}, std::nullopt};
    if (next == status_accepted) r.prep_time_minutes = 20;
    return service->transition(order.id, r);
  }
  static LineChange add(std::string item_id, std::int64_t quantity) {
    return {std::nullopt, std::move(item_id), quantity, {}, {}};
  }
  static LineChange set(std::int64_t line, std::int64_t quantity) {
    return {line, {}, quantity, {}, {}};
  }
  std::int64_t step(const Order& order, std::string_view kind) {
    for (const auto& s : order.price.steps) {
      if (s.kind == kind) return s.amount.amount_minor;
    }
    return -1;
  }
};

TEST_P(OrderModificationTest, AnAddedLineIsPricedRaisesTheHoldAndTakesTheStock) {
  const auto order = place(ada.user_id);  // 2 large pizzas and a soda: 33.92 EUR
  const auto changed = must(service->modify(ada, order.id, {{add("soda", 2)}}));
  ASSERT_EQ(changed.lines.size(), 3U);
  EXPECT_EQ(changed.lines[2].name, "Soda");
  EXPECT_EQ(changed.price.items, (modules::Money{2850 + 500, "EUR"}));
  EXPECT_EQ(step(changed, "service_fee"), 168);   // 5 % of 33.50, half up
  EXPECT_EQ(step(changed, "delivery_fee"), 199);  // as placed
  EXPECT_EQ(changed.price.total, (modules::Money{3350 + 199 + 168 + 200, "EUR"}));
  EXPECT_EQ(changed.status, "placed");
  EXPECT_EQ(changed.version, order.version + 1);
  EXPECT_EQ(changed.timeline.size(), 1U);  // the timeline holds states; the event tells
  EXPECT_EQ(must(payments.intent(order.payment_intent_id)).amount, changed.price.total);
  EXPECT_EQ(catalog.stock("luigi", "soda"), 2);
  EXPECT_EQ(event_types(order.id).back(), "orders.order.modified");
  EXPECT_EQ(last_event(order.id).at("total_minor").as_int64(), changed.price.total.amount_minor);
  EXPECT_EQ(metrics->modifications.value(), 1.0);
}

TEST_P(OrderModificationTest, ARemovedLineGivesTheStockBackAndTheCaptureTakesTheNewTotal) {
  const auto order = place(ada.user_id);
  must(move(order, status_accepted));  // still before preparation
  const auto changed = must(service->modify(ada, order.id, {{set(1, 0), set(0, 3)}}));
  ASSERT_EQ(changed.lines.size(), 1U);
  EXPECT_EQ(changed.lines[0].quantity, 3);
  EXPECT_EQ(changed.lines[0].total, (modules::Money{3900, "EUR"}));  // at the price ordered
  EXPECT_EQ(changed.status, "accepted");
  EXPECT_EQ(catalog.stock("luigi", "soda"), 5);
  const auto smaller = must(service->modify(ada, order.id, {{set(0, 1)}}));
  EXPECT_EQ(smaller.price.total, (modules::Money{1300 + 199 + 65 + 200 + 200, "EUR"}));
  EXPECT_EQ(step(smaller, "small_order_fee"), 200);  // under Luigi's minimum of 15.00
  // The hold stays at its highest; the capture takes what the order costs now.
  EXPECT_EQ(must(payments.intent(order.payment_intent_id)).amount.amount_minor,
            3900 + 199 + 195 + 200);
  for (const auto next : {status_preparing, status_ready, status_picked_up, status_delivered})
    must(move(order, next));
  const auto intent = must(payments.intent(order.payment_intent_id));
  EXPECT_EQ(intent.status, IntentStatus::captured);
  EXPECT_EQ(intent.captured, smaller.price.total);
}

TEST_P(OrderModificationTest, OnceThePreparationStartedTheOrderCannotChange) {
  const auto order = place(ada.user_id);
  must(move(order, status_accepted));
  must(move(order, status_preparing));
  const auto refused = service->modify(ada, order.id, {{add("soda", 1)}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_transition);
  EXPECT_EQ(refused.error().detail,
            "The restaurant started preparing this order, so it can no longer be changed. Ask "
            "the restaurant if you need to cancel it.");
  ASSERT_FALSE(refused.error().members.empty());
  EXPECT_EQ(refused.error().members[0].value, "preparing");
  EXPECT_EQ(catalog.stock("luigi", "soda"), 4);
  EXPECT_EQ(must(service->get_any(order.id)).version, order.version + 2);
}

TEST_P(OrderModificationTest, ACardThatRefusesTheRaiseChangesNothing) {
  const auto order = place(ada.user_id);
  payments.fail_next({ErrorCode::payment_declined, "Your card has insufficient funds.", {}, {}});
  const auto refused = service->modify(ada, order.id, {{add("soda", 3)}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::payment_declined);
  const auto unchanged = must(service->get_any(order.id));
  EXPECT_EQ(unchanged.version, order.version);
  EXPECT_EQ(unchanged.price.total, order.price.total);
  EXPECT_EQ(unchanged.lines.size(), 2U);
  EXPECT_EQ(must(payments.intent(order.payment_intent_id)).amount, order.price.total);
  EXPECT_EQ(event_types(order.id), std::vector<std::string>{"orders.order.placed"});
}

TEST_P(OrderModificationTest, MalformedChangesAndStrangersChangeNothing) {
  const auto order = place(ada.user_id);
  const auto field_of = [&](const ModificationRequest& r) {
    auto refused = service->modify(ada, order.id, r);
    return refused ? std::string("accepted") : refused.error().fields.at(0).field;
  };
  EXPECT_EQ(field_of({{set(2, 1)}}), "changes[0].line");
  EXPECT_EQ(field_of({{set(0, 1), set(0, 2)}}), "changes[1].line");
  EXPECT_EQ(field_of({{add("soda", 0)}}), "changes[0].quantity");
  EXPECT_EQ(field_of({{add("calzone", 1)}}), "changes[0].item_id");
  EXPECT_EQ(field_of({{add("soda", 5)}}), "changes[0].quantity");  // only 4 left
  EXPECT_EQ(field_of({{set(0, 0), set(1, 0)}}), "changes");        // cancel instead
  EXPECT_EQ(field_of({}), "changes");
  EXPECT_EQ(service->modify(bob, order.id, {{add("soda", 1)}}).error().code, ErrorCode::not_found);
  const auto unchanged = must(service->get_any(order.id));
  EXPECT_EQ(unchanged.version, order.version);
  EXPECT_EQ(catalog.stock("luigi", "soda"), 4);
}

INSTANTIATE_TEST_SUITE_P(Engines, OrderModificationTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::orders::testing
