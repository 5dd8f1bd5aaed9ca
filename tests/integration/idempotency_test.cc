// Idempotency-Key through the real binary on both engines: a retried cart line is added once
// and its response replayed with Idempotent-Replayed, another body under the same key is 422,
// requests without a key behave as before, a stored response outlives a kill -9, and
// concurrent retries of an order place it once.
#include <gtest/gtest.h>

#include <signal.h>

#include <boost/json.hpp>

#include <chrono>
#include <set>

#include "api.h"
#include "engines.h"
#include "process.h"
#include "reskflow/testing/client.h"
#include "reskflow/testing/paths.h"
#include "shop.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;
using Headers = std::vector<std::pair<std::string, std::string>>;

class IdempotencyTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override { start(); }

  void start() {
    server = start_server({{"DATABASE_URL", url},
                           {"RESKFLOW_WEB_ROOT", (dir.path() / "web").string()},
                           {"RESKFLOW_IDENTITY_ARGON2_OPS", "1"},
                           {"RESKFLOW_IDENTITY_ARGON2_MEMORY_KIB", "64"},
                           {"RESKFLOW_NOTIFICATIONS_MAIL_FILE", (dir.path() / "mail.log").string()},
                           {"RESKFLOW_IDENTITY_AUTH_RATE_BURST", "100"}});
    client = std::make_unique<HttpClient>(server.port);
  }

  HttpResult call(std::string_view method, std::string_view path, const std::string& token,
                  const boost::json::object& body = {}, std::optional<std::string> key = {}) {
    Headers h{{"Authorization", "Bearer " + token}};
    if (!body.empty()) h.emplace_back("Content-Type", "application/json");
    if (key) h.emplace_back("Idempotency-Key", *key);
    return client->request(method, path, body.empty() ? "" : boost::json::serialize(body), h);
  }

  std::string register_user(const std::string& email, const std::string& role) {
    auto r = client->request(
        "POST", "/v1/auth/register",
        boost::json::serialize(boost::json::object{{"email", email},
                                                   {"password", "plum tractor midnight"},
                                                   {"name", "N " + email},
                                                   {"role", role}}),
        {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return str(json_of(r), "access_token");
  }

  // A merchant open all week with a Margherita and a Calzone; returns the merchant's id.
  std::string build_merchant();

  // The cart's lines as "item_id x quantity", in order.
  std::vector<std::string> lines_of(const std::string& token, const std::string& cart) {
    std::vector<std::string> out;
    const auto doc = json_of(call("GET", "/v1/carts/" + cart, token));
    for (const auto& line : doc.at("lines").as_array()) {
      out.push_back(str(line.as_object(), "item_id") + " x " +
                    std::to_string(line.as_object().at("quantity").as_int64()));
    }
    return out;
  }

  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
  Server server;
  std::unique_ptr<HttpClient> client;
  std::string merchant_token;
  std::string margherita;
  std::string calzone;
};

std::string IdempotencyTest::build_merchant() {
  merchant_token = register_user("luigi@example.com", "merchant");
  auto created = call("POST", "/v1/merchants", merchant_token, luigis_profile());
  EXPECT_EQ(created.status, 201) << created.body;
  const auto merchant_id = str(json_of(created), "id");
  const auto menu = "/v1/merchants/" + merchant_id + "/menu";
  auto category = call("POST", menu + "/categories", merchant_token, {{"name", "Pizzas"}});
  EXPECT_EQ(category.status, 201) << category.body;
  auto item = [&](const char* name, std::int64_t price) {
    auto r = call(
        "POST", menu + "/items", merchant_token,
        {{"category_id", str(json_of(category), "id")}, {"name", name}, {"price_minor", price}});
    EXPECT_EQ(r.status, 201) << r.body;
    return str(json_of(r), "id");
  };
  margherita = item("Margherita", 1000);
  calzone = item("Calzone", 1200);
  return merchant_id;
}

TEST_P(IdempotencyTest, ARetriedCartLineIsAddedOnceAndItsResponseReplayed) {
  const auto merchant_id = build_merchant();
  const auto ada = register_user("ada@example.com", "customer");
  auto opened = call("POST", "/v1/carts", ada, {{"merchant_id", merchant_id}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  const auto cart = str(json_of(opened), "id");
  const auto lines = "/v1/carts/" + cart + "/lines";
  const boost::json::object two_margheritas{{"item_id", margherita}, {"quantity", 2}};

  auto first = call("POST", lines, ada, two_margheritas, "add-margherita-1");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_FALSE(first.header("Idempotent-Replayed"));
  auto retry = call("POST", lines, ada, two_margheritas, "add-margherita-1");
  EXPECT_EQ(retry.status, 201) << retry.body;
  EXPECT_EQ(retry.header("Idempotent-Replayed").value_or(""), "true");
  EXPECT_EQ(retry.body, first.body);
  EXPECT_EQ(retry.header("ETag"), first.header("ETag"));
  EXPECT_EQ(lines_of(ada, cart), std::vector<std::string>{margherita + " x 2"});

  auto other = call("POST", lines, ada, {{"item_id", calzone}}, "add-margherita-1");
  EXPECT_EQ(other.status, 422) << other.body;
  EXPECT_EQ(other.header("Content-Type").value_or(""), "application/problem+json");
  EXPECT_EQ(str(json_of(other), "type"), "urn:reskflow:problem:idempotency-key-reused");
  EXPECT_EQ(lines_of(ada, cart), std::vector<std::string>{margherita + " x 2"});

  // Without a key each request acts, as before (the same item again merges into its line).
  EXPECT_EQ(call("POST", lines, ada, {{"item_id", calzone}}).status, 201);
  EXPECT_EQ(call("POST", lines, ada, {{"item_id", calzone}}).status, 201);
  EXPECT_EQ(lines_of(ada, cart), (std::vector<std::string>{margherita + " x 2", calzone + " x 2"}));
}

TEST_P(IdempotencyTest, KeysBelongToTheirCallerAndStoredResponsesSurviveAKill) {
  const auto merchant_id = build_merchant();
  const auto ada = register_user("ada@example.com", "customer");
  const auto bob = register_user("bob@example.com", "customer");
  const boost::json::object body{{"merchant_id", merchant_id}};
  auto ada_cart = call("POST", "/v1/carts", ada, body, "open-cart");
  ASSERT_EQ(ada_cart.status, 201) << ada_cart.body;
  // Bob's identical request with Ada's key is his own: a cart of his, not Ada's replayed.
  auto bob_cart = call("POST", "/v1/carts", bob, body, "open-cart");
  ASSERT_EQ(bob_cart.status, 201) << bob_cart.body;
  EXPECT_FALSE(bob_cart.header("Idempotent-Replayed"));
  EXPECT_NE(str(json_of(bob_cart), "id"), str(json_of(ada_cart), "id"));

  server.process->signal(SIGKILL);
  ASSERT_TRUE(server.process->wait_exit(10s));
  start();
  auto after_restart = call("POST", "/v1/carts", ada, body, "open-cart");
  EXPECT_EQ(after_restart.status, 201) << after_restart.body;
  EXPECT_EQ(after_restart.header("Idempotent-Replayed").value_or(""), "true");
  EXPECT_EQ(str(json_of(after_restart), "id"), str(json_of(ada_cart), "id"));
}

TEST_P(IdempotencyTest, AMalformedKeyIsRefusedBeforeAnythingIsCreated) {
  const auto merchant_id = build_merchant();
  const auto ada = register_user("ada@example.com", "customer");
  auto too_long =
      call("POST", "/v1/carts", ada, {{"merchant_id", merchant_id}}, std::string(256, 'k'));
  EXPECT_EQ(too_long.status, 400) << too_long.body;
  EXPECT_NE(too_long.body.find("Idempotency-Key"), std::string::npos) << too_long.body;
  EXPECT_TRUE(json_of(call("GET", "/v1/carts", ada)).at("data").as_array().empty());
}

// POST /v1/orders writes its key in the order's own transaction: of several identical requests
// sent at once with one key, one places the order and every other waits for it and gets its
// answer replayed; no second order, no second charge.
TEST_P(IdempotencyTest, ConcurrentRetriesOfAnOrderPlaceItOnceAndAllGetItsAnswer) {
  const auto shop = open_storefront(*client, 10);
  const auto ada = register_user("ada@example.com", "customer");
  const auto cart = fill_cart(*client, ada, shop.merchant_id, {{shop.item_ids[0], 2}});
  const auto body = checkout_body(cart, 100, "4242424242424242");
  constexpr std::size_t racers = 4;
  const auto answers = race(server.port, racers, "POST", "/v1/orders", ada, body, "place-once");
  std::set<std::string> ids;
  std::size_t replayed = 0;
  for (const auto& a : answers) {
    ASSERT_EQ(a.status, 201) << a.body;
    ids.insert(str(json_of(a), "id"));
    replayed += a.header("Idempotent-Replayed").has_value() ? 1U : 0U;
  }
  EXPECT_EQ(ids.size(), 1U);
  EXPECT_EQ(replayed, racers - 1);
  const auto mine = json_of(call("GET", "/v1/orders", ada)).at("data").as_array();
  ASSERT_EQ(mine.size(), 1U);
  EXPECT_EQ(str(mine[0].as_object(), "id"), *ids.begin());
  // Another body under the key is refused; the key's answer stays the order.
  auto other =
      ::reskflow::testing::call(*client, "POST", "/v1/orders", ada,
                                checkout_body(cart, 200, "4242424242424242"), "place-once");
  EXPECT_EQ(other.status, 422) << other.body;
}

INSTANTIATE_TEST_SUITE_P(Engines, IdempotencyTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing
