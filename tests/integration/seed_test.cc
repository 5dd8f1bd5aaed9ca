// `reskflow seed` through the real binary on both engines: a fresh database gets the demo city
// once (a second run changes nothing), then `reskflow serve` lists it near the centre of Berlin
// once discovery has indexed it (best rated first reorders it, every dietary filter narrows it),
// serves full menus and the placeholder photos, and the demo accounts log in (the admin through
// TOTP with the documented secret). Refused in production.
#include <gtest/gtest.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>
#include <chrono>
#include <set>
#include <thread>

#include "api.h"
#include "engines.h"
#include "process.h"
#include "reskflow/demo/accounts.h"
#include "reskflow/testing/client.h"
#include "reskflow/testing/paths.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

const std::string centre = "lat=52.520&lng=13.405";

class SeedTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  std::map<std::string, std::string> env() {
    return {{"DATABASE_URL", url},
            {"RESKFLOW_WEB_ROOT", (source_dir() / "web/public").string()},
            {"RESKFLOW_IDENTITY_ARGON2_OPS", "1"},
            {"RESKFLOW_IDENTITY_ARGON2_MEMORY_KIB", "64"},
            {"RESKFLOW_NOTIFICATIONS_MAIL_FILE", (dir.path() / "mail.log").string()},
            {"RESKFLOW_IDENTITY_DATA_KEYS", "k1:" + std::string(43, 'A')}};
  }

  // Runs `reskflow seed` to the end and returns its exit code and output.
  std::pair<int, std::string> seed(const std::map<std::string, std::string>& extra = {}) {
    auto e = env();
    for (const auto& [k, v] : extra) e[k] = v;
    Process p({binary_path(), "seed"}, e);
    const auto code = p.wait_exit(300s);
    return {code.value_or(-1), p.output()};
  }

  HttpResult post(std::string_view path, const boost::json::object& body) {
    return client->request("POST", path, boost::json::serialize(body),
                           {{"Content-Type", "application/json"}});
  }

  // Every merchant listed as delivering to the centre, following the cursor.
  std::vector<boost::json::object> listed_near_centre() {
    std::vector<boost::json::object> out;
    std::string cursor;
    for (int page = 0; page < 10; ++page) {
      auto r = client->get("/v1/merchants?" + centre + "&limit=20" +
                           (cursor.empty() ? "" : "&cursor=" + cursor));
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) break;
      auto body = json_of(r);
      for (const auto& m : body.at("data").as_array()) out.push_back(m.as_object());
      if (!body.at("has_more").as_bool()) break;
      cursor = std::string(body.at("next_cursor").as_string());
    }
    return out;
  }

  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
  Server server;
  std::unique_ptr<HttpClient> client;
};

TEST_P(SeedTest, LoadsTheDemoCityOnceAndServesIt) {
  const auto [first_code, first] = seed();
  ASSERT_EQ(first_code, 0) << first;
  EXPECT_NE(first.find("demo city loaded: 48 merchants (48 new), 6 new demo accounts, "),
            std::string::npos)
      << first;
  const auto [second_code, second] = seed();
  ASSERT_EQ(second_code, 0) << second;
  EXPECT_NE(second.find("demo city already loaded: 48 merchants"), std::string::npos) << second;

  server = start_server(env());
  client = std::make_unique<HttpClient>(server.port);
  // Discovery indexes from events: poll with a deadline (the seed delivered them already).
  std::vector<boost::json::object> listed;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while ((listed = listed_near_centre()).size() < 40 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  ASSERT_GE(listed.size(), 40U);
  std::set<std::string> slugs;
  for (const auto& m : listed) slugs.emplace(m.at("slug").as_string());
  EXPECT_EQ(slugs.size(), listed.size());      // every merchant once: nothing was loaded twice
  EXPECT_TRUE(slugs.contains("wing-theory"));  // a virtual brand of Brutal Burger's kitchen

  // The customer portal's cuisine filter offers Vietnamese: the demo's Vietnamese kitchens answer.
  auto vietnamese = client->get("/v1/merchants?" + centre + "&cuisine=vietnamese");
  ASSERT_EQ(vietnamese.status, 200) << vietnamese.body;
  const auto vietnamese_page = json_of(vietnamese);
  std::set<std::string> found;
  for (const auto& m : vietnamese_page.at("data").as_array())
    found.emplace(m.at("slug").as_string());
  EXPECT_EQ(found, (std::set<std::string>{"hanoi-corner", "pho-viet-kreuzberg"}));

  std::string pizzeria;
  for (const auto& m : listed) {
    if (m.at("slug").as_string() == "pizzeria-rosenthal") pizzeria = m.at("id").as_string();
  }
  ASSERT_FALSE(pizzeria.empty());
  auto menu = client->get("/v1/merchants/" + pizzeria + "/menu");
  ASSERT_EQ(menu.status, 200) << menu.body;
  const auto doc = json_of(menu);
  bool size_group = false, vegetarian = false, sold_out = false;
  for (const auto& g : doc.at("modifier_groups").as_array())
    size_group = size_group || (g.at("name").as_string() == "Size" && g.at("required").as_bool());
  for (const auto& c : doc.at("categories").as_array()) {
    for (const auto& i : c.at("items").as_array()) {
      for (const auto& tag : i.at("dietary").as_array())
        vegetarian = vegetarian || tag.as_string() == "vegetarian";
      sold_out = sold_out || i.at("sold_out").as_bool();
    }
  }
  EXPECT_TRUE(size_group);
  EXPECT_TRUE(vegetarian);
  EXPECT_TRUE(sold_out);  // the demo's one sold-out item is on this menu

  auto photo = client->get("/demo/photos/pizza.svg");
  EXPECT_EQ(photo.status, 200);
  EXPECT_EQ(photo.header("Content-Type").value_or(""), "image/svg+xml");
}

// The listing near the centre with `query` added, in the order served (one page: the city
// has fewer than 100 merchants).
std::vector<boost::json::object> listing(HttpClient& client, const std::string& query) {
  auto r = client.get("/v1/merchants?" + centre + "&limit=100" + query);
  EXPECT_EQ(r.status, 200) << r.body;
  std::vector<boost::json::object> out;
  if (r.status != 200) return out;
  const auto body = json_of(r);
  for (const auto& m : body.at("data").as_array()) out.push_back(m.as_object());
  return out;
}

double average_of(const boost::json::object& merchant) {
  const auto& rating = merchant.at("rating");
  return rating.is_null() ? -1 : rating.at("average").to_number<double>();
}

TEST_P(SeedTest, BestRatedFirstReordersTheCityAndEveryDietaryFilterNarrowsIt) {
  const auto [code, output] = seed();
  ASSERT_EQ(code, 0) << output;
  server = start_server(env());
  client = std::make_unique<HttpClient>(server.port);
  const auto by_default = listing(*client, "");
  const auto best_rated = listing(*client, "&sort=rating");
  ASSERT_GE(best_rated.size(), 40U);
  ASSERT_EQ(best_rated.size(), by_default.size());
  std::vector<std::string> default_ids, rated_ids;
  std::set<double> averages;
  for (std::size_t i = 0; i < best_rated.size(); ++i) {
    default_ids.emplace_back(by_default[i].at("id").as_string());
    rated_ids.emplace_back(best_rated[i].at("id").as_string());
    averages.insert(average_of(best_rated[i]));
    // Descending, the merchants without reviews (-1) last.
    if (i > 0) {
      EXPECT_LE(average_of(best_rated[i]), average_of(best_rated[i - 1])) << i;
    }
  }
  EXPECT_NE(rated_ids, default_ids);
  EXPECT_GE(averages.size(), 10U);     // a spread of ratings, not one
  EXPECT_TRUE(averages.contains(-1));  // and some merchants without reviews yet
  EXPECT_GT(average_of(best_rated.front()), 4.0);

  // Each dietary filter keeps some merchants and leaves out others.
  for (const auto* tag : {"vegetarian", "vegan", "gluten_free", "halal", "kosher", "nut_free"}) {
    const auto found = listing(*client, std::string("&dietary=") + tag);
    EXPECT_GT(found.size(), 0U) << tag;
    EXPECT_LT(found.size(), by_default.size()) << tag;
  }
}

TEST_P(SeedTest, DemoAccountsLogInAndTheAdminPassesTotp) {
  ASSERT_EQ(seed().first, 0);
  server = start_server(env());
  client = std::make_unique<HttpClient>(server.port);
  for (const auto* email : {demo::customer_email.data(), demo::owner_email.data(),
                            demo::driver_email.data(), demo::customer2_email.data()}) {
    auto login = post("/v1/auth/login", {{"email", email}, {"password", demo::password}});
    ASSERT_EQ(login.status, 200) << email << " " << login.body;
    EXPECT_TRUE(json_of(login).contains("access_token")) << email;
  }
  auto admin = post("/v1/auth/login", {{"email", demo::admin_email}, {"password", demo::password}});
  ASSERT_EQ(admin.status, 200) << admin.body;
  const auto challenge = std::string(json_of(admin).at("mfa_token").as_string());
  const auto step = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count() /
                    30;
  auto mfa = post("/v1/auth/mfa",
                  {{"mfa_token", challenge}, {"code", totp(demo::admin_totp_secret, step)}});
  ASSERT_EQ(mfa.status, 200) << mfa.body;
  const auto token = std::string(json_of(mfa).at("access_token").as_string());
  auto users =
      client->request("GET", "/v1/admin/users", {}, {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(users.status, 200) << users.body;  // an admin session with a second factor
}

TEST_P(SeedTest, LeavesSomeoneElsesAccountUnderADemoEmailAlone) {
  server = start_server(env());
  client = std::make_unique<HttpClient>(server.port);
  auto taken = post("/v1/auth/register", {{"email", demo::admin_email},
                                          {"password", "plum tractor midnight"},
                                          {"name", "Mallory"},
                                          {"role", "customer"}});
  ASSERT_EQ(taken.status, 201) << taken.body;
  const auto [code, output] = seed();
  EXPECT_NE(code, 0);
  EXPECT_NE(output.find("belongs to a customer account"), std::string::npos) << output;
  auto login =
      post("/v1/auth/login", {{"email", demo::admin_email}, {"password", "plum tractor midnight"}});
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_TRUE(json_of(login).contains("access_token"));  // no TOTP was slipped in
}

TEST_P(SeedTest, RefusesToRunInProduction) {
  const auto [code, output] = seed({{"RESKFLOW_ENV", "production"}});
  EXPECT_NE(code, 0);
  EXPECT_NE(output.find("never loaded in production"), std::string::npos) << output;
}

INSTANTIATE_TEST_SUITE_P(Engines, SeedTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing
