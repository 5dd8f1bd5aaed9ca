// The reviews routes through the real binary on both engines. Over HTTP nobody can publish
// orders.order.delivered (the orders module will), so this covers what a client sees without
// a delivered order: the empty summary, every refusal (401, 403, 404, 422) and the reviewable
// list; the unit tests (src/modules/reviews) cover the happy path from the event on.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "api.h"
#include "engines.h"
#include "process.h"
#include "reskflow/demo/city.h"
#include "reskflow/testing/client.h"
#include "reskflow/testing/paths.h"

namespace reskflow::testing {
namespace {

const std::string password = "plum tractor midnight";
const std::string nobody = "0190ffff-0000-7000-8000-000000000000";

std::set<std::string> error_fields(const HttpResult& r) {
  std::set<std::string> out;
  const auto body = json_of(r);
  if (const auto* errors = body.if_contains("errors")) {
    for (const auto& e : errors->as_array()) out.emplace(e.at("field").as_string());
  }
  return out;
}

class ReviewsTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    server = start_server({{"DATABASE_URL", url},
                           {"RESKFLOW_WEB_ROOT", (dir.path() / "web").string()},
                           {"RESKFLOW_IDENTITY_ARGON2_OPS", "1"},
                           {"RESKFLOW_IDENTITY_ARGON2_MEMORY_KIB", "64"},
                           {"RESKFLOW_IDENTITY_MAIL_FILE", (dir.path() / "mail.log").string()},
                           {"RESKFLOW_IDENTITY_AUTH_RATE_BURST", "100"}});
    client = std::make_unique<HttpClient>(server.port);
    customer = register_user("ada@example.com", "customer");
    merchant_user = register_user("luigi@example.com", "merchant");
    // A real merchant of the catalog: the demo city's first one.
    auto created =
        call("POST", "/v1/merchants", demo::berlin().merchants.front().document, merchant_user);
    ASSERT_EQ(created.status, 201) << created.body;
    merchant = std::string(json_of(created).at("id").as_string());
  }

  HttpResult call(std::string_view method, const std::string& path,
                  const boost::json::object& body = {}, const std::string& token = {}) {
    std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", "application/json"}};
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    return client->request(method, path, body.empty() ? "" : boost::json::serialize(body), headers);
  }

  std::string register_user(const std::string& email, const std::string& role) {
    auto r = call("POST", "/v1/auth/register",
                  {{"email", email}, {"password", password}, {"name", "Ada"}, {"role", role}});
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(json_of(r).at("access_token").as_string());
  }

  std::string reviews_path() const { return "/v1/merchants/" + merchant + "/reviews"; }

  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
  Server server;
  std::unique_ptr<HttpClient> client;
  std::string customer, merchant_user, merchant;
};

TEST_P(ReviewsTest, AnyoneReadsAMerchantsReviewsAndItsEmptySummary) {
  auto r = call("GET", reviews_path());
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = json_of(r);
  EXPECT_EQ(body.at("summary").at("count").as_int64(), 0);
  EXPECT_EQ(body.at("summary").at("average").to_number<double>(), 0);
  EXPECT_EQ(body.at("summary").at("distribution").as_object().size(), 5U);
  EXPECT_TRUE(body.at("data").as_array().empty());
  EXPECT_FALSE(body.at("has_more").as_bool());
  EXPECT_EQ(call("GET", "/v1/merchants/" + nobody + "/reviews").status, 404);
  auto bad = call("GET", reviews_path() + "?limit=500");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(error_fields(bad), (std::set<std::string>{"limit"}));
}

TEST_P(ReviewsTest, RefusesAReviewWithoutADeliveredOrder) {
  const boost::json::object review{{"order_id", nobody}, {"rating", 5}, {"comment", "Lovely."}};
  EXPECT_EQ(call("POST", reviews_path(), review).status, 401);
  EXPECT_EQ(call("POST", reviews_path(), review, merchant_user).status, 403);
  auto missing = call("POST", reviews_path(), review, customer);
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_EQ(missing.header("Content-Type").value_or(""), "application/problem+json");
  auto invalid =
      call("POST", reviews_path(),
           {{"order_id", nobody}, {"rating", 0}, {"comment", std::string(2001, 'x')}}, customer);
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(error_fields(invalid), (std::set<std::string>{"rating", "comment"}));
  EXPECT_EQ(call("GET", reviews_path()).status, 200);  // nothing was written
  EXPECT_EQ(json_of(call("GET", reviews_path())).at("summary").at("count").as_int64(), 0);
}

TEST_P(ReviewsTest, ListsNoReviewableOrdersAndDeletesNothingItDoesNotHave) {
  auto open = call("GET", "/v1/me/reviewable-orders", {}, customer);
  ASSERT_EQ(open.status, 200) << open.body;
  EXPECT_TRUE(json_of(open).at("data").as_array().empty());
  EXPECT_EQ(call("GET", "/v1/me/reviewable-orders", {}, merchant_user).status, 403);
  EXPECT_EQ(call("GET", "/v1/me/reviewable-orders").status, 401);
  EXPECT_EQ(call("DELETE", "/v1/reviews/" + nobody, {}, customer).status, 404);
  EXPECT_EQ(call("DELETE", "/v1/reviews/" + nobody, {}, merchant_user).status, 403);
  EXPECT_EQ(call("DELETE", "/v1/reviews/" + nobody).status, 401);
}

INSTANTIATE_TEST_SUITE_P(Engines, ReviewsTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing
