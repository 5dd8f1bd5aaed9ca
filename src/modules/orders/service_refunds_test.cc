// Refunds of delivered orders on both engines, through the routes: admins refund in parts up to
// what was paid and never more, also when refunds race; a retry with the same key refunds once;
// merchants refund their own store's orders within the policy (the window after delivery, the
// items' share), paying first; strangers get 404, a refused policy says why in plain words.
#include <latch>
#include <thread>

#include "test_fixture.h"

namespace reskflow::orders::testing {
namespace {

using payments::IntentStatus;

constexpr std::int64_t day_us = 86'400'000'000;

class OrderRefundsTest : public OrdersTest {
 protected:
  void SetUp() override {
    OrdersTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(add_refund_routes(router, *service, directory));
    directory.add_user(admin, identity::role_admin);
    directory.add_user(stranger, identity::role_merchant);
    ASSERT_TRUE(directory.add_member("mario", stranger, identity::MerchantLevel::owner));
  }

  // Ada's order (33.92 EUR, of which 25.91 is the merchant's), delivered by Luigi's courier.
  Order delivered() {
    const auto order = place(ada.user_id);
    for (const auto next :
         {status_accepted, status_preparing, status_ready, status_picked_up, status_delivered}) {
      TransitionRequest r{std::string(next), Actor::merchant, cook, {}, std::nullopt};
      if (next == status_accepted) r.prep_time_minutes = 20;
      must(service->transition(order.id, r));
    }
    return order;
  }

  http::Response call(http::Method method, const std::string& path, const std::string& user,
                      std::string_view role, const boost::json::object& body = {},
                      const std::string& key = {}) {
    auto match = router.match(method, path);
    if (match.route == nullptr) throw std::runtime_error("no route " + path);
    http::Request request;
    request.method = method;
    request.path = path;
    request.target = path;
    request.params = match.params;
    if (method == http::Method::post) {
      request.body = json::serialize(body);
      request.headers.push_back({"Content-Type", "application/json"});
    }
    if (!key.empty()) request.headers.push_back({"Idempotency-Key", key});
    request.principal = http::Principal{user, std::string(role), {}, {}};
    return match.route->handler(request);
  }

  http::Response refund(const Order& order, std::int64_t minor, const std::string& key,
                        const std::string& user, std::string_view role) {
    return call(http::Method::post, "/v1/orders/" + order.id + "/refunds", user, role,
                {{"amount_minor", minor}, {"currency", "EUR"}, {"reason", "cold pizza"}}, key);
  }
  http::Response by_admin(const Order& order, std::int64_t minor, const std::string& key) {
    return refund(order, minor, key, admin, identity::role_admin);
  }
  http::Response by_cook(const Order& order, std::int64_t minor, const std::string& key) {
    return refund(order, minor, key, cook, identity::role_merchant);
  }
  boost::json::object summary(const Order& order) {
    auto r =
        call(http::Method::get, "/v1/orders/" + order.id + "/refunds", admin, identity::role_admin);
    EXPECT_EQ(r.status, 200) << r.body;
    return boost::json::parse(r.body).as_object();
  }
  std::int64_t refunded(const Order& order) {
    return must(payments.intent(order.payment_intent_id)).refunded.amount_minor;
  }
  static std::string detail(const http::Response& r) {
    return std::string(boost::json::parse(r.body).as_object().at("detail").as_string());
  }

