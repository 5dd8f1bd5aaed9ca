// The orders module as the platform sees it, on both engines: settings refusals, the routes
// with their ownership rules (404 for another's order, the queue for the merchant's staff
// only), a refused move answered as a problem with the allowed states, and who may subscribe
// to the order topics.
#include "test_support.h"

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
}

class OrdersModuleTest : public OrdersTest {
 protected:
  void SetUp() override {
    OrdersTest::SetUp();
    if (HasFatalFailure()) return;
    module = std::make_unique<OrdersModuleImpl>(
        modules::Platform{config, db(), events, hub, registry},
        Deps{carts_module->carts(), catalog, payments, directory, authenticator}, settings,
        [this] { return now.load(); });
    ASSERT_TRUE(module->add_routes(router));
  }
  void TearDown() override {
    module.reset();
    OrdersTest::TearDown();
  }
  http::Response call(http::Method method, const std::string& target, const std::string& user,
                      std::string_view role, std::string body = {}) {
    const auto path = target.substr(0, target.find('?'));
    auto match = router.match(method, path);
    if (match.route == nullptr) throw std::runtime_error("no orders route " + path);
    http::Request request;
    request.method = method;
    request.path = path;
    request.target = target;
    if (path != target) request.query = {{"status", target.substr(target.find('=') + 1)}};
    request.params = match.params;
    request.body = std::move(body);
    request.headers.push_back({"Content-Type", "application/json"});
    request.principal = http::Principal{user, std::string(role), {}, {}};
    return match.route->handler(request);
  }
  static boost::json::object body_of(const http::Response& r) {
    return boost::json::parse(r.body).as_object();
  }
  http::Request upgrade(const std::string& user, std::string_view role) {
    http::Request r;
    r.headers = {{"X-Test-User", user}, {"X-Test-Role", std::string(role)}};
    return r;
  }

  std::unique_ptr<OrdersModuleImpl> module;
  http::Router router;
  const std::string_view customer = identity::role_customer;
  const std::string_view merchant = identity::role_merchant;
};

TEST_P(OrdersModuleTest, AnOrderIsSeenByItsPartiesOnly) {
  const auto order = place(ada.user_id);
  const auto path = "/v1/orders/" + order.id;
  EXPECT_EQ(call(http::Method::get, path, ada.user_id, customer).status, 200);
  EXPECT_EQ(call(http::Method::get, path, bob.user_id, customer).status, 404);
  EXPECT_EQ(call(http::Method::get, path, cook, merchant).status, 200);
  EXPECT_EQ(call(http::Method::get, path, "someone-else", merchant).status, 404);
  const auto mine = body_of(call(http::Method::get, "/v1/orders", ada.user_id, customer));
  EXPECT_EQ(mine.at("data").as_array().size(), 1U);
  EXPECT_TRUE(body_of(call(http::Method::get, "/v1/orders", bob.user_id, customer))
                  .at("data")
                  .as_array()
                  .empty());
}

TEST_P(OrdersModuleTest, TheQueueIsForTheMerchantsStaffAndMovesAnswerAsTheMachineSays) {
  const auto order = place(ada.user_id);
  const auto queue = "/v1/merchants/luigi/orders?status=placed";
  EXPECT_EQ(call(http::Method::get, queue, "someone-else", merchant).status, 404);
  const auto page = body_of(call(http::Method::get, queue, cook, merchant));
  ASSERT_EQ(page.at("data").as_array().size(), 1U);
  const auto refused = call(http::Method::post, "/v1/orders/" + order.id + "/accept", ada.user_id,
                            customer, R"({"prep_time_minutes": 20})");
  EXPECT_EQ(refused.status, 409);
  const auto problem = body_of(refused);
  EXPECT_EQ(problem.at("type").as_string(), "urn:reskflow:problem:invalid-transition");
  EXPECT_EQ(problem.at("status").as_int64(), 409);
  EXPECT_EQ(problem.at("allowed").as_string(), "cancelled");
  EXPECT_EQ(call(http::Method::post, "/v1/orders/" + order.id + "/accept", bob.user_id, customer,
                 R"({"prep_time_minutes": 20})")
                .status,
            404);
  const auto accepted = call(http::Method::post, "/v1/orders/" + order.id + "/accept", cook,
                             merchant, R"({"prep_time_minutes": 20})");
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

}  // namespace

INSTANTIATE_TEST_SUITE_P(Engines, OrdersModuleTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace reskflow::orders::testing
