// The promotions routes over a real server on both engines, with a guard that stands in for
// identity's: a merchant's manager runs its campaigns (create, list, pause, resume, end) and sees
// their redemptions and budget; staff and other merchants' managers see none (404); admins run
// the platform's; bad input names its fields.
#include "test_fixture.h"

namespace reskflow::promotions::testing {
namespace {

class PromotionsRoutesTest : public PromotionsFixture {
 protected:
  void SetUp() override {
    PromotionsFixture::SetUp();
    if (HasFatalFailure()) return;
    directory.add_user(mia, identity::role_merchant);
    directory.add_user("staff-1", identity::role_merchant);
    ASSERT_TRUE(directory.add_member(luigi, mia, identity::MerchantLevel::manager));
    ASSERT_TRUE(directory.add_member(luigi, "staff-1", identity::MerchantLevel::staff));
    serve({module.get()});
  }

  const std::string base = "/v1/merchants/" + luigi + "/promotions";
  const std::string as_mia = "merchant:" + mia;
};

TEST_P(PromotionsRoutesTest, AManagerRunsTheMerchantsCampaigns) {
  auto created = call_json("POST", base, as_mia,
                           {{"name", "Welcome"},
                            {"code", "welcome10"},
                            {"kind", "percentage"},
                            {"percent", 10},
                            {"amount_minor", 500},
                            {"currency", "EUR"},
                            {"first_order_only", true},
                            {"per_user_limit", 1},
                            {"budget_minor", 10000},
                            {"ends_at", "2026-12-31T23:00:00Z"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto p = body_of(created);
  const std::string id(p.at("id").as_string());
  EXPECT_EQ(created.header("Location").value_or(""), base + "/" + id);
  EXPECT_EQ(p.at("code").as_string(), "WELCOME10");
  EXPECT_EQ(p.at("funder").as_string(), "merchant");
  EXPECT_EQ(p.at("status").as_string(), "active");
  EXPECT_EQ(p.at("budget_left_minor").as_int64(), 10000);
  EXPECT_EQ(p.at("starts_at").as_string(), "2026-11-28T09:10:00Z");

  auto newcomer = basket("WELCOME10");
  newcomer.first_order = true;
  ASSERT_TRUE(place("order-1", newcomer));
  auto listed = call("GET", base + "?limit=10", as_mia);
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto first = body_of(listed).at("data").at(0).as_object();
  EXPECT_EQ(first.at("redemptions").as_int64(), 1);
  EXPECT_EQ(first.at("spent_minor").as_int64(), 285);
  EXPECT_EQ(first.at("budget_left_minor").as_int64(), 9715);

  auto paused = call("POST", base + "/" + id + "/pause", as_mia);
  ASSERT_EQ(paused.status, 200) << paused.body;
  EXPECT_EQ(body_of(paused).at("status").as_string(), "paused");
  EXPECT_EQ(call("POST", base + "/" + id + "/pause", as_mia).status, 409);
  EXPECT_EQ(body_of(call("POST", base + "/" + id + "/resume", as_mia)).at("status").as_string(),
            "active");
  EXPECT_EQ(body_of(call("POST", base + "/" + id + "/end", as_mia)).at("status").as_string(),
            "ended");
  EXPECT_EQ(body_of(call("GET", base + "/" + id, as_mia)).at("status").as_string(), "ended");
}

TEST_P(PromotionsRoutesTest, OnlyTheMerchantsManagersAndAdminsSeeItsCampaigns) {
  const auto p = create(draft("MINE"));
  EXPECT_EQ(call("GET", base, "merchant:staff-1").status, 404);
  EXPECT_EQ(call("GET", "/v1/merchants/" + wok + "/promotions", as_mia).status, 404);
  EXPECT_EQ(call("POST", "/v1/merchants/" + wok + "/promotions/" + p.id + "/pause", as_mia).status,
            404);
  EXPECT_EQ(call("GET", base, "customer:" + ada).status, 403);
  EXPECT_EQ(call("GET", base).status, 401);
  EXPECT_EQ(call("GET", "/v1/admin/promotions", as_mia).status, 403);
  EXPECT_EQ(call("GET", "/v1/admin/promotions/" + p.id, as_admin).status,
            404);  // not the platform's
  auto as_admin_here = call("GET", base + "/" + p.id, as_admin);
  EXPECT_EQ(as_admin_here.status, 200) << as_admin_here.body;
}

TEST_P(PromotionsRoutesTest, AdminsRunThePlatformsCampaigns) {
  auto created = call_json("POST", "/v1/admin/promotions", as_admin,
                           {{"name", "Free delivery week"},
                            {"kind", "free_delivery"},
                            {"currency", "EUR"},
                            {"merchant_ids", {luigi, wok}},
                            {"redemptions_max", 1000}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto p = body_of(created);
  EXPECT_EQ(p.at("funder").as_string(), "platform");
  EXPECT_TRUE(p.at("code").is_null());
  EXPECT_EQ(p.at("merchant_ids").as_array().size(), 2U);
  auto listed = call("GET", "/v1/admin/promotions", as_admin);
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(body_of(listed).at("data").as_array().size(), 1U);
  EXPECT_EQ(body_of(call("GET", base, as_mia)).at("data").as_array().size(), 0U);
  const auto got = must(service().discounts(basket()));
  ASSERT_EQ(got.size(), 1U);
  EXPECT_EQ(got[0].label, "Free delivery week: free delivery");
}

TEST_P(PromotionsRoutesTest, BadInputNamesItsFields) {
  auto bad = call_json("POST", base, as_mia,
                       {{"name", "x"},
                        {"kind", "bogo"},
                        {"currency", "euro"},
                        {"merchant_ids", {wok}},
                        {"starts_at", "tomorrow"}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(error_fields(bad),
            (std::set<std::string>{"kind", "currency", "merchant_ids", "starts_at"}));
  auto fixed = call_json("POST", base, as_mia,
                         {{"name", "x"}, {"kind", "fixed_amount"}, {"currency", "EUR"}});
  ASSERT_EQ(fixed.status, 422) << fixed.body;
  EXPECT_EQ(error_fields(fixed), (std::set<std::string>{"amount_minor"}));
  create(draft("TAKEN"));
  auto taken = call_json("POST", base, as_mia,
                         {{"name", "x"},
                          {"code", "taken"},
                          {"kind", "fixed_amount"},
                          {"amount_minor", 100},
                          {"currency", "EUR"}});
  EXPECT_EQ(taken.status, 409) << taken.body;
}

INSTANTIATE_TEST_SUITE_P(Engines, PromotionsRoutesTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::promotions::testing
