// The catalog through the real binary on both engines, as its users meet it: an owner creates
// a merchant and its menu, anyone reads the menu with an ETag (304 on revalidation, a new ETag
// after a change); staff of another merchant get 404 and customers 403; pause shows in the
// merchant document; an admin's suspension hides the merchant from the public; brands; and
// start-up refuses catalog without identity.
#include <gtest/gtest.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>
#include <regex>

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

boost::json::object merchant_body(const std::string& name) {
  auto doc = boost::json::parse(R"({
    "description": "Wood-fired pizza since 1982.",
    "address": {"line1": "12 rue de Rivoli", "city": "Paris", "postal_code": "75004",
                "country": "FR"},
    "location": {"lat": 48.8559, "lng": 2.3589}, "time_zone": "Europe/Paris",
    "currency": "EUR", "cuisines": ["pizza", "italian"], "price_level": 2,
    "prep_time_minutes": 15, "minimum_order_minor": 1000,
    "delivery_zone": {"type": "radius", "radius_m": 3000},
    "opening_hours": {"weekly": []}})")
                 .as_object();
  // Open around the clock, so that open_now holds whenever the test runs.
  auto& weekly = doc["opening_hours"].as_object()["weekly"].as_array();
  for (const auto* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
    weekly.push_back({{"day", day}, {"open", "00:00"}, {"close", "00:00"}});
  doc["name"] = name;
  return doc;
}

boost::json::object menu_body() {
  return boost::json::parse(R"({
    "modifier_groups": [{"id": "size", "name": "Size", "min_selections": 1, "max_selections": 1,
                         "options": [{"name": "Medium"},
                                     {"name": "Large", "price_delta_minor": 300}]}],
    "categories": [{"name": "Pizzas", "items": [
      {"name": "Margherita", "price_minor": 1150, "dietary": ["vegetarian"],
       "allergens": ["gluten", "milk"], "modifier_group_ids": ["size"]},
      {"name": "Diavola", "price_minor": 1350, "dietary": ["spicy"]}]}]})")
      .as_object();
}

class CatalogTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  std::map<std::string, std::string> env() {
    return {{"DATABASE_URL", url},
            {"RESKFLOW_WEB_ROOT", (dir.path() / "web").string()},
            {"RESKFLOW_IDENTITY_ARGON2_OPS", "1"},
            {"RESKFLOW_IDENTITY_ARGON2_MEMORY_KIB", "64"},
            {"RESKFLOW_IDENTITY_MAIL_FILE", (dir.path() / "mail.log").string()},
            {"RESKFLOW_IDENTITY_AUTH_RATE_BURST", "100"}};
  }
  void start() {
    server = start_server(env());
    client = std::make_unique<HttpClient>(server.port);
  }
  HttpResult call(std::string_view method, std::string_view path, const boost::json::object& body,
                  const std::string& token = {}, Headers extra = {}) {
    Headers h{{"Content-Type", "application/json"}};
    if (!token.empty()) h.emplace_back("Authorization", "Bearer " + token);
    for (auto& e : extra) h.push_back(std::move(e));
    return client->request(method, path, body.empty() ? "" : boost::json::serialize(body), h);
  }
  HttpResult get(std::string_view path, const std::string& token = {}, Headers extra = {}) {
    if (!token.empty()) extra.emplace_back("Authorization", "Bearer " + token);
    return client->request("GET", path, {}, extra);
  }
  std::string user(const std::string& email, const std::string& role) {
    auto r = call("POST", "/v1/auth/register",
                  {{"email", email}, {"password", password}, {"name", "N"}, {"role", role}});
    EXPECT_EQ(r.status, 201) << r.body;
    return str(json_of(r), "access_token");
  }
  std::string user_id(const std::string& token) { return str(json_of(get("/v1/me", token)), "id"); }
  boost::json::object merchant(const std::string& token, const std::string& name) {
    auto r = call("POST", "/v1/merchants", merchant_body(name), token);
    EXPECT_EQ(r.status, 201) << r.body;
    return json_of(r);
  }
  std::string admin_token();
  // catalog_menu_requests_total{cache="hit"} from /metrics.
  int cache_hits() {
    const auto metrics = client->get("/metrics").body;
    std::smatch hits;
    if (!std::regex_search(metrics, hits,
                           std::regex(R"re(catalog_menu_requests_total\{cache="hit"\} (\d+))re")))
      return 0;
    return std::stoi(hits[1]);
  }

  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
  Server server;
  std::unique_ptr<HttpClient> client;
};

