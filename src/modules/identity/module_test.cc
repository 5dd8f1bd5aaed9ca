// The route inventory and the guard: every identity route declares who may call it, and the
// guard answers 401 without credentials, 403 for a wrong role or a missing API-key scope, and
// lets the right caller in; routes that declare API-key scopes wrongly stop start-up; the
// Authenticator other modules use.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "module.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/store/migrations.h"

namespace reskflow::identity {
namespace {

// The guard reads what the services wrote, the same on both engines: SQLite alone.
class ModuleTest : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;
    const std::vector<store::MigrationSet> sets{bus::migrations(), migrations()};
    ASSERT_TRUE(store::migrate(db(), sets));
    settings.argon2 = {1, 64};
    settings.jwt_secret = "test-secret-test-secret-test-secret!";
    settings.data_keys = {{"k1", std::string(32, 'a')}};
    settings.email_index_key = "k";
    module = std::make_unique<IdentityModuleImpl>(platform(), settings);
    ASSERT_TRUE(module->add_routes(router));
  }
  void release_modules() override { module.reset(); }
  http::Request request(std::string path, std::string token = {}) {
    http::Request r;
    r.path = std::move(path);
    r.client_ip = "192.0.2.9";
    if (!token.empty()) r.headers.emplace_back("Authorization", "Bearer " + token);
    return r;
  }
  http::Request keyed(std::string path, const std::string& key) {
    auto r = request(std::move(path));
    r.headers.emplace_back("X-API-Key", key);
    return r;
  }
  // A new API key ("rk.<id>.<secret>") with these scopes.
  std::string api_key(std::vector<std::string> scopes) {
    auto created = module->services().api_keys.create({"admin-1", "admin"}, "partner key",
                                                      std::nullopt, scopes, origin);
    EXPECT_TRUE(created);
    return created ? created->key : std::string();
  }
  // The access token of a new account of this role (admins without a second factor).
  std::string session_of(const std::string& email, const std::string& role) {
    auto& s = module->services();
    EXPECT_TRUE(s.admin.create_user(
        {"cli", "system"}, {email, "plum tractor midnight", "N", std::nullopt, role}, origin));
    auto login = s.auth.login(email, "plum tractor midnight", origin);
    EXPECT_TRUE(login);
    return login ? std::get<TokenPair>(*login).access_token : std::string();
  }
  // A route of another module that partner keys may call with `scope`.
  static http::Route partner_route(std::string pattern, std::string scope) {
    return {http::Method::post,
            std::move(pattern),
            "test",
            http::Execution::worker,
            http::Access::roles_in({"admin", "partner"}).scoped(std::move(scope)),
            [](http::Request&) { return http::Response{}; }};
  }

  http::Router router;
  IdentitySettings settings;
  std::unique_ptr<IdentityModuleImpl> module;
  const Origin origin{"192.0.2.9", "t", "r"};
};

