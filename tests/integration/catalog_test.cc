// The catalog through the real binary on both engines where a scenario file cannot say it:
// revalidations answered from the menu cache, a change on one node dropping the copy cached on
// another, and start-up refusing catalog without identity. The rest is in tests/api/catalog.
#include <gtest/gtest.h>

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
            {"RESKFLOW_NOTIFICATIONS_MAIL_FILE", (dir.path() / "mail.log").string()},
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
  boost::json::object merchant(const std::string& token, const std::string& name) {
    auto r = call("POST", "/v1/merchants", merchant_body(name), token);
    EXPECT_EQ(r.status, 201) << r.body;
    return json_of(r);
  }
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

TEST_P(CatalogTest, RevalidationsAreAnsweredFromTheMenuCache) {
  start();
  const auto owner = user("owner@example.com", "merchant");
  const auto path = "/v1/merchants/" + str(merchant(owner, "Luigi's Pizzeria"), "id");
  auto put = call("PUT", path + "/menu", menu_body(), owner);
  ASSERT_EQ(put.status, 200) << put.body;
  const auto etag = get(path + "/menu").header("ETag").value_or("");
  ASSERT_FALSE(etag.empty());
  // Revalidations are answered from the cache, on the I/O thread (once the relay has handed
  // this node its own events, which may drop the first copy: poll with a deadline).
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (cache_hits() == 0 && std::chrono::steady_clock::now() < deadline) {
    EXPECT_EQ(get(path + "/menu", {}, {{"If-None-Match", etag}}).status, 304);
  }
  EXPECT_GE(cache_hits(), 1);
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

// Catalog's merchant staff live in identity: selecting catalog alone starts identity too, and
// says so.
TEST_P(CatalogTest, StartsIdentityWhenOnlyCatalogIsSelected) {
  auto e = env();
  e["PORT"] = "0";
  e["LOG_LEVEL"] = "info";
  Process serve({binary_path(), "serve", "--modules", "system,catalog"}, e);
  EXPECT_TRUE(serve.wait_for_line(
      std::regex(R"("event":"module_added","module":"identity","needed_by":"catalog")"), 60s))
      << serve.output();
  EXPECT_TRUE(
      serve.wait_for_line(std::regex(R"("event":"module_started","module":"identity")"), 60s))
      << serve.output();
  EXPECT_TRUE(serve.wait_for_line(std::regex(R"("event":"listening")"), 60s)) << serve.output();
}

INSTANTIATE_TEST_SUITE_P(Engines, CatalogTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing
