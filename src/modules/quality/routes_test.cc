// The quality routes over a real server on both engines, with a guard that stands in for
// identity's: ownership (404 for another's order, 403 for customers on admin routes), bad input,
// a refund resolved over HTTP and seen by the customer, and the score routes.
#include "test_fixture.h"

namespace reskflow::quality::testing {
namespace {

using reskflow::testing::HttpResult;

class QualityRoutesTest : public QualityFixture {
 protected:
  void SetUp() override {
    QualityFixture::SetUp();
    if (HasFatalFailure()) return;
    serve({module.get()});
  }

  static std::string first_field(const HttpResult& r) {
    return std::string(body_of(r).at("errors").as_array().at(0).at("field").as_string());
  }

  std::string report_on(const std::string& order, const boost::json::object& body) {
    auto created = call_json("POST", "/v1/orders/" + order + "/reports", as_ada, body);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.status == 201 ? std::string(body_of(created).at("id").as_string()) : "";
  }

  const std::string as_ada = "customer:" + ada;
  const std::string as_bob = "customer:" + bob;
};

TEST_P(QualityRoutesTest, CustomerReportsAndSeesTheRefund) {
  deliver("order-1", ada, clock.now_us());
  paid("order-1", ada);
  const auto id = report_on("order-1", {{"kind", "missing_items"},
                                        {"lines", {{{"item_id", pizza}, {"quantity", 2}}}},
                                        {"comment", "Two pizzas short."}});
  auto resolved = call_json("POST", "/v1/admin/reports/" + id + "/resolve", as_admin,
                            {{"decision", "refund"}, {"amount_minor", 1900}, {"reason", "sorry"}});
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_EQ(intent_of("order-1").refunded, eur(1900));

  auto mine = call("GET", "/v1/me/reports", as_ada);
  ASSERT_EQ(mine.status, 200) << mine.body;
  const auto report = body_of(mine).at("data").at(0).as_object();
  EXPECT_EQ(report.at("status").as_string(), "resolved");
  EXPECT_EQ(report.at("lines").at(0).at("quantity").as_int64(), 2);
  const auto& resolution = report.at("resolution").as_object();
  EXPECT_EQ(resolution.at("decision").as_string(), "refund");
  EXPECT_EQ(resolution.at("refund").at("amount_minor").as_int64(), 1900);
  EXPECT_EQ(resolution.at("resolved_at").as_string(), "2026-11-28T09:10:00Z");
  auto of_order = call("GET", "/v1/orders/order-1/reports", as_ada);
  ASSERT_EQ(of_order.status, 200);
  EXPECT_EQ(body_of(of_order).at("data").as_array().size(), 1U);
}

TEST_P(QualityRoutesTest, OwnershipAndRoles) {
  deliver("order-1", ada, clock.now_us());
  const boost::json::object late{{"kind", "late"}};
  EXPECT_EQ(call_json("POST", "/v1/orders/order-1/reports", as_bob, late).status, 404);
  EXPECT_EQ(call("GET", "/v1/orders/order-1/reports", as_bob).status, 404);
  const auto id = report_on("order-1", late);
  EXPECT_EQ(call("GET", "/v1/admin/reports", as_ada).status, 403);
  EXPECT_EQ(call_json("POST", "/v1/admin/reports/" + id + "/resolve", as_ada,
                      {{"decision", "no_refund"}, {"reason", "x"}})
                .status,
            403);
  EXPECT_EQ(call("GET", "/v1/admin/quality/merchants", as_ada).status, 403);
  EXPECT_EQ(call("GET", "/v1/drivers/me/quality", as_ada).status, 403);
  auto queue = call("GET", "/v1/admin/reports?status=open", as_admin);
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_EQ(body_of(queue).at("data").at(0).at("id").as_string(), id);
  EXPECT_EQ(call("GET", "/v1/admin/reports?status=closed", as_admin).status, 422);
}

TEST_P(QualityRoutesTest, RefusesBadInput) {
  deliver("order-1", ada, clock.now_us());
  paid("order-1", ada, 2500);
  auto unknown = call_json("POST", "/v1/orders/order-1/reports", as_ada, {{"kind", "rude"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(first_field(unknown), "kind");
  auto zero =
      call_json("POST", "/v1/orders/order-1/reports", as_ada,
                {{"kind", "missing_items"}, {"lines", {{{"item_id", pizza}, {"quantity", 0}}}}});
  EXPECT_EQ(zero.status, 422);
  EXPECT_EQ(first_field(zero), "lines[0].quantity");

  const auto id = report_on("order-1", {{"kind", "damaged"}});
  const auto resolve = "/v1/admin/reports/" + id + "/resolve";
  for (const std::int64_t bad : {-500, 2501}) {
    auto refused =
        call_json("POST", resolve, as_admin, {{"decision", "refund"}, {"amount_minor", bad}});
    EXPECT_EQ(refused.status, 422) << bad;
    EXPECT_EQ(first_field(refused), "amount_minor");
  }
  EXPECT_EQ(call_json("POST", resolve, as_admin, {{"decision", "maybe"}}).status, 422);
  EXPECT_EQ(call_json("POST", resolve, as_admin, {{"decision", "no_refund"}}).status, 422);
  EXPECT_EQ(intent_of("order-1").refunded, eur(0));

  clock.advance(std::chrono::hours(49));
  auto after = call_json("POST", "/v1/orders/order-1/reports", as_ada, {{"kind", "late"}});
  EXPECT_EQ(after.status, 422);
  EXPECT_NE(body_of(after).at("detail").as_string().find("48 hours after delivery"),
            std::string::npos);
}

TEST_P(QualityRoutesTest, ScoresForAdminsManagersAndDrivers) {
  directory.add_user("manager-1", identity::role_merchant);
  directory.add_user("staff-1", identity::role_merchant);
  ASSERT_TRUE(directory.add_member(luigi, "manager-1", identity::MerchantLevel::manager));
  ASSERT_TRUE(directory.add_member(luigi, "staff-1", identity::MerchantLevel::staff));
  deliver("order-1", ada, clock.now_us());
  const auto path = "/v1/merchants/" + luigi + "/quality";
  auto own = call("GET", path, "merchant:manager-1");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(body_of(own).at("delivered_orders").as_int64(), 1);
  EXPECT_DOUBLE_EQ(body_of(own).at("accuracy").to_number<double>(), 1.0);
  EXPECT_TRUE(body_of(own).at("rating").is_null());
  EXPECT_EQ(call("GET", path, "merchant:staff-1").status, 404);
  EXPECT_EQ(call("GET", "/v1/merchants/" + wok + "/quality", "merchant:manager-1").status, 404);

  auto admin = call("GET", "/v1/admin/quality/merchants?limit=1", as_admin);
  ASSERT_EQ(admin.status, 200) << admin.body;
  EXPECT_EQ(body_of(admin).at("data").at(0).at("merchant_id").as_string(), luigi);
  EXPECT_EQ(call("GET", "/v1/admin/quality/drivers?limit=0", as_admin).status, 422);
  auto driver = call("GET", "/v1/drivers/me/quality", "driver:" + dora);
  ASSERT_EQ(driver.status, 200) << driver.body;
  EXPECT_EQ(body_of(driver).at("driver_id").as_string(), dora);
  EXPECT_TRUE(body_of(driver).at("on_time_rate").is_null());
  EXPECT_TRUE(body_of(driver).at("rating").is_null());
  EXPECT_EQ(body_of(driver).at("rating_count").as_int64(), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, QualityRoutesTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::quality::testing