// `reskflow admin create`, login, TOTP enrolment: the enrolling session counts as two-factor.
std::string CatalogTest::admin_token() {
  Process create({binary_path(), "admin", "create", "--email", "root@example.com"}, env());
  EXPECT_EQ(create.wait_exit(60s), 0) << create.output();
  std::smatch m;
  const auto out = create.output();
  EXPECT_TRUE(std::regex_search(out, m, std::regex("one-time password: (\\S+)"))) << out;
  auto login = json_of(call("POST", "/v1/auth/login",
                            {{"email", "root@example.com"}, {"password", std::string(m[1])}}));
  const auto token = str(login, "access_token");
  const auto secret =
      base32_decode(str(json_of(call("POST", "/v1/me/mfa/totp", {}, token)), "secret"));
  EXPECT_EQ(
      call("POST", "/v1/me/mfa/totp/confirm", {{"code", totp(secret, totp_step_now())}}, token)
          .status,
      200);
  return token;
}

TEST_P(CatalogTest, OwnerPublishesAMenuThatAnyoneReadsWithAnETag) {
  start();
  const auto owner = user("owner@example.com", "merchant");
  const auto created = merchant(owner, "Luigi's Pizzeria");
  EXPECT_EQ(str(created, "slug"), "luigis-pizzeria");
  EXPECT_TRUE(created.at("open_now").as_bool());
  const auto path = "/v1/merchants/" + str(created, "id");
  auto put = call("PUT", path + "/menu", menu_body(), owner);
  ASSERT_EQ(put.status, 200) << put.body;
  const auto items = json_of(put).at("categories").as_array()[0].at("items").as_array();
  ASSERT_EQ(items.size(), 2U);
  auto first = get(path + "/menu");
  ASSERT_EQ(first.status, 200) << first.body;
  const auto etag = first.header("ETag").value_or("");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(json_of(first).at("version").as_int64(), 2);
  auto again = get(path + "/menu", {}, {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  // Revalidations are answered from the cache, on the I/O thread (once the relay has handed
  // this node its own events, which may drop the first copy: poll with a deadline).
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (cache_hits() == 0 && std::chrono::steady_clock::now() < deadline) {
    EXPECT_EQ(get(path + "/menu", {}, {{"If-None-Match", etag}}).status, 304);
  }
  EXPECT_GE(cache_hits(), 1);
  // Staff mark an item sold out: the next read has a new ETag and shows it.
  const auto diavola = str(items[1].as_object(), "id");
  auto stock = call("PUT", path + "/menu/items/" + diavola + "/stock", {{"sold_out", true}}, owner);
  ASSERT_EQ(stock.status, 200) << stock.body;
  auto changed = get(path + "/menu", {}, {{"If-None-Match", etag}});
  ASSERT_EQ(changed.status, 200);
  EXPECT_NE(changed.header("ETag").value_or(""), etag);
  EXPECT_TRUE(json_of(changed)
                  .at("categories")
                  .as_array()[0]
                  .at("items")
                  .as_array()[1]
                  .at("sold_out")
                  .as_bool());
  // An invalid menu names the field; the menu stays as it was.
  auto bad = menu_body();
  bad["categories"].as_array()[0].at("items").as_array()[1].as_object()["price_minor"] = -1;
  auto refused = call("PUT", path + "/menu", bad, owner);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(str(json_of(refused).at("errors").as_array()[0].as_object(), "field"),
            "categories[0].items[1].price_minor");
  EXPECT_EQ(
      get(path + "/menu", {}, {{"If-None-Match", changed.header("ETag").value_or("")}}).status,
      304);
}

TEST_P(CatalogTest, EditsTheMenuOneObjectAtATime) {
  start();
  const auto owner = user("owner@example.com", "merchant");
  const auto path = "/v1/merchants/" + str(merchant(owner, "Sushi Ko"), "id") + "/menu";
  auto category = call("POST", path + "/categories", {{"name", "Rolls"}}, owner);
  ASSERT_EQ(category.status, 201) << category.body;
  const auto category_id = str(json_of(category), "id");
  auto group = call("POST", path + "/modifier-groups",
                    {{"name", "Sauce"},
                     {"min_selections", 0},
                     {"max_selections", 1},
                     {"options", boost::json::array{{{"name", "Soy"}}}}},
                    owner);
  ASSERT_EQ(group.status, 201) << group.body;
  auto item = call("POST", path + "/items",
                   {{"category_id", category_id},
                    {"name", "California roll"},
                    {"price_minor", 800},
                    {"modifier_group_ids", boost::json::array{json_of(group).at("id")}}},
                   owner);
  ASSERT_EQ(item.status, 201) << item.body;
  const auto item_path = path + "/items/" + str(json_of(item), "id");
  auto patched = call("PATCH", item_path, {{"price_minor", 850}}, owner);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(json_of(patched).at("price_minor").as_int64(), 850);
  EXPECT_EQ(call("DELETE", item_path, {}, owner).status, 204);
  EXPECT_EQ(call("DELETE", item_path, {}, owner).status, 404);
  auto menu = json_of(get(path));
  EXPECT_TRUE(menu.at("categories").as_array()[0].at("items").as_array().empty());
  EXPECT_EQ(menu.at("modifier_groups").as_array().size(), 1U);
}

TEST_P(CatalogTest, OnlyTheMerchantsStaffMayChangeIt) {
  start();
  const auto owner = user("owner@example.com", "merchant");
  const auto stranger = user("other@example.com", "merchant");
  const auto customer = user("eve@example.com", "customer");
  merchant(stranger, "Stranger's Diner");
  const auto path = "/v1/merchants/" + str(merchant(owner, "Luigi's"), "id");
  EXPECT_EQ(call("PATCH", path, {{"price_level", 3}}, stranger).status, 404);
  EXPECT_EQ(call("PATCH", path, {{"price_level", 3}}, customer).status, 403);
  EXPECT_EQ(call("PATCH", path, {{"price_level", 3}}).status, 401);
  EXPECT_EQ(call("PUT", path + "/menu", menu_body(), stranger).status, 404);
  EXPECT_EQ(call("PUT", path + "/pause", {{"minutes", 20}}, customer).status, 403);
  EXPECT_EQ(call("POST", "/v1/merchants", merchant_body("Mine"), customer).status, 403);
  auto patched = call("PATCH", path, {{"price_level", 3}}, owner);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(json_of(patched).at("price_level").as_int64(), 3);
  // Brands: the owner creates one; the kitchen lists it; a brand hosts no brands.
  auto brand_body = merchant_body("Luigi's Burgers");
  for (const auto* key : {"address", "location", "time_zone", "currency"}) brand_body.erase(key);
  brand_body["cuisines"] = boost::json::array{"burgers"};
  auto brand = call("POST", path + "/brands", brand_body, owner);
  ASSERT_EQ(brand.status, 201) << brand.body;
  EXPECT_EQ(str(json_of(brand), "kitchen_id"), path.substr(path.rfind('/') + 1));
  EXPECT_EQ(call("POST", path + "/brands", brand_body, stranger).status, 404);
  const auto brands = json_of(get(path + "/brands")).at("data").as_array();
  ASSERT_EQ(brands.size(), 1U);
  // The brand's staff are the kitchen's.
  const auto brand_path = "/v1/merchants/" + str(json_of(brand), "id");
  EXPECT_EQ(call("PUT", brand_path + "/menu", menu_body(), owner).status, 200);
  EXPECT_EQ(call("POST", brand_path + "/brands", brand_body, owner).status, 409);
}

TEST_P(CatalogTest, PauseShowsAndSuspensionHidesTheMerchant) {
  start();
  const auto admin = admin_token();
  const auto owner = user("owner@example.com", "merchant");
  const auto id = str(merchant(owner, "Luigi's"), "id");
  const auto path = "/v1/merchants/" + id;
  ASSERT_EQ(call("PUT", path + "/menu", menu_body(), owner).status, 200);
  auto paused = call("PUT", path + "/pause", {{"minutes", 20}, {"reason", "busy"}}, owner);
  ASSERT_EQ(paused.status, 200) << paused.body;
  auto seen = json_of(get(path));
  EXPECT_FALSE(seen.at("paused_until").is_null());
  EXPECT_EQ(str(seen, "pause_reason"), "busy");
  EXPECT_FALSE(seen.at("open_now").as_bool());
  EXPECT_EQ(call("PUT", path + "/pause", {{"minutes", 1441}}, owner).status, 422);
  ASSERT_EQ(call("DELETE", path + "/pause", {}, owner).status, 200);
  EXPECT_TRUE(json_of(get(path)).at("open_now").as_bool());
  ASSERT_EQ(get(path + "/menu").status, 200);  // cached for the public now
  auto suspended = call("POST", "/v1/admin/merchants/" + id + "/suspend", {}, admin);
  ASSERT_EQ(suspended.status, 200) << suspended.body;
  EXPECT_EQ(get(path).status, 404);
  EXPECT_EQ(get(path + "/menu").status, 404);
  EXPECT_EQ(get(path, owner).status, 200);  // its staff still see it
  EXPECT_EQ(get(path + "/menu", admin).status, 200);
  auto listed = json_of(get("/v1/admin/merchants?status=suspended&q=LUIGI", admin));
  ASSERT_EQ(listed.at("data").as_array().size(), 1U);
  EXPECT_EQ(get("/v1/admin/merchants", owner).status, 403);
  ASSERT_EQ(call("POST", "/v1/admin/merchants/" + id + "/reinstate", {}, admin).status, 200);
  EXPECT_EQ(get(path + "/menu").status, 200);
  // Both decisions are in the audit log, with the merchant as their target.
  for (const auto* action : {"admin.merchant_suspended", "admin.merchant_reinstated"}) {
    const auto audit = json_of(get(std::string("/v1/admin/audit?action=") + action, admin));
    const auto& rows = audit.at("data").as_array();
    ASSERT_EQ(rows.size(), 1U) << action;
    EXPECT_EQ(str(rows[0], "target_type"), "merchant");
    EXPECT_EQ(str(rows[0], "target_id"), id);
  }
}

TEST_P(CatalogTest, AChangeOnOneNodeDropsTheMenuCachedOnAnother) {
  auto e = env();
  e["RESKFLOW_NODE_NAME"] = "node-a";
  server = start_server(e);
  client = std::make_unique<HttpClient>(server.port);
  e["RESKFLOW_NODE_NAME"] = "node-b";
  auto other = start_server(e);
  HttpClient b(other.port);
  const auto owner = user("owner@example.com", "merchant");
  const auto path = "/v1/merchants/" + str(merchant(owner, "Luigi's"), "id") + "/menu";
  auto put = call("PUT", path, menu_body(), owner);
  ASSERT_EQ(put.status, 200) << put.body;
  const auto item =
      str(json_of(put).at("categories").as_array()[0].at("items").as_array()[0].as_object(), "id");
  // Node b caches the menu, then node a marks an item sold out.
  ASSERT_EQ(b.get(path).status, 200);
  const auto cached_etag = b.get(path).header("ETag").value_or("");
  ASSERT_EQ(call("PUT", path + "/items/" + item + "/stock", {{"sold_out", true}}, owner).status,
            200);
  // Node b's relay delivers catalog.menu.updated and drops its copy: poll with a deadline.
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  std::string etag = cached_etag;
  while (etag == cached_etag && std::chrono::steady_clock::now() < deadline) {
    etag = b.get(path).header("ETag").value_or("");
  }
  EXPECT_NE(etag, cached_etag);
  EXPECT_TRUE(json_of(b.get(path))
                  .at("categories")
                  .as_array()[0]
                  .at("items")
                  .as_array()[0]
                  .at("sold_out")
                  .as_bool());
}

TEST_P(CatalogTest, RefusesToStartWithoutIdentity) {
  auto e = env();
  e["PORT"] = "0";
  Process serve({binary_path(), "serve", "--modules", "system,catalog"}, e);
  const auto code = serve.wait_exit(60s);
  ASSERT_TRUE(code);
  EXPECT_NE(*code, 0);
  EXPECT_NE(serve.output().find("catalog needs identity"), std::string::npos) << serve.output();
}

INSTANTIATE_TEST_SUITE_P(Engines, CatalogTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing
