// The deliveries routes over a real server on both engines, behind a guard standing in for
// identity's: a courier sees and answers only their own offers and moves only their own
// delivery; each party sees the delivery with what is theirs to see, and strangers get 404.
#include "test_fixture.h"

namespace reskflow::deliveries::testing {
namespace {

class DeliveriesRoutesTest : public DeliveriesFixture {
 protected:
  void SetUp() override {
    DeliveriesFixture::SetUp();
    if (HasFatalFailure()) return;
    serve({module.get()});
  }
};

TEST_P(DeliveriesRoutesTest, ACourierAnswersOnlyTheirOffersAndMovesOnlyTheirDelivery) {
  auto o = order("o-1");
  o.total = {settings.high_value_minor, "EUR"};
  const auto d = accepted(o);
  online("rider", 0.5);
  online("rival", 4);
  ASSERT_EQ(service().dispatch_round().value_or(0), 1);

  const auto rivals = call("GET", "/v1/drivers/me/offers", "driver:rival");
  ASSERT_EQ(rivals.status, 200) << rivals.body;
  EXPECT_TRUE(body_of(rivals).at("data").as_array().empty());
  const auto mine = call("GET", "/v1/drivers/me/offers", "driver:rider");
  ASSERT_EQ(mine.status, 200) << mine.body;
  const auto offer = body_of(mine).at("data").at(0).as_object();
  EXPECT_EQ(offer.at("delivery_id").as_string(), d.id());
  EXPECT_EQ(offer.at("estimated_earnings").at("amount_minor").as_int64(),
            d.earnings.amount_minor + d.tip.amount_minor);
  EXPECT_EQ(offer.at("expires_in_s").as_int64(), settings.offer_timeout_s.count());
  const auto offer_path = "/v1/offers/" + std::string(offer.at("id").as_string());
  EXPECT_EQ(call("POST", offer_path + "/accept", "driver:rival").status, 404);
  EXPECT_EQ(call("POST", offer_path + "/accept", "customer:" + customer).status, 403);
  ASSERT_EQ(call("POST", offer_path + "/accept", "driver:rider").status, 200);

  const auto status_path = "/v1/deliveries/" + d.id() + "/status";
  EXPECT_EQ(call("POST", status_path, "driver:rival", R"({"status":"at_pickup"})").status, 404);
  EXPECT_EQ(call("POST", status_path, "driver:rider", R"({"status":"delivered"})").status, 409);
  ASSERT_EQ(call("POST", status_path, "driver:rider", R"({"status":"at_pickup"})").status, 200);
  EXPECT_EQ(call("POST", status_path, "driver:rider", R"({"status":"picked_up","pickup_code":"x"})")
                .status,
            422);
  const auto picked = call("POST", status_path, "driver:rider",
                           R"({"status":"picked_up","pickup_code":")" + d.pickup_code + "\"}");
  ASSERT_EQ(picked.status, 200) << picked.body;
  EXPECT_EQ(body_of(picked).at("status").as_string(), "picked_up");
  EXPECT_EQ(orders.status("o-1"), orders::status_picked_up);
}

TEST_P(DeliveriesRoutesTest, EachPartySeesWhatIsTheirsAndStrangersNothing) {
  auto o = order("o-1");
  o.total = {settings.high_value_minor, "EUR"};
  const auto d = accepted(o);
  online("rider", 0.5);
  directory.set_contact("rider", {"rita@example.com", "", "Rita Rider"});
  ASSERT_TRUE(service().assign(d.id(), "rider"));
  const auto path = "/v1/deliveries/" + d.id();
  const auto as_customer = body_of(call("GET", path, "customer:" + customer));
  EXPECT_EQ(as_customer.at("pin").as_string(), d.pin);
  EXPECT_FALSE(as_customer.contains("pickup_code"));
  const auto as_cook = body_of(call("GET", path, "merchant:" + cook));
  EXPECT_EQ(as_cook.at("pickup_code").as_string(), d.pickup_code);
  EXPECT_FALSE(as_cook.contains("pin"));
  // The merchant's staff and the customer learn who is coming: a first name and the vehicle.
  EXPECT_EQ(as_cook.at("courier").at("first_name").as_string(), "Rita");
  EXPECT_EQ(as_cook.at("courier").at("vehicle").as_string(), "bike");
  EXPECT_EQ(as_customer.at("courier").at("first_name").as_string(), "Rita");
  const auto as_rider = body_of(call("GET", path, "driver:rider"));
  EXPECT_FALSE(as_rider.contains("courier"));
  EXPECT_FALSE(as_rider.contains("pin"));
  EXPECT_FALSE(as_rider.contains("pickup_code"));
  EXPECT_TRUE(as_rider.contains("earnings"));
  EXPECT_EQ(call("GET", path, "customer:bob").status, 404);
  const auto by_order = call("GET", "/v1/orders/o-1/delivery", "customer:" + customer);
  ASSERT_EQ(by_order.status, 200) << by_order.body;
  EXPECT_EQ(body_of(by_order).at("id").as_string(), d.id());
  EXPECT_EQ(body_of(by_order).at("pin").as_string(), d.pin);
  EXPECT_EQ(call("GET", "/v1/orders/o-1/delivery", "customer:bob").status, 404);
  EXPECT_EQ(call("GET", "/v1/orders/o-2/delivery", "customer:" + customer).status, 404);
  EXPECT_EQ(call("GET", path, "driver:rival").status, 404);
  EXPECT_EQ(call("GET", path + "/path", "customer:bob").status, 404);
  const auto geo = call("GET", path + "/path", "customer:" + customer);
  ASSERT_EQ(geo.status, 200) << geo.body;
  EXPECT_EQ(geo.header("Content-Type"), "application/geo+json");
  EXPECT_EQ(body_of(geo).at("geometry").at("type").as_string(), "LineString");
  EXPECT_EQ(call("GET", "/v1/admin/metrics/eta", "driver:rider").status, 403);
  EXPECT_EQ(call("GET", "/v1/admin/metrics/eta?window_hours=0", "admin:boss").status, 422);
  EXPECT_EQ(call("GET", "/v1/admin/metrics/eta", "admin:boss").status, 200);
}

TEST_P(DeliveriesRoutesTest, TheCourierAndPathAreTheCustomersAndMerchantsOnlyWhileUnderWay) {
  const auto d = accepted(order("o-1"));
  online("rider", 0.5);
  ASSERT_TRUE(service().assign(d.id(), "rider"));
  const auto path = "/v1/deliveries/" + d.id() + "/path";
  EXPECT_EQ(call("GET", path, "customer:" + customer).status, 200);
  EXPECT_EQ(call("GET", path, "merchant:" + cook).status, 200);
  const auto status_path = "/v1/deliveries/" + d.id() + "/status";
  ASSERT_EQ(call("POST", status_path, "driver:rider", R"({"status":"at_pickup"})").status, 200);
  ASSERT_EQ(call("POST", status_path, "driver:rider",
                 R"({"status":"picked_up","pickup_code":")" + d.pickup_code + "\"}")
                .status,
            200);
  ASSERT_EQ(call("POST", status_path, "driver:rider",
                 R"({"status":"failed","reason":"nobody answered the door"})")
                .status,
            200);
  // Where the courier rode is theirs once the delivery is over; admins keep it for disputes.
  const auto as_customer = call("GET", path, "customer:" + customer);
  EXPECT_EQ(as_customer.status, 403) << as_customer.body;
  EXPECT_NE(as_customer.body.find("while the delivery is under way"), std::string::npos);
  EXPECT_EQ(call("GET", path, "merchant:" + cook).status, 403);
  EXPECT_EQ(call("GET", path, "driver:rider").status, 200);
  EXPECT_EQ(call("GET", path, "admin:boss").status, 200);
  // Who the courier was, likewise: no longer the customer's nor the merchant's to see.
  const auto delivery = "/v1/deliveries/" + d.id();
  EXPECT_FALSE(body_of(call("GET", delivery, "customer:" + customer)).contains("courier"));
  EXPECT_FALSE(body_of(call("GET", delivery, "merchant:" + cook)).contains("courier"));
  EXPECT_TRUE(body_of(call("GET", delivery, "admin:boss")).contains("courier"));
}

TEST_P(DeliveriesRoutesTest, TopicsAreOpenOnlyToTheirParties) {
  const auto d = accepted(order("o-1"));
  online("rider", 0.5);
  ASSERT_TRUE(service().assign(d.id(), "rider"));
  const auto upgrade = [](const std::string& who) {
    http::Request r;
    r.headers.emplace_back("Authorization", "Bearer " + who);
    return r;
  };
  const auto topic = "delivery." + d.id();
  EXPECT_TRUE(module->authorize_topic(upgrade("customer:" + customer), topic));
  EXPECT_TRUE(module->authorize_topic(upgrade("driver:rider"), topic));
  EXPECT_TRUE(module->authorize_topic(upgrade("merchant:" + cook), topic));
  EXPECT_FALSE(module->authorize_topic(upgrade("customer:bob"), topic));
  EXPECT_TRUE(module->authorize_topic(upgrade("driver:rider"), "driver.rider"));
  EXPECT_FALSE(module->authorize_topic(upgrade("driver:rival"), "driver.rider"));
  EXPECT_FALSE(module->authorize_topic(upgrade("customer:rider"), "driver.rider"));
}

INSTANTIATE_TEST_SUITE_P(Engines, DeliveriesRoutesTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::deliveries::testing