TEST_P(ModuleTest, EveryRouteDeclaresAccessAndTheGuardRefusesAnonymousCallers) {
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

TEST_P(ModuleTest, GuardChecksRolesAndAdminsNeedASecondFactor) {
  auto& s = module->services();
  auto customer = s.auth.register_account(
      {"c@example.com", "plum tractor midnight", "C", std::nullopt, "customer"}, origin);
  ASSERT_TRUE(customer);
  ASSERT_TRUE(s.admin.create_user(
      {"cli", "system"}, {"a@example.com", "plum tractor midnight", "A", std::nullopt, "admin"},
      origin));
  auto admin = s.auth.login("a@example.com", "plum tractor midnight", origin);
  ASSERT_TRUE(admin);
  const auto admin_token = std::get<TokenPair>(*admin).access_token;
  const auto m = router.match(http::Method::get, "/v1/admin/users");
  ASSERT_EQ(m.kind, http::MatchKind::found);
  auto as_customer = request("/v1/admin/users", customer->access_token);
  EXPECT_EQ(module->check(as_customer, *m.route)->status, 403);
  auto by_admin = request("/v1/admin/users", admin_token);
  const auto verdict = module->check(by_admin, *m.route);
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

TEST_P(ModuleTest, GuardAdmitsAnApiKeyOnlyWithTheScopeTheRouteDeclares) {
  ASSERT_TRUE(router.add(partner_route("/v1/optimize/routes", "optimize:write")));
  const auto* optimize = router.match(http::Method::post, "/v1/optimize/routes").route;
  const auto with = api_key({"optimize:write"});
  const auto without = api_key({});
  auto allowed = keyed("/v1/optimize/routes", with);
  EXPECT_FALSE(module->check(allowed, *optimize));
  ASSERT_TRUE(allowed.principal);
  EXPECT_EQ(allowed.principal->credential, http::Credential::api_key);
  auto refused = keyed("/v1/optimize/routes", without);
  const auto verdict = module->check(refused, *optimize);
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->status, 403);
  const auto body = boost::json::parse(verdict->body).as_object();
  EXPECT_EQ(body.at("type").as_string(), "urn:reskflow:problem:insufficient-scope");
  EXPECT_EQ(body.at("required_scope").as_string(), "optimize:write");
  EXPECT_NE(std::string_view(body.at("detail").as_string()).find("optimize:write"),
            std::string_view::npos);
  EXPECT_FALSE(refused.principal);
  // Every key may read its own description; no key reaches a route that leaves partners out.
  const auto* self = router.match(http::Method::get, "/v1/api-keys/self").route;
  auto own = keyed("/v1/api-keys/self", without);
  EXPECT_FALSE(module->check(own, *self));
  const auto* me = router.match(http::Method::get, "/v1/me").route;
  auto not_a_person = keyed("/v1/me", with);
  EXPECT_EQ(module->check(not_a_person, *me)->status, 403);
}

TEST_P(ModuleTest, SessionsOfPeopleAreNotScopeLimited) {
  ASSERT_TRUE(router.add(partner_route("/v1/optimize/routes", "optimize:write")));
  const auto* optimize = router.match(http::Method::post, "/v1/optimize/routes").route;
  auto person = request("/v1/optimize/routes", session_of("p@example.com", "partner"));
  EXPECT_FALSE(module->check(person, *optimize));
  ASSERT_TRUE(person.principal);
  EXPECT_EQ(person.principal->credential, http::Credential::session);
}

TEST_P(ModuleTest, StartRefusesARouteThatDeclaresApiKeyScopesWrongly) {
  const std::vector<std::pair<http::Access, std::string>> wrong{
      {http::Access::roles_in({"partner"}), "declares no scope"},
      {http::Access::roles_in({"partner"}).scoped("optimise:write"), "unknown scope"},
      {http::Access::roles_in({"admin"}).scoped("optimize:write"), "cannot reach it"},
  };
  for (const auto& [access, complaint] : wrong) {
    http::Router other;
    ASSERT_TRUE(module->add_routes(other));
    ASSERT_TRUE(other.add({http::Method::get, "/v1/quotes", "quotes", http::Execution::worker,
                           access, [](http::Request&) { return http::Response{}; }}));
    const auto started = module->start();
    ASSERT_FALSE(started) << complaint;
    ASSERT_EQ(started.error().fields.size(), 1U);
    EXPECT_NE(started.error().fields[0].message.find("GET /v1/quotes"), std::string::npos);
    EXPECT_NE(started.error().fields[0].message.find(complaint), std::string::npos)
        << started.error().fields[0].message;
  }
  http::Router right;
  ASSERT_TRUE(module->add_routes(right));
  ASSERT_TRUE(right.add(partner_route("/v1/optimize/routes", "optimize:write")));
  EXPECT_TRUE(module->start());
  module->stop();
}

TEST_P(ModuleTest, AuthenticatorTellsRequiredAndOptionalCallers) {
  modules::Authenticator& callers = module->authenticator();
  const auto anonymous = request("/v1/merchants/x");
  EXPECT_EQ(callers.required(anonymous).error().code, ErrorCode::unauthenticated);
  EXPECT_FALSE(callers.optional(anonymous));
  const auto forged = request("/v1/merchants/x", "not-a-token");
  EXPECT_EQ(callers.required(forged).error().code, ErrorCode::unauthenticated);
  EXPECT_FALSE(callers.optional(forged));
  const auto customer = request("/v1/merchants/x", session_of("c@example.com", "customer"));
  ASSERT_TRUE(callers.optional(customer));
  EXPECT_EQ(callers.optional(customer)->role, "customer");
  EXPECT_EQ(callers.required(customer)->role, "customer");
  // An admin without a second factor is no admin outside the enrolment routes either.
  const auto admin = request("/v1/merchants/x", session_of("a@example.com", "admin"));
  EXPECT_EQ(callers.required(admin).error().code, ErrorCode::forbidden);
  EXPECT_FALSE(callers.optional(admin));
  const auto key = keyed("/v1/merchants/x", api_key({"optimize:write"}));
  const auto partner = callers.required(key);
  ASSERT_TRUE(partner);
  EXPECT_EQ(partner->role, "partner");
  EXPECT_EQ(partner->credential, http::Credential::api_key);
  EXPECT_TRUE(callers.require_scope(*partner, "optimize:write"));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ModuleTest, ::testing::Values(store::Engine::sqlite),
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::identity
