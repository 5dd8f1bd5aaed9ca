// The orders module as the platform sees it, on both engines: settings refusals, the routes
// with their ownership rules (404 for another's order, the queue for the merchant's staff
// only), a refused move answered as a problem with the allowed states, who may subscribe
// to the order topics, and a split group order paid share by share.
#include "test_fixture.h"

namespace reskflow::orders::testing {
namespace {

TEST(OrdersSettingsTest, ReadsBoundedValuesAndRefusesUnknownKeys) {
  auto defaults = load_settings({});
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->pricing.bands.size(), 4U);
  EXPECT_EQ(defaults->pricing.bands[0].distance_m_max, 2000);
  EXPECT_EQ(defaults->accept_timeout_s.count(), 600);
  auto set = load_settings({{"RESKFLOW_ORDERS_DELIVERY_BANDS", "1000:100,3000:250"},
                            {"RESKFLOW_ORDERS_TAX_INCLUSIVE", "0"}});
  ASSERT_TRUE(set);
  EXPECT_EQ(set->pricing.bands[1].fee_minor, 250);
  EXPECT_FALSE(set->pricing.tax_inclusive);
  EXPECT_FALSE(load_settings({{"RESKFLOW_ORDERS_DELIVERY_BANDS", "3000:250,1000:100"}}));
  EXPECT_FALSE(load_settings({{"RESKFLOW_ORDERS_DELIVERY_BANDS", "far:cheap"}}));
  EXPECT_FALSE(load_settings({{"RESKFLOW_ORDERS_TIP_MAX", "5"}}));
  EXPECT_EQ(defaults->payment_due_s.count(), 900);
  EXPECT_EQ(must(load_settings({{"RESKFLOW_ORDERS_PAYMENT_DUE_S", "60"}})).payment_due_s.count(),
            60);
  EXPECT_FALSE(load_settings({{"RESKFLOW_ORDERS_PAYMENT_DUE_S", "5"}}));  // under 10 s
}

using modules::testing::RecordingPeer;

// The module's routes over a real server behind the stand-in guard ("Bearer <role>:<user>").
class OrdersModuleTest : public OrdersTest {
 protected:
  void SetUp() override {
    OrdersTest::SetUp();
    if (HasFatalFailure()) return;
    module = std::make_unique<OrdersModuleImpl>(
        platform(),
        Deps{carts_module->carts(), catalog, payments, promotions, directory, authenticator,
             subscriptions},
        settings, [this] { return now.load(); });
    serve({module.get()});
  }
  void release_modules() override {
    module.reset();
    OrdersTest::release_modules();
  }
  http::Request upgrade(const std::string& user, std::string_view role) {
    http::Request r;
    r.headers = {{"Authorization", "Bearer " + std::string(role) + ":" + user}};
    return r;
  }

