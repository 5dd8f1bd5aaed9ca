// Group orders through the real binary on both engines, where a scenario file cannot say it: a
// merchant builds a menu through the catalog routes; a group order is made, joined by token,
// shared, locked, watched over WebSocket, and survives a participant's erasure. A single
// customer's cart is in tests/api/carts.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>

#include "api.h"
#include "engines.h"
#include "process.h"
#include "reskflow/testing/client.h"
#include "reskflow/testing/paths.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;
using Headers = std::vector<std::pair<std::string, std::string>>;

const std::string password = "plum tractor midnight";

class CartsTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    server = start_server({{"DATABASE_URL", url},
                           {"RESKFLOW_WEB_ROOT", (dir.path() / "web").string()},
                           {"RESKFLOW_IDENTITY_ARGON2_OPS", "1"},
                           {"RESKFLOW_IDENTITY_ARGON2_MEMORY_KIB", "64"},
                           {"RESKFLOW_NOTIFICATIONS_MAIL_FILE", (dir.path() / "mail.log").string()},
                           {"RESKFLOW_IDENTITY_AUTH_RATE_BURST", "100"}});
    client = std::make_unique<HttpClient>(server.port);
  }

  HttpResult call(std::string_view method, std::string_view path, const std::string& token,
                  const boost::json::object& body = {}, Headers extra = {}) {
    Headers h{{"Authorization", "Bearer " + token}};
    if (!body.empty()) h.emplace_back("Content-Type", "application/json");
    for (auto& e : extra) h.push_back(std::move(e));
    return client->request(method, path, body.empty() ? "" : boost::json::serialize(body), h);
  }

  std::string register_user(const std::string& email, const std::string& role) {
    auto r = client->request(
        "POST", "/v1/auth/register",
        boost::json::serialize(boost::json::object{
            {"email", email}, {"password", password}, {"name", "N " + email}, {"role", role}}),
        {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return str(json_of(r), "access_token");
  }

  std::string user_id(const std::string& token) {
    return str(json_of(call("GET", "/v1/me", token)), "id");
  }

  // Luigi's (EUR, 10.00 minimum) with Margherita 10.00 (Size required: Small, Large +3.00;
  // Toppings up to 3: Olives +0.50, Ham +1.50, Basil, Cheese +1.00), a sold-out Calzone and an
  // age-restricted Lager, built through the catalog routes. Fills `ids` by name.
  void build_merchant();
  std::string merchant_path() const { return "/v1/merchants/" + merchant_id; }

  std::string cart_for(const std::string& token, int expected_status) {
    auto r = call("POST", "/v1/carts", token, {{"merchant_id", merchant_id}});
    EXPECT_EQ(r.status, expected_status) << r.body;
    return str(json_of(r), "id");
  }
  HttpResult add_line(const std::string& token, const std::string& cart, const std::string& item,
                      std::int64_t quantity, const std::vector<std::string>& options) {
    boost::json::array option_ids;
    for (const auto& o : options) option_ids.emplace_back(ids.at(o));
    return call("POST", "/v1/carts/" + cart + "/lines", token,
                {{"item_id", ids.at(item)}, {"quantity", quantity}, {"option_ids", option_ids}});
  }

  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
  Server server;
  std::unique_ptr<HttpClient> client;
  std::string merchant_token;
  std::string merchant_id;
  std::map<std::string, std::string> ids;  // menu object ids by name
};

void CartsTest::build_merchant() {
  merchant_token = register_user("luigi@example.com", "merchant");
  auto created = call("POST", "/v1/merchants", merchant_token, luigis_profile());
  ASSERT_EQ(created.status, 201) << created.body;
  merchant_id = str(json_of(created), "id");
  const auto menu = merchant_path() + "/menu";
  auto group = [&](const char* name, int min, int max, boost::json::array options) {
    auto r = call("POST", menu + "/modifier-groups", merchant_token,
                  {{"name", name},
                   {"min_selections", min},
                   {"max_selections", max},
                   {"options", std::move(options)}});
    EXPECT_EQ(r.status, 201) << r.body;
  };
  group("Size", 1, 1,
        {{{"name", "Small"}, {"price_delta_minor", 0}},
         {{"name", "Large"}, {"price_delta_minor", 300}}});
  group("Toppings", 0, 3,
        {{{"name", "Olives"}, {"price_delta_minor", 50}},
         {{"name", "Ham"}, {"price_delta_minor", 150}},
         {{"name", "Basil"}, {"price_delta_minor", 0}},
         {{"name", "Cheese"}, {"price_delta_minor", 100}}});
  auto groups = json_of(call("GET", menu, merchant_token)).at("modifier_groups").as_array();
  for (const auto& g : groups) {
    ids[str(g.as_object(), "name")] = str(g.as_object(), "id");
    for (const auto& o : g.as_object().at("options").as_array())
      ids[str(o.as_object(), "name")] = str(o.as_object(), "id");
  }
  auto category = call("POST", menu + "/categories", merchant_token, {{"name", "Pizzas"}});
  ASSERT_EQ(category.status, 201) << category.body;
  const auto category_id = str(json_of(category), "id");
  auto item = [&](const char* name, std::int64_t price, boost::json::array groups_of,
                  bool age_restricted) {
    auto r = call("POST", menu + "/items", merchant_token,
                  {{"category_id", category_id},
                   {"name", name},
                   {"price_minor", price},
                   {"modifier_group_ids", std::move(groups_of)},
                   {"age_restricted", age_restricted}});
    EXPECT_EQ(r.status, 201) << r.body;
    ids[name] = str(json_of(r), "id");
  };
  item("Margherita", 1000, {ids.at("Size"), ids.at("Toppings")}, false);
  item("Calzone", 1200, {}, false);
  item("Lager", 500, {}, true);
  auto sold_out = call("PUT", menu + "/items/" + ids.at("Calzone") + "/stock", merchant_token,
                       {{"sold_out", true}});
  ASSERT_EQ(sold_out.status, 200) << sold_out.body;
}

TEST_P(CartsTest, GroupOrderIsJoinedSharedLockedAndWatched) {
  build_merchant();
  const auto ada = register_user("ada@example.com", "customer");
  const auto bob = register_user("bob@example.com", "customer");
  const auto eve = register_user("eve@example.com", "customer");
  const auto cart = cart_for(ada, 201);
  ASSERT_EQ(add_line(ada, cart, "Margherita", 1, {"Large"}).status, 201);
  auto group = call("POST", "/v1/carts/" + cart + "/group", ada, {{"display_name", "Ada"}});
  ASSERT_EQ(group.status, 200) << group.body;
  const auto token = str(json_of(group), "invite_token");
  EXPECT_GE(token.size(), 22U);  // at least 128 bits
  EXPECT_EQ(str(json_of(group), "invite_path"), "/customer/group/" + token);
  auto invite = json_of(call("GET", "/v1/group-invites/" + token, bob));
  EXPECT_EQ(str(invite, "merchant_name"), "Luigi's");
  EXPECT_EQ(str(invite, "host_display_name"), "Ada");
  EXPECT_EQ(invite.at("participant_count").as_int64(), 1);
  EXPECT_EQ(str(invite, "status"), "open");
  const auto join_path = "/v1/group-invites/" + token + "/join";
  EXPECT_EQ(call("POST", join_path, bob, {{"display_name", "Bob"}}).status, 201);
  EXPECT_EQ(call("POST", join_path, bob, {{"display_name", "Bob"}}).status, 200);  // idempotent
  auto bobs = add_line(bob, cart, "Margherita", 2, {"Small", "Cheese"});
  ASSERT_EQ(bobs.status, 201) << bobs.body;
  const auto bob_line = str(json_of(bobs).at("lines").as_array().back().as_object(), "id");
  auto shared = json_of(call("GET", "/v1/carts/" + cart, bob));
  const auto& shares = shared.at("participants").as_array();
  ASSERT_EQ(shares.size(), 2U);
  EXPECT_EQ(str(shares[0].as_object(), "display_name"), "Ada");
  EXPECT_EQ(shares[0].as_object().at("subtotal_minor").as_int64(), 1300);
  EXPECT_EQ(str(shares[1].as_object(), "display_name"), "Bob");
  EXPECT_EQ(shares[1].as_object().at("subtotal_minor").as_int64(), 2200);
  EXPECT_EQ(shared.at("subtotal_minor").as_int64(), 3500);
  // Bob watches the cart; Eve may not.
  WsClient watcher(server.port, "/v1/ws", {{"Authorization", "Bearer " + bob}});
  watcher.send(R"({"type":"subscribe","topic":"cart.)" + cart + R"("})");
  EXPECT_NE(watcher.receive().value_or("").find("subscribed"), std::string::npos);
  WsClient stranger(server.port, "/v1/ws", {{"Authorization", "Bearer " + eve}});
  stranger.send(R"({"type":"subscribe","topic":"cart.)" + cart + R"("})");
  EXPECT_NE(stranger.receive().value_or("").find("\"status\":404"), std::string::npos);
  auto locked = call("POST", "/v1/carts/" + cart + "/lock", ada);
  ASSERT_EQ(locked.status, 200) << locked.body;
  EXPECT_EQ(str(json_of(locked), "status"), "locked");
  EXPECT_NE(watcher.receive().value_or("").find("\"status\":\"locked\""), std::string::npos);
  auto refused = call("PATCH", "/v1/carts/" + cart + "/lines/" + bob_line, bob, {{"quantity", 3}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("host locked the cart"), std::string::npos) << refused.body;
  EXPECT_EQ(call("POST", "/v1/carts/" + cart + "/lock", bob).status, 403);
  EXPECT_EQ(call("GET", "/v1/carts/" + cart, eve).status, 404);
  EXPECT_EQ(call("POST", join_path, eve, {{"display_name", "Eve"}}).status, 409);
  auto listed = json_of(call("GET", "/v1/carts", bob));
  ASSERT_EQ(listed.at("data").as_array().size(), 1U);
  EXPECT_EQ(str(listed.at("data").as_array()[0].as_object(), "role"), "participant");
}

TEST_P(CartsTest, AnErasedParticipantLeavesTheGroupWithTheirLines) {
  build_merchant();
  const auto ada = register_user("ada@example.com", "customer");
  const auto bob = register_user("bob@example.com", "customer");
  const auto cart = cart_for(ada, 201);
  auto group = call("POST", "/v1/carts/" + cart + "/group", ada);
  ASSERT_EQ(group.status, 200) << group.body;
  const auto token = str(json_of(group), "invite_token");
  ASSERT_EQ(
      call("POST", "/v1/group-invites/" + token + "/join", bob, {{"display_name", "Bob"}}).status,
      201);
  ASSERT_EQ(add_line(bob, cart, "Margherita", 1, {"Small"}).status, 201);
  // The erasure reaches carts through the event relay; the cart's topic tells when it has.
  WsClient watcher(server.port, "/v1/ws", {{"Authorization", "Bearer " + ada}});
  watcher.send(R"({"type":"subscribe","topic":"cart.)" + cart + R"("})");
  ASSERT_NE(watcher.receive().value_or("").find("subscribed"), std::string::npos);
  ASSERT_EQ(call("DELETE", "/v1/me", bob, {{"password", password}}).status, 204);
  EXPECT_NE(watcher.receive(20s).value_or("").find("\"cart_id\":\"" + cart), std::string::npos);
  const auto doc = json_of(call("GET", "/v1/carts/" + cart, ada));
  EXPECT_EQ(doc.at("participants").as_array().size(), 1U) << doc;
  EXPECT_TRUE(doc.at("lines").as_array().empty()) << doc;
  EXPECT_EQ(str(doc.at("participants").as_array()[0].as_object(), "display_name"), "Host");
}

INSTANTIATE_TEST_SUITE_P(Engines, CartsTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing
