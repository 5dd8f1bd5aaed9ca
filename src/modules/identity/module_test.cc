// The route inventory and the guard: every identity route declares who may call it, and the
// guard answers 401 without credentials, 403 for a wrong role, and lets the right caller in.
#include <gtest/gtest.h>

#include "module.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/store/migrations.h"

namespace reskflow::identity {
namespace {

class ModuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Database::open("sqlite::memory:");
    ASSERT_TRUE(opened);
    db = std::move(*opened);
    const std::vector<store::MigrationSet> sets{bus::migrations(), migrations()};
    ASSERT_TRUE(store::migrate(*db, sets));
    settings.argon2 = {1, 64};
    settings.jwt_secret = "test-secret-test-secret-test-secret!";
    settings.data_keys = {{"k1", std::string(32, 'a')}};
    settings.email_index_key = "k";
    module = std::make_unique<IdentityModuleImpl>(
        modules::Platform{config, *db, events, hub, registry}, settings);
    ASSERT_TRUE(module->add_routes(router));
  }
  http::Request request(std::string path, std::string token = {}) {
    http::Request r;
    r.path = std::move(path);
    r.client_ip = "192.0.2.9";
    if (!token.empty()) r.headers.emplace_back("Authorization", "Bearer " + token);
    return r;
  }

  Config config;
  metrics::Registry registry;
  ws::Hub hub{registry};
  bus::InProcessTransport events;
  http::Router router;
  std::unique_ptr<store::Database> db;
  IdentitySettings settings;
  std::unique_ptr<IdentityModuleImpl> module;
};

TEST_F(ModuleTest, EveryRouteDeclaresAccessAndTheGuardRefusesAnonymousCallers) {
  const auto routes = router.routes();
  EXPECT_GT(routes.size(), 30U);
  for (const auto* route : routes) {
    ASSERT_TRUE(route->access) << route->pattern;
    if (route->access->anonymous) continue;
    auto r = request(route->pattern);
    const auto verdict = module->check(r, *route);
    ASSERT_TRUE(verdict) << route->pattern;
    EXPECT_EQ(verdict->status, 401) << route->pattern;
    auto forged = request(route->pattern, "not-a-token");
    EXPECT_EQ(module->check(forged, *route)->status, 401) << route->pattern;
  }
}

TEST_F(ModuleTest, GuardChecksRolesAndAdminsNeedASecondFactor) {
  auto& s = module->service();
  const Origin origin{"192.0.2.9", "t", "r"};
  auto customer = s.register_account(
      {"c@example.com", "plum tractor midnight", "C", std::nullopt, "customer"}, origin);
  ASSERT_TRUE(customer);
  ASSERT_TRUE(s.admin_create_user(
      {"cli", "system"}, {"a@example.com", "plum tractor midnight", "A", std::nullopt, "admin"},
      origin));
  auto admin = s.login("a@example.com", "plum tractor midnight", origin);
  ASSERT_TRUE(admin);
  const auto admin_token = std::get<TokenPair>(*admin).access_token;
  const auto m = router.match(http::Method::get, "/v1/admin/users");
  ASSERT_EQ(m.kind, http::MatchKind::found);
  auto as_customer = request("/v1/admin/users", customer->access_token);
  EXPECT_EQ(module->check(as_customer, *m.route)->status, 403);
  auto as_admin = request("/v1/admin/users", admin_token);
  const auto verdict = module->check(as_admin, *m.route);
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->status, 403);  // no second factor yet
  const auto me = router.match(http::Method::get, "/v1/me");
  auto admin_me = request("/v1/me", admin_token);
  EXPECT_FALSE(module->check(admin_me, *me.route));
  auto customer_me = request("/v1/me", customer->access_token);
  EXPECT_FALSE(module->check(customer_me, *me.route));
  ASSERT_TRUE(customer_me.principal);
  EXPECT_EQ(customer_me.principal->role, "customer");
}

}  // namespace
}  // namespace reskflow::identity