  std::unique_ptr<OrdersModuleImpl> module;
  const std::string as_ada = "customer:" + ada.user_id;
  const std::string as_bob = "customer:" + bob.user_id;
  const std::string as_cook = "merchant:" + cook;
  const std::string as_stranger = "merchant:0190a000-0000-7000-8000-0000000000ff";
  const std::string_view customer = identity::role_customer;
  const std::string_view merchant = identity::role_merchant;
};

TEST_P(OrdersModuleTest, AnOrderIsSeenByItsPartiesOnly) {
  const auto order = place(ada.user_id);
  const auto path = "/v1/orders/" + order.id;
  EXPECT_EQ(call("GET", path, as_ada).status, 200);
  EXPECT_EQ(call("GET", path, as_bob).status, 404);
  EXPECT_EQ(call("GET", path, as_cook).status, 200);
  EXPECT_EQ(call("GET", path, as_stranger).status, 404);
  EXPECT_EQ(call("GET", path, "driver:d-1").status, 403);
  const auto mine = body_of(call("GET", "/v1/orders", as_ada));
  EXPECT_EQ(mine.at("data").as_array().size(), 1U);
  EXPECT_TRUE(body_of(call("GET", "/v1/orders", as_bob)).at("data").as_array().empty());
  EXPECT_EQ(call("GET", "/v1/admin/orders", as_ada).status, 403);
  EXPECT_EQ(body_of(call("GET", "/v1/admin/orders?status=placed", "admin:admin-1"))
                .at("data")
                .as_array()
                .size(),
            1U);
}

TEST_P(OrdersModuleTest, AdminsReadWhoMovedTheOrderFromWhichState) {
  const auto order = place(ada.user_id);
  now += minute_us;
  ASSERT_EQ(
      call("POST", "/v1/orders/" + order.id + "/accept", as_cook, R"({"prep_time_minutes": 20})")
          .status,
      200);
  const auto path = "/v1/orders/" + order.id;
  const auto audited = body_of(call("GET", path, "admin:admin-1")).at("timeline").as_array();
  ASSERT_EQ(audited.size(), 2U);
  EXPECT_TRUE(audited[0].at("from").is_null());
  EXPECT_EQ(audited[0].at("by_user_id").as_string(), ada.user_id);
  EXPECT_EQ(audited[1].at("from").as_string(), "placed");
  EXPECT_EQ(audited[1].at("status").as_string(), "accepted");
  EXPECT_EQ(audited[1].at("by").as_string(), "merchant");
  EXPECT_EQ(audited[1].at("by_user_id").as_string(), cook);
  EXPECT_EQ(audited[1].at("note").as_string(), "20 min");
  const auto seen = body_of(call("GET", path, as_ada)).at("timeline").as_array();
  EXPECT_EQ(seen[1].at("from").as_string(), "placed");
  EXPECT_FALSE(seen[1].as_object().contains("by_user_id"));  // staff names stay with admins
}

TEST_P(OrdersModuleTest, TheQueueIsForTheMerchantsStaffAndMovesAnswerAsTheMachineSays) {
  const auto order = place(ada.user_id);
  const auto queue = "/v1/merchants/luigi/orders?status=placed";
  EXPECT_EQ(call("GET", queue, as_stranger).status, 404);
  EXPECT_EQ(call("GET", "/v1/merchants/luigi/orders?status=eaten", as_cook).status, 422);
  const auto page = body_of(call("GET", queue, as_cook));
  ASSERT_EQ(page.at("data").as_array().size(), 1U);
  const auto accept = "/v1/orders/" + order.id + "/accept";
  const auto refused = call("POST", accept, as_ada, R"({"prep_time_minutes": 20})");
  EXPECT_EQ(refused.status, 409);
  const auto problem = body_of(refused);
  EXPECT_EQ(problem.at("type").as_string(), "urn:reskflow:problem:invalid-transition");
  EXPECT_EQ(problem.at("status").as_int64(), 409);
  EXPECT_EQ(problem.at("allowed").as_string(), "cancelled");
  EXPECT_EQ(call("POST", accept, as_bob, R"({"prep_time_minutes": 20})").status, 404);
  EXPECT_EQ(call("POST", accept, as_cook, R"({"prep_time_minutes": 0})").status, 422);
  const auto accepted = call("POST", accept, as_cook, R"({"prep_time_minutes": 20})");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(body_of(accepted).at("prep_time_minutes").as_int64(), 20);
}

TEST_P(OrdersModuleTest, OrderTopicsAreForTheOrdersParties) {
  const auto order = place(ada.user_id);
  const auto topic = "order." + order.id;
  EXPECT_TRUE(module->authorize_topic(upgrade(ada.user_id, customer), topic));
  EXPECT_TRUE(module->authorize_topic(upgrade(cook, merchant), topic));
  EXPECT_FALSE(module->authorize_topic(upgrade(bob.user_id, customer), topic));
  EXPECT_TRUE(module->authorize_topic(upgrade(cook, merchant), "merchant.luigi.orders"));
  EXPECT_FALSE(module->authorize_topic(upgrade(bob.user_id, customer), "merchant.luigi.orders"));
  EXPECT_FALSE(module->authorize_topic(upgrade(cook, merchant), "merchant.luigi.secrets"));
}

TEST_P(OrdersModuleTest, OrderTopicsHearEveryChange) {
  ASSERT_TRUE(module->start());
  auto& orders = module->service();
  auto peer = std::make_shared<RecordingPeer>();
  hub().attach(peer);
  ASSERT_TRUE(hub().subscribe(peer, upgrade(cook, merchant), "merchant.luigi.orders"));
  const auto order = must(orders.place(ada, checkout(filled_cart(ada.user_id))));
  ASSERT_TRUE(hub().subscribe(peer, upgrade(ada.user_id, customer), "order." + order.id));
  must(orders.transition(order.id, {"accepted", Actor::merchant, cook, "", 20}));
  const auto messages = peer->messages();
  ASSERT_EQ(messages.size(), 3U);
  EXPECT_NE(messages[0].find(R"("topic":"merchant.luigi.orders")"), std::string::npos);
  EXPECT_NE(messages[0].find(R"("status":"placed")"), std::string::npos) << messages[0];
  EXPECT_NE(messages[1].find(R"("topic":"order.)" + order.id), std::string::npos) << messages[1];
  EXPECT_NE(messages[2].find(R"("status":"accepted")"), std::string::npos) << messages[2];
  hub().detach(peer.get());
}

TEST_P(OrdersModuleTest, AModificationNeedsAKeyAndTellsTheMerchantsTopic) {
  ASSERT_TRUE(module->start());
  auto peer = std::make_shared<RecordingPeer>();
  hub().attach(peer);
  ASSERT_TRUE(hub().subscribe(peer, upgrade(cook, merchant), "merchant.luigi.orders"));
  const auto order = must(module->service().place(ada, checkout(filled_cart(ada.user_id))));
  const auto path = "/v1/orders/" + order.id + "/modifications";
  const std::string body = R"({"changes": [{"item_id": "soda", "quantity": 1}]})";
  const auto keyless = call("POST", path, as_ada, body);
  EXPECT_EQ(keyless.status, 400);
  EXPECT_NE(keyless.body.find("Idempotency-Key"), std::string::npos) << keyless.body;
  EXPECT_EQ(call("POST", path, as_cook, body).status, 403);  // the merchant cannot
  const auto changed = request("POST", path, body,
                               {{"Content-Type", "application/json"},
                                {"Authorization", "Bearer " + as_ada},
                                {"Idempotency-Key", "change-1"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(body_of(changed).at("version").as_int64(), 2);
  const auto messages = peer->messages();
  ASSERT_EQ(messages.size(), 2U);
  EXPECT_NE(messages[1].find(R"("version":2)"), std::string::npos) << messages[1];
  EXPECT_NE(messages[1].find(R"("status":"placed")"), std::string::npos) << messages[1];
  hub().detach(peer.get());
}

TEST_P(OrdersModuleTest, EachParticipantPaysTheirShareOverHttpAndTheMerchantHearsOnlyThePlacing) {
  ASSERT_TRUE(module->start());
  auto peer = std::make_shared<RecordingPeer>();
  hub().attach(peer);
  ASSERT_TRUE(hub().subscribe(peer, upgrade(cook, merchant), "merchant.luigi.orders"));
  const auto cart_id = group_cart();
  const auto keyed = [&](const std::string& who, const std::string& key) {
    return modules::testing::Headers{{"Content-Type", "application/json"},
                                     {"Authorization", "Bearer " + who},
                                     {"Idempotency-Key", key}};
  };
  const auto placed = request(
      "POST", "/v1/orders",
      R"({"cart_id": ")" + cart_id + R"(", "split": true, "payment_method": "4242424242424242",
          "delivery": {"address": "12 rue de Rivoli", "point": {"lat": 48.8606, "lng": 2.3376}}})",
      keyed(as_ada, "place-1"));
  ASSERT_EQ(placed.status, 201) << placed.body;
  const auto order = body_of(placed);
  EXPECT_EQ(order.at("status").as_string(), "awaiting_payment");
  const auto& shares = order.at("payment").at("shares").as_array();
  ASSERT_EQ(shares.size(), 2U);
  EXPECT_EQ(shares[0].at("status").as_string(), "authorized");  // the host's card paid hers
  EXPECT_EQ(shares[1].at("display_name").as_string(), "Bob");
  EXPECT_EQ(shares[1].at("status").as_string(), "pending");
  const auto id = std::string(order.at("id").as_string());

  const auto found = body_of(call("GET", "/v1/orders?cart_id=" + cart_id, as_bob));
  ASSERT_EQ(found.at("data").as_array().size(), 1U);
  const auto pay = "/v1/orders/" + id + "/payment-shares";
  const std::string card_body = R"({"payment_method": "4242424242424242"})";
  EXPECT_EQ(call("POST", pay, as_bob, card_body).status, 400);  // no Idempotency-Key
  const auto paid = request("POST", pay, card_body, keyed(as_bob, "share-1"));
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(body_of(paid).at("status").as_string(), "placed");
  EXPECT_EQ(request("POST", pay, card_body, keyed(as_bob, "share-2")).status, 409);

  const auto messages = peer->messages();
  ASSERT_EQ(messages.size(), 1U);
  EXPECT_NE(messages[0].find(R"("status":"placed")"), std::string::npos) << messages[0];
  hub().detach(peer.get());
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Engines, OrdersModuleTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace reskflow::orders::testing
