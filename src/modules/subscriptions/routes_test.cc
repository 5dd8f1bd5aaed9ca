// The subscriptions routes over a real server on both engines, behind the stand-in guard: plans
// for everyone and for admins only, subscribing with an Idempotency-Key, the customer's
// subscription with its next billing date, cancelling and resuming, and bad input.
#include "test_fixture.h"

namespace reskflow::subscriptions::testing {
namespace {

class SubscriptionsRoutesTest : public SubscriptionsFixture {
 protected:
  void SetUp() override {
    SubscriptionsFixture::SetUp();
    if (HasFatalFailure()) return;
    serve({module.get()});
  }

  reskflow::testing::HttpResult subscribe(const std::string& key, std::string_view card) {
    const auto body = json::serialize(
        boost::json::object{{"plan_id", plus.id}, {"payment_method", std::string(card)}});
    return request("POST", "/v1/me/subscription", body,
                   {{"Authorization", "Bearer customer:" + ada},
                    {"Content-Type", "application/json"},
                    {"Idempotency-Key", key}});
  }

  reskflow::testing::HttpResult change_card(const std::string& key, const std::string& body,
                                            const std::string& customer = ada) {
    return request("PUT", "/v1/me/subscription/payment-method", body,
                   {{"Authorization", "Bearer customer:" + customer},
                    {"Content-Type", "application/json"},
                    {"Idempotency-Key", key}});
  }

  const std::string as_ada = "customer:" + ada;
};

TEST_P(SubscriptionsRoutesTest, EveryoneSeesThePlansOnSaleAndOnlyAdminsManageThem) {
  auto listed = call("GET", "/v1/subscription-plans");
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto plan = body_of(listed).at("data").at(0).as_object();
  EXPECT_EQ(plan.at("name").as_string(), "Plus");
  EXPECT_EQ(plan.at("price_minor").as_int64(), 999);
  EXPECT_EQ(plan.at("free_delivery_threshold_minor").as_int64(), 1500);
  EXPECT_EQ(plan.at("service_fee_bp").as_int64(), 250);

  const boost::json::object gold{{"name", "Gold"},
                                 {"price_minor", 1999},
                                 {"currency", "EUR"},
                                 {"free_delivery_threshold_minor", 0},
                                 {"service_fee_bp", 0}};
  EXPECT_EQ(call_json("POST", "/v1/admin/subscription-plans", as_ada, gold).status, 403);
  auto created = call_json("POST", "/v1/admin/subscription-plans", as_admin, gold);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id(body_of(created).at("id").as_string());
  auto retired =
      call_json("PATCH", "/v1/admin/subscription-plans/" + id, as_admin, {{"active", false}});
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_EQ(body_of(call("GET", "/v1/subscription-plans")).at("data").as_array().size(), 1U);
  EXPECT_EQ(
      body_of(call("GET", "/v1/admin/subscription-plans", as_admin)).at("data").as_array().size(),
      2U);
  auto bad = call_json("POST", "/v1/admin/subscription-plans", as_admin,
                       {{"name", "Odd"},
                        {"price_minor", 100},
                        {"currency", "EURO"},
                        {"free_delivery_threshold_minor", 0},
                        {"service_fee_bp", 20'000}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(error_fields(bad), (std::set<std::string>{"currency", "service_fee_bp"}));
}

TEST_P(SubscriptionsRoutesTest, ACustomerSubscribesCancelsAndResumes) {
  EXPECT_EQ(call("GET", "/v1/me/subscription", as_ada).status, 404);
  auto created = subscribe("key-1", good_card);
  ASSERT_EQ(created.status, 201) << created.body;
  auto mine = call("GET", "/v1/me/subscription", as_ada);
  ASSERT_EQ(mine.status, 200) << mine.body;
  auto body = body_of(mine);
  EXPECT_EQ(body.at("status").as_string(), "active");
  EXPECT_EQ(body.at("plan").at("name").as_string(), "Plus");
  EXPECT_EQ(body.at("next_billing_at").as_string(), "2026-12-28T09:10:00Z");
  EXPECT_EQ(body.at("current_period").at("end").as_string(), "2026-12-28T09:10:00Z");

  auto cancelled = call("DELETE", "/v1/me/subscription", as_ada);
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_TRUE(body_of(cancelled).at("cancel_at_period_end").as_bool());
  EXPECT_TRUE(body_of(cancelled).at("next_billing_at").is_null());
  auto resumed = call("POST", "/v1/me/subscription/resume", as_ada);
  ASSERT_EQ(resumed.status, 200) << resumed.body;
  EXPECT_FALSE(body_of(resumed).at("cancel_at_period_end").as_bool());
}

TEST_P(SubscriptionsRoutesTest, SubscribingNeedsAKeyAValidBodyAndACardThatPays) {
  auto keyless = call_json("POST", "/v1/me/subscription", as_ada,
                           {{"plan_id", plus.id}, {"payment_method", std::string(good_card)}});
  EXPECT_EQ(keyless.status, 400);
  EXPECT_NE(keyless.body.find("Idempotency-Key"), std::string::npos);
  auto declined = subscribe("key-2", declined_card);
  EXPECT_EQ(declined.status, 402) << declined.body;
  EXPECT_EQ(call("GET", "/v1/me/subscription", as_ada).status, 404);
  auto missing = request("POST", "/v1/me/subscription", "{}",
                         {{"Authorization", "Bearer customer:" + ada},
                          {"Content-Type", "application/json"},
                          {"Idempotency-Key", "key-3"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(error_fields(missing), (std::set<std::string>{"plan_id", "payment_method"}));
  EXPECT_EQ(call("DELETE", "/v1/me/subscription", as_ada).status, 404);
  EXPECT_EQ(call("GET", "/v1/me/subscription", as_admin).status, 403);
}

TEST_P(SubscriptionsRoutesTest, AMemberChangesTheCardWithAKey) {
  ASSERT_EQ(subscribe("key-1", good_card).status, 201);
  const boost::json::object declined{{"payment_method", std::string(declined_card)}};
  auto keyless = call_json("PUT", "/v1/me/subscription/payment-method", as_ada, declined);
  EXPECT_EQ(keyless.status, 400);
  EXPECT_NE(keyless.body.find("Idempotency-Key"), std::string::npos);
  auto changed = change_card("key-2", json::serialize(declined));
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(body_of(changed).at("status").as_string(), "active");
  auto empty = change_card("key-3", "{}");
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(error_fields(empty), std::set<std::string>{"payment_method"});
  EXPECT_EQ(change_card("key-4", json::serialize(declined), bob).status, 404);
}

TEST_P(SubscriptionsRoutesTest, AdminsPageThroughSubscriptionsByStatusAndPlan) {
  const auto gold = must(service().create_plan({"Gold", eur(1999), eur(0), 0, true}));
  const auto first = subscribed(ada);
  ASSERT_TRUE(service().cancel(ada));
  clock.set(first.period_end_us);
  ASSERT_EQ(must(service().renew_due(10)), 1);  // ada's first one ended
  const auto second = subscribed(ada);
  const auto bobs = must(service().subscribe(bob, gold.id, std::string(good_card)));

  auto page = call("GET", "/v1/admin/subscriptions?limit=2", as_admin);
  ASSERT_EQ(page.status, 200) << page.body;
  auto body = body_of(page);
  ASSERT_EQ(body.at("data").as_array().size(), 2U);
  EXPECT_EQ(body.at("data").at(0).at("id").as_string(), bobs.id);
  EXPECT_EQ(body.at("data").at(0).at("customer_id").as_string(), bob);
  EXPECT_EQ(body.at("data").at(1).at("id").as_string(), second.id);
  EXPECT_TRUE(body.at("has_more").as_bool());
  const std::string cursor(body.at("next_cursor").as_string());
  auto rest = body_of(call("GET", "/v1/admin/subscriptions?limit=2&cursor=" + cursor, as_admin));
  ASSERT_EQ(rest.at("data").as_array().size(), 1U);
  EXPECT_EQ(rest.at("data").at(0).at("id").as_string(), first.id);
  EXPECT_FALSE(rest.at("has_more").as_bool());
  EXPECT_TRUE(rest.at("next_cursor").is_null());

  auto ended = body_of(call("GET", "/v1/admin/subscriptions?status=ended", as_admin));
  ASSERT_EQ(ended.at("data").as_array().size(), 1U);
  EXPECT_EQ(ended.at("data").at(0).at("ended_reason").as_string(), "cancelled by the customer");
  auto on_plus =
      body_of(call("GET", "/v1/admin/subscriptions?status=active&plan_id=" + plus.id, as_admin));
  ASSERT_EQ(on_plus.at("data").as_array().size(), 1U);
  EXPECT_EQ(on_plus.at("data").at(0).at("id").as_string(), second.id);

  auto bad = call("GET", "/v1/admin/subscriptions?status=paused&cursor=nope", as_admin);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(call("GET", "/v1/admin/subscriptions", as_ada).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Engines, SubscriptionsRoutesTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::subscriptions::testing