  http::Router router;
  const std::string admin = "0190a000-0000-7000-8000-0000000000ad";
  const std::string stranger = "0190a000-0000-7000-8000-0000000000c1";
};

TEST_P(OrderRefundsTest, AdminsRefundInPartsUpToWhatWasPaidAndNeverMore) {
  const auto order = delivered();
  auto first = by_admin(order, 1000, "k1");
  ASSERT_EQ(first.status, 201) << first.body;
  const auto doc = boost::json::parse(first.body).as_object();
  EXPECT_EQ(doc.at("status").as_string(), "refunded");
  EXPECT_EQ(doc.at("by").as_string(), "admin");
  // The same key again finishes the same refund: nothing more is given back.
  auto again = by_admin(order, 1000, "k1");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(boost::json::parse(again.body).as_object().at("id"), doc.at("id"));
  EXPECT_EQ(refunded(order), 1000);
  EXPECT_EQ(by_admin(order, 900, "k1").status, 409);  // the key of another refund

  auto too_much = by_admin(order, 2393, "k2");
  EXPECT_EQ(too_much.status, 422) << too_much.body;
  EXPECT_NE(too_much.body.find("must be at most 2392: 23.92 EUR of what was paid is left"),
            std::string::npos)
      << too_much.body;
  ASSERT_EQ(by_admin(order, 2392, "k3").status, 201);
  EXPECT_EQ(refunded(order), 3392);
  EXPECT_EQ(must(payments.intent(order.payment_intent_id)).status, IntentStatus::refunded);
  EXPECT_EQ(by_admin(order, 1, "k4").status, 422);
  const auto s = summary(order);
  EXPECT_EQ(s.at("paid_minor").as_int64(), 3392);
  EXPECT_EQ(s.at("refunded_minor").as_int64(), 3392);
  EXPECT_EQ(s.at("refundable_minor").as_int64(), 0);
  EXPECT_EQ(s.at("refunds").as_array().size(), 2U);

  // An order not delivered yet has nothing captured to refund.
  const auto placed = place(bob.user_id);
  auto early = by_admin(placed, 100, "k5");
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(detail(early), "Only a delivered order can be refunded; this one is placed.");
  EXPECT_EQ(by_admin(order, 100, "").status, 400);  // no Idempotency-Key
}

TEST_P(OrderRefundsTest, ConcurrentPartialRefundsNeverExceedWhatWasPaid) {
  const auto order = delivered();
  constexpr int racers = 8;
  std::latch start(racers);
  std::vector<int> statuses(racers);
  std::vector<std::thread> threads;
  for (int i = 0; i < racers; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      statuses[static_cast<std::size_t>(i)] =
          by_admin(order, 1000, "race-" + std::to_string(i)).status;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::ranges::count(statuses, 201), 3);
  EXPECT_EQ(std::ranges::count(statuses, 422), racers - 3);
  EXPECT_EQ(refunded(order), 3000);
  EXPECT_EQ(summary(order).at("refundable_minor").as_int64(), 392);
}

TEST_P(OrderRefundsTest, AMerchantRefundsItsOwnDeliveredOrdersWithinItsPolicy) {
  const auto order = delivered();
  auto mine = by_cook(order, 500, "m1");
  ASSERT_EQ(mine.status, 201) << mine.body;
  EXPECT_EQ(boost::json::parse(mine.body).as_object().at("by").as_string(), "merchant");
  EXPECT_EQ(payments.refunded_from_merchant(order.payment_intent_id), (modules::Money{500, "EUR"}));
  // Another store's staff does not see the order.
  EXPECT_EQ(refund(order, 100, "s1", stranger, identity::role_merchant).status, 404);
  // At most the items' share (25.91 EUR) in all.
  auto over = by_cook(order, 2092, "m2");
  EXPECT_EQ(over.status, 403) << over.body;
  EXPECT_EQ(detail(over),
            "A store can refund at most the items' share of an order, 25.91 EUR; the store has "
            "refunded 5.00 EUR of it already, so at most 20.91 EUR is left. ReskFlow support can "
            "refund more.");
  auto s = summary(order);
  EXPECT_EQ(s.at("merchant_refundable_minor").as_int64(), 2091);
  ASSERT_EQ(by_cook(order, 2091, "m3").status, 201);
  EXPECT_EQ(refunded(order), 2591);
  // An admin may still give back the rest.
  ASSERT_EQ(by_admin(order, 801, "a1").status, 201);
  EXPECT_EQ(refunded(order), 3392);

  // Past the window after delivery, only support refunds.
  const auto later = delivered();
  now += settings.merchant_refund_days * day_us + minute_us;
  auto late = by_cook(later, 100, "m4");
  EXPECT_EQ(late.status, 403) << late.body;
  EXPECT_NE(detail(late).find("up to 7 days after its delivery"), std::string::npos);
  EXPECT_TRUE(summary(later).at("merchant_refundable_minor").is_null());
  // The customer reads the refunds of their order; another customer does not.
  EXPECT_EQ(call(http::Method::get, "/v1/orders/" + order.id + "/refunds", ada.user_id,
                 identity::role_customer)
                .status,
            200);
  EXPECT_EQ(call(http::Method::get, "/v1/orders/" + order.id + "/refunds", bob.user_id,
                 identity::role_customer)
                .status,
            404);
}

TEST_P(OrderRefundsTest, ARefundThePaymentFailedIsFinishedByItsRetry) {
  const auto order = delivered();
  payments.fail_next_refund(Error{ErrorCode::unavailable, "the processor is down", {}, {}});
  EXPECT_EQ(by_admin(order, 1000, "k1").status, 503);
  EXPECT_EQ(refunded(order), 0);
  // Pending, the refund still reserves its amount: nobody can refund it twice meanwhile.
  EXPECT_EQ(summary(order).at("refundable_minor").as_int64(), 2392);
  auto retry = by_admin(order, 1000, "k1");
  ASSERT_EQ(retry.status, 201) << retry.body;
  EXPECT_EQ(refunded(order), 1000);
  EXPECT_EQ(summary(order).at("refunds").as_array().size(), 1U);
}

TEST_P(OrderRefundsTest, ASplitOrderIsRefundedFromEachPayerInTurn) {
  auto order = must(service->place(ada, [&] {
    auto r = checkout(group_cart());
    r.split = true;
    return r;
  }()));
  order = must(service->pay_share(bob, order.id, card));
  ASSERT_EQ(order.status, status_placed);
  for (const auto next :
       {status_accepted, status_preparing, status_ready, status_picked_up, status_delivered}) {
    TransitionRequest r{std::string(next), Actor::merchant, cook, {}, std::nullopt};
    if (next == status_accepted) r.prep_time_minutes = 20;
    must(service->transition(order.id, r));
  }
  const auto ada_paid = order.shares[0].amount.amount_minor;
  ASSERT_EQ(by_admin(order, ada_paid + 100, "k1").status, 201);
  EXPECT_EQ(must(payments.intent(order.shares[0].intent_id)).refunded.amount_minor, ada_paid);
  EXPECT_EQ(must(payments.intent(order.shares[1].intent_id)).refunded.amount_minor, 100);
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Engines, OrderRefundsTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace reskflow::orders::testing
