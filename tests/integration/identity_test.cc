// Identity through the real binary on both engines where a scenario file cannot say it: TOTP
// codes, refresh rotation and reuse detection, reset via the mail file, `reskflow keys rotate`,
// merchant levels and ownership transfer, the refresh budget, WebSocket tickets, the route
// inventory against docs/openapi.yaml, and partner API-key scopes on every partner route. The
// rest is in tests/api/identity.
#include <gtest/gtest.h>
#include <openssl/hmac.h>
#include <signal.h>

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include "admin_session.h"
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

class IdentityTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  std::map<std::string, std::string> env() {
    return {{"DATABASE_URL", url},
            {"RESKFLOW_WEB_ROOT", (dir.path() / "web").string()},
            {"RESKFLOW_IDENTITY_ARGON2_OPS", "1"},
            {"RESKFLOW_IDENTITY_ARGON2_MEMORY_KIB", "64"},
            {"RESKFLOW_NOTIFICATIONS_MAIL_FILE", mail_file()},
            {"RESKFLOW_IDENTITY_AUTH_RATE_BURST", "100"},
            {"RESKFLOW_IDENTITY_DATA_KEYS", data_keys}};
  }
  std::string mail_file() { return (dir.path() / "mail.log").string(); }

  void start(std::map<std::string, std::string> extra = {}) {
    auto e = env();
    for (auto& [k, v] : extra) e[k] = v;
    server = start_server(e);
    client = std::make_unique<HttpClient>(server.port);
  }

  HttpResult call(std::string_view method, std::string_view path, const boost::json::object& body,
                  const std::string& token = {}) {
    Headers h{{"Content-Type", "application/json"}};
    if (!token.empty()) h.emplace_back("Authorization", "Bearer " + token);
    return client->request(method, path, body.empty() ? "" : boost::json::serialize(body), h);
  }
  HttpResult get(std::string_view path, const std::string& token) {
    return client->request("GET", path, {}, {{"Authorization", "Bearer " + token}});
  }
  HttpResult del(std::string_view path, const std::string& token) {
    return client->request("DELETE", path, {}, {{"Authorization", "Bearer " + token}});
  }
  std::string user_id(const std::string& token) { return str(json_of(get("/v1/me", token)), "id"); }
  // The caller's level at `merchant`, or "" when they are not its staff.
  std::string level_at(const std::string& token, std::string_view merchant) {
    const auto mine = json_of(get("/v1/me/merchants", token));
    for (const auto& m : mine.at("data").as_array())
      if (str(m.as_object(), "merchant_id") == merchant) return str(m.as_object(), "level");
    return {};
  }

  boost::json::object register_user(const std::string& email, const std::string& role) {
    auto r = call("POST", "/v1/auth/register",
                  {{"email", email},
                   {"password", password},
                   {"name", "N " + email},
                   {"phone", "+44 20 7946 0000"},
                   {"role", role}});
    EXPECT_EQ(r.status, 201) << r.body;
    return json_of(r);
  }

  // The newest message to `to` whose subject contains `subject`; waits for the relay.
  std::string mail_token(const std::string& to, std::string_view subject) {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < deadline) {
      std::ifstream in(mail_file());
      std::string line, found;
      while (std::getline(in, line)) {
        auto m = boost::json::parse(line).as_object();
        if (str(m, "to") == to && str(m, "subject").find(subject) != std::string::npos)
          found = str(m, "body").substr(str(m, "body").rfind(' ') + 1);
      }
      if (!found.empty()) return found;
      std::this_thread::yield();
    }
    ADD_FAILURE() << "no mail to " << to;
    return {};
  }

  // `reskflow admin create`, then login, TOTP enrolment and a second-factor login: an admin
  // token that every admin route accepts.
  std::string admin_token();

  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
  std::string data_keys = "k1:" + std::string(43, 'A');
  Server server;
  std::unique_ptr<HttpClient> client;
};

std::string IdentityTest::admin_token() {
  auto first = admin_login(*client, env(), "root@example.com");
  EXPECT_TRUE(first) << first.error();
  if (!first) return {};
  EXPECT_EQ(get("/v1/admin/users", *first).status, 403);  // no second factor yet
  auto enrolled = enrol_totp(*client, *first);
  EXPECT_TRUE(enrolled) << enrolled.error();
  return *first;  // the enrolling session now counts as multi-factor
}

TEST_P(IdentityTest, RegisterLoginMfaRefreshReuseAndLogout) {
  start();
  auto reg = register_user("ada@example.com", "customer");
  EXPECT_EQ(str(reg, "token_type"), "Bearer");
  EXPECT_EQ(reg.at("expires_in").as_int64(), 900);
  const auto token = str(reg, "access_token");
  auto me = json_of(get("/v1/me", token));
  EXPECT_EQ(str(me, "email"), "ada@example.com");
  EXPECT_EQ(str(me, "phone"), "+44 20 7946 0000");
  EXPECT_EQ(get("/v1/me", "").status, 401);
  // TOTP enrolment.
  auto enrol = json_of(call("POST", "/v1/me/mfa/totp", {}, token));
  EXPECT_TRUE(str(enrol, "otpauth_uri").starts_with("otpauth://totp/ReskFlow:ada%40example.com"));
  const auto secret = base32_decode(str(enrol, "secret"));
  const auto step = totp_step_now();
  auto confirmed = call("POST", "/v1/me/mfa/totp/confirm", {{"code", totp(secret, step)}}, token);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(json_of(confirmed).at("recovery_codes").as_array().size(), 10U);
  // Login now asks for the second factor; the code already used is refused (replay).
  auto login =
      call("POST", "/v1/auth/login", {{"email", "ada@example.com"}, {"password", password}});
  ASSERT_EQ(login.status, 200) << login.body;
  const auto challenge = str(json_of(login), "mfa_token");
  EXPECT_TRUE(json_of(login).at("mfa_required").as_bool());
  EXPECT_EQ(
      call("POST", "/v1/auth/mfa", {{"mfa_token", challenge}, {"code", totp(secret, step)}}).status,
      401);
  auto mfa =
      call("POST", "/v1/auth/mfa", {{"mfa_token", challenge}, {"code", totp(secret, step + 1)}});
  ASSERT_EQ(mfa.status, 200) << mfa.body;
  EXPECT_EQ(mfa.header("Cache-Control").value_or(""), "no-store");
  const auto first_refresh = str(json_of(mfa), "refresh_token");
  // Rotation: a new refresh token each time; presenting a rotated one revokes the family.
  auto rotated = call("POST", "/v1/auth/refresh", {{"refresh_token", first_refresh}});
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  const auto second_refresh = str(json_of(rotated), "refresh_token");
  const auto second_access = str(json_of(rotated), "access_token");
  EXPECT_NE(second_refresh, first_refresh);
  EXPECT_EQ(get("/v1/me", second_access).status, 200);
  EXPECT_EQ(call("POST", "/v1/auth/refresh", {{"refresh_token", first_refresh}}).status, 401);
  EXPECT_EQ(call("POST", "/v1/auth/refresh", {{"refresh_token", second_refresh}}).status, 401);
  EXPECT_EQ(get("/v1/me", second_access).status, 401);
  // The first session (from registration) is still alive; logout ends it.
  auto sessions = json_of(get("/v1/me/sessions", token)).at("data").as_array();
  EXPECT_EQ(sessions.size(), 1U);
  EXPECT_EQ(call("POST", "/v1/auth/logout", {}, token).status, 204);
  EXPECT_EQ(get("/v1/me", token).status, 401);
  EXPECT_EQ(call("POST", "/v1/auth/refresh", {{"refresh_token", str(reg, "refresh_token")}}).status,
            401);
}

// The attack of issue 20: a manager demoted the owner to staff, then removed them.
TEST_P(IdentityTest, MembersChangeOnlyMembersBelowThemAndAStoreKeepsAnOwner) {
  start();
  const auto admin = admin_token();
  const auto owner = str(register_user("owner@example.com", "merchant"), "access_token");
  const auto manager = str(register_user("manager@example.com", "merchant"), "access_token");
  const auto staff = str(register_user("staff@example.com", "merchant"), "access_token");
  const auto owner_id = user_id(owner), manager_id = user_id(manager), staff_id = user_id(staff);
  ASSERT_EQ(
      call("POST", "/v1/merchants/m1/members", {{"user_id", owner_id}, {"level", "owner"}}, admin)
          .status,
      201);
  ASSERT_EQ(call("POST", "/v1/merchants/m1/members",
                 {{"user_id", manager_id}, {"level", "manager"}}, owner)
                .status,
            201);
  ASSERT_EQ(
      call("POST", "/v1/merchants/m1/members", {{"user_id", staff_id}, {"level", "staff"}}, manager)
          .status,
      201);
  auto demote = call("POST", "/v1/merchants/m1/members",
                     {{"user_id", owner_id}, {"level", "staff"}}, manager);
  EXPECT_EQ(demote.status, 403) << demote.body;
  EXPECT_EQ(del("/v1/merchants/m1/members/" + owner_id, manager).status, 403);
  EXPECT_EQ(level_at(owner, "m1"), "owner");
  // Nobody grants their own level or above, nor changes a peer.
  EXPECT_EQ(call("POST", "/v1/merchants/m1/members", {{"user_id", staff_id}, {"level", "manager"}},
                 manager)
                .status,
            403);
  EXPECT_EQ(
      call("POST", "/v1/merchants/m1/members", {{"user_id", staff_id}, {"level", "owner"}}, owner)
          .status,
      403);
  // The sole owner can neither leave nor be removed, even by an admin; an admin demoting them
  // is refused the same way.
  auto leave = del("/v1/merchants/m1/members/" + owner_id, owner);
  EXPECT_EQ(leave.status, 409) << leave.body;
  EXPECT_NE(leave.body.find("at least one owner"), std::string::npos) << leave.body;
  EXPECT_EQ(del("/v1/merchants/m1/members/" + owner_id, admin).status, 409);
  EXPECT_EQ(
      call("POST", "/v1/merchants/m1/members", {{"user_id", owner_id}, {"level", "manager"}}, admin)
          .status,
      409);
  // Staff may leave; managers remove staff.
  EXPECT_EQ(del("/v1/merchants/m1/members/" + staff_id, staff).status, 204);
  EXPECT_EQ(level_at(owner, "m1"), "owner");
  auto audit = json_of(get("/v1/admin/audit?action=merchant.member_put", admin));
  EXPECT_EQ(audit.at("data").as_array().size(), 3U);
}

TEST_P(IdentityTest, OwnershipMovesByAnOfferTheMemberAccepts) {
  start();
  const auto admin = admin_token();
  const auto owner = str(register_user("owner@example.com", "merchant"), "access_token");
  const auto manager = str(register_user("manager@example.com", "merchant"), "access_token");
  const auto outsider = str(register_user("out@example.com", "merchant"), "access_token");
  const auto owner_id = user_id(owner), manager_id = user_id(manager);
  ASSERT_EQ(
      call("POST", "/v1/merchants/m1/members", {{"user_id", owner_id}, {"level", "owner"}}, admin)
          .status,
      201);
  ASSERT_EQ(call("POST", "/v1/merchants/m1/members",
                 {{"user_id", manager_id}, {"level", "manager"}}, owner)
                .status,
            201);
  const std::string transfer = "/v1/merchants/m1/ownership-transfer";
  EXPECT_EQ(call("POST", transfer, {{"user_id", owner_id}}, manager).status, 403);
  EXPECT_EQ(call("POST", transfer, {{"user_id", user_id(outsider)}}, owner).status, 422);
  auto offered = call("POST", transfer, {{"user_id", manager_id}}, owner);
  ASSERT_EQ(offered.status, 201) << offered.body;
  EXPECT_EQ(str(json_of(offered), "to_user_id"), manager_id);
  EXPECT_EQ(str(json_of(get(transfer, manager)), "from_user_id"), owner_id);
  EXPECT_EQ(call("POST", transfer + "/accept", {}, owner).status, 404);  // not offered to them
  EXPECT_EQ(call("POST", transfer + "/accept", {}, outsider).status, 404);
  EXPECT_EQ(level_at(manager, "m1"), "manager");
  ASSERT_EQ(call("POST", transfer + "/accept", {}, manager).status, 204);
  EXPECT_EQ(level_at(manager, "m1"), "owner");
  EXPECT_EQ(level_at(owner, "m1"), "manager");
  EXPECT_EQ(get(transfer, manager).status, 404);  // spent
  EXPECT_EQ(call("POST", transfer + "/accept", {}, manager).status, 404);
  // The new owner now manages the former one, who can leave.
  EXPECT_EQ(del("/v1/merchants/m1/members/" + owner_id, owner).status, 204);
  auto audit = json_of(get("/v1/admin/audit?action=merchant.ownership_transferred", admin));
  ASSERT_EQ(audit.at("data").as_array().size(), 1U);
}

// Issue 20's silent logout: reloads refresh the session and used to share login's per-address
// budget. Refresh now has its own per session, and login keeps its own.
TEST_P(IdentityTest, RefreshHasItsOwnBudgetPerSession) {
  start({{"RESKFLOW_IDENTITY_AUTH_RATE_BURST", "3"},
         {"RESKFLOW_IDENTITY_AUTH_RATE_PER_MINUTE", "1"},
         {"RESKFLOW_IDENTITY_REFRESH_RATE_BURST", "12"},
         {"RESKFLOW_IDENTITY_REFRESH_RATE_PER_MINUTE", "1"}});
  auto refresh_token = str(register_user("reload@example.com", "customer"), "refresh_token");
  auto refresh = [&] {
    auto r = call("POST", "/v1/auth/refresh", {{"refresh_token", refresh_token}});
    if (r.status == 200) refresh_token = str(json_of(r), "refresh_token");
    return r;
  };
  for (int i = 0; i < 12; ++i) ASSERT_EQ(refresh().status, 200) << i;
  auto limited = refresh();
  EXPECT_EQ(limited.status, 429);
  EXPECT_TRUE(limited.header("Retry-After"));
  EXPECT_EQ(limited.header("RateLimit-Limit").value_or(""), "12");
  // The session is still good, and the address can still log in (another session's budget).
  auto login =
      call("POST", "/v1/auth/login", {{"email", "reload@example.com"}, {"password", password}});
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(
      call("POST", "/v1/auth/refresh", {{"refresh_token", str(json_of(login), "refresh_token")}})
          .status,
      200);
}

// Browsers cannot set headers on a WebSocket handshake; a bearer token in the URL would land in
// proxy logs. A single-use ticket opens one socket, and ?access_token= is refused.
TEST_P(IdentityTest, WebSocketTicketsOpenOneSocketAndTokensStayOutOfUrls) {
  start();
  const auto token = str(register_user("ws@example.com", "customer"), "access_token");
  auto issued = call("POST", "/v1/ws/tickets", {}, token);
  ASSERT_EQ(issued.status, 201) << issued.body;
  const auto ticket = str(json_of(issued), "ticket");
  EXPECT_EQ(json_of(issued).at("expires_in").as_int64(), 30);
  EXPECT_EQ(call("POST", "/v1/ws/tickets", {}).status, 401);
  // A cart topic answers 404 to a signed-in stranger and 401 to an anonymous socket.
  const std::string subscribe =
      R"({"type":"subscribe","topic":"cart.00000000-0000-0000-0000-000000000000"})";
  {
    WsClient socket(server.port, "/v1/ws?ticket=" + ticket);
    for (int i = 0; i < 2; ++i) {  // every subscription of the socket knows its caller
      socket.send(subscribe);
      const auto answer = socket.receive().value_or("");
      EXPECT_NE(answer.find("\"status\":404"), std::string::npos) << answer;
    }
  }
  WsClient reused(server.port, "/v1/ws?ticket=" + ticket);
  EXPECT_FALSE(reused.receive());
  EXPECT_EQ(reused.close_code(), 1008);
  WsClient with_token(server.port, "/v1/ws?access_token=" + token);
  EXPECT_FALSE(with_token.receive());
  EXPECT_EQ(with_token.close_code(), 1008);
  WsClient anonymous(server.port, "/v1/ws");
  anonymous.send(subscribe);
  const auto answer = anonymous.receive().value_or("");
  EXPECT_NE(answer.find("\"status\":401"), std::string::npos) << answer;
}

TEST_P(IdentityTest, ResetsPasswordsAndVerifiesEmailThroughTheMailFile) {
  start();
  const auto token = str(register_user("m@example.com", "customer"), "access_token");
  const auto verify = mail_token("m@example.com", "Verify");
  EXPECT_EQ(call("POST", "/v1/auth/verify-email", {{"token", verify}}).status, 204);
  EXPECT_TRUE(json_of(get("/v1/me", token)).at("email_verified").as_bool());
  EXPECT_EQ(call("POST", "/v1/auth/password-reset", {{"email", "m@example.com"}}).status, 202);
  EXPECT_EQ(call("POST", "/v1/auth/password-reset", {{"email", "nobody@example.com"}}).status, 202);
  const auto reset = mail_token("m@example.com", "Reset");
  const std::string next = "a brand new passphrase";
  EXPECT_EQ(call("POST", "/v1/auth/password-reset/confirm", {{"token", reset}, {"password", next}})
                .status,
            204);
  EXPECT_EQ(call("POST", "/v1/auth/password-reset/confirm", {{"token", reset}, {"password", next}})
                .status,
            422);
  EXPECT_EQ(get("/v1/me", token).status, 401);  // every session ended
  EXPECT_EQ(
      call("POST", "/v1/auth/login", {{"email", "m@example.com"}, {"password", password}}).status,
      401);
  EXPECT_EQ(call("POST", "/v1/auth/login", {{"email", "m@example.com"}, {"password", next}}).status,
            200);
}

TEST_P(IdentityTest, KeysRotateReencryptsPersonalData) {
  start();
  register_user("k@example.com", "customer");
  server.process->signal(SIGTERM);
  ASSERT_EQ(server.process->wait_exit(30s), 0);
  data_keys = "k2:" + std::string(42, 'B') + "A," + data_keys;
  Process rotate({binary_path(), "keys", "rotate"}, env());
  ASSERT_EQ(rotate.wait_exit(60s), 0) << rotate.output();
  EXPECT_NE(rotate.output().find("re-encrypted 2 values under data key k2"), std::string::npos)
      << rotate.output();
  data_keys = "k2:" + std::string(42, 'B') + "A";  // the old key is gone
  start();
  auto login = call("POST", "/v1/auth/login", {{"email", "k@example.com"}, {"password", password}});
  ASSERT_EQ(login.status, 200) << login.body;
  auto me = json_of(get("/v1/me", str(json_of(login), "access_token")));
  EXPECT_EQ(str(me, "phone"), "+44 20 7946 0000");
}

// The route inventory of the whole binary (every module's routes): each declares who may
// call it, each non-anonymous one answers 401 without credentials, and a customer gets 403
// from every route whose roles leave customers out.
// "METHOD /pattern" for every operation in docs/openapi.yaml (paths at two spaces, methods at
// four), except the WebSocket upgrade, which is not a router route.
std::set<std::string> documented_operations() {
  std::ifstream in(source_dir() / "docs" / "openapi.yaml");
  std::set<std::string> out;
  std::string line;
  std::string path;
  const std::regex path_line(R"(^  (/\S*):\s*$)");
  const std::regex method_line(R"(^    (get|post|put|patch|delete):\s*$)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, path_line)) {
      path = m[1];
    } else if (!path.empty() && path != "/v1/ws" && std::regex_match(line, m, method_line)) {
      std::string method = m[1];
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.insert(method + " " + path);
    } else if (!line.empty() && line[0] != ' ') {
      path.clear();
    }
  }
  return out;
}

// "METHOD /pattern" → its `x-required-scope` in docs/openapi.yaml (at six spaces), for the
// operations that declare one.
std::map<std::string, std::string> documented_scopes() {
  std::ifstream in(source_dir() / "docs" / "openapi.yaml");
  std::map<std::string, std::string> out;
  std::string line, path, operation;
  const std::regex path_line(R"(^  (/\S*):\s*$)");
  const std::regex method_line(R"(^    (get|post|put|patch|delete):\s*$)");
  const std::regex scope_line(R"(^      x-required-scope:\s*'?([^'\s]+)'?\s*$)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, path_line)) {
      path = m[1];
    } else if (!path.empty() && std::regex_match(line, m, method_line)) {
      std::string method = m[1];
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      operation = method + " " + path;
    } else if (!operation.empty() && std::regex_match(line, m, scope_line)) {
      out[operation] = m[1];
    } else if (!line.empty() && line[0] != ' ') {
      path.clear();
      operation.clear();
    }
  }
  return out;
}

TEST_P(IdentityTest, EveryRouteIsDocumentedInTheOpenApiContractAndViceVersa) {
  start();
  auto inventory = get("/v1/admin/routes", admin_token());
  ASSERT_EQ(inventory.status, 200) << inventory.body;
  std::set<std::string> served;
  const auto body = json_of(inventory);
  for (const auto& v : body.at("data").as_array()) {
    served.insert(str(v.as_object(), "method") + " " + str(v.as_object(), "pattern"));
  }
  const auto documented = documented_operations();
  for (const auto& op : served) EXPECT_TRUE(documented.contains(op)) << op << " is undocumented";
  for (const auto& op : documented) EXPECT_TRUE(served.contains(op)) << op << " is not served";
  // The API-key scope of each operation is documented as the route declares it.
  std::map<std::string, std::string> scopes;
  for (const auto& v : body.at("data").as_array()) {
    const auto& r = v.as_object();
    if (const auto* scope = r.if_contains("scope"); scope != nullptr && scope->is_string())
      scopes[str(r, "method") + " " + str(r, "pattern")] = std::string(scope->as_string());
  }
  EXPECT_FALSE(scopes.empty());
  EXPECT_EQ(documented_scopes(), scopes);
}

// The routes partner API keys can reach, "METHOD /pattern" → the scope each declares, from the
// route inventory; every route that leaves partners out declares none.
std::map<std::string, std::string> partner_routes(const boost::json::array& inventory) {
  std::map<std::string, std::string> out;
  for (const auto& v : inventory) {
    const auto& r = v.as_object();
    const auto op = str(r, "method") + " " + str(r, "pattern");
    if (r.at("anonymous").as_bool()) continue;
    bool partners = false;
    for (const auto& role : r.at("roles").as_array())
      partners = partners || role.as_string() == "partner";
    EXPECT_EQ(r.at("scope").is_string(), partners) << op;
    if (partners) out[op] = str(r, "scope");
  }
  return out;
}

// Security: an API key reaches a partner route only with the scope the route declares (the
// inventory shows it); without it the answer is a 403 problem naming the missing scope. Keys
// are created only with known scopes.
TEST_P(IdentityTest, PartnerKeysNeedTheScopeEachPartnerRouteDeclares) {
  start();
  const auto admin = admin_token();
  auto inventory = get("/v1/admin/routes", admin);
  ASSERT_EQ(inventory.status, 200) << inventory.body;
  const auto scoped = partner_routes(json_of(inventory).at("data").as_array());
  EXPECT_EQ(scoped.at("POST /v1/optimize/routes"), "optimize:write");
  EXPECT_EQ(scoped.at("POST /v1/optimize/assignments"), "optimize:write");
  EXPECT_EQ(scoped.at("GET /v1/api-keys/self"), "*");  // every key may read its own scopes
  auto create = [&](const boost::json::array& scopes) {
    return call("POST", "/v1/admin/api-keys", {{"name", "acme"}, {"scopes", scopes}}, admin);
  };
  const auto typo = create({"optimise:write"});
  ASSERT_EQ(typo.status, 422) << typo.body;
  EXPECT_EQ(str(json_of(typo).at("errors").as_array().at(0), "field"), "scopes");
  boost::json::array every_scope;
  for (const auto& [op, scope] : scoped) {
    if (scope != "*" &&
        std::ranges::find(every_scope, boost::json::value(scope)) == every_scope.end())
      every_scope.emplace_back(scope);
  }
  const auto with = str(json_of(create(every_scope)), "key");
  const auto without = str(json_of(create({})), "key");
  for (const auto& [op, scope] : scoped) {
    const auto space = op.find(' ');
    const auto method = op.substr(0, space);
    const auto path = std::regex_replace(op.substr(space + 1), std::regex("\\{[a-z_]+\\}"),
                                         "00000000-0000-7000-8000-000000000000");
    const std::string body = method == "GET" ? "" : "{}";
    const Headers json{{"Content-Type", "application/json"}};
    auto as = [&](const std::string& key) {
      auto headers = json;
      headers.emplace_back("X-API-Key", key);
      return client->request(method, path, body, headers);
    };
    const auto allowed = as(with);
    EXPECT_NE(allowed.status, 401) << op;
    EXPECT_NE(allowed.status, 403) << op << ": " << allowed.body;
    const auto refused = as(without);
    if (scope == "*") {
      EXPECT_NE(refused.status, 403) << op;
      continue;
    }
    ASSERT_EQ(refused.status, 403) << op << ": " << refused.body;
    const auto problem = json_of(refused);
    EXPECT_EQ(str(problem, "type"), "urn:reskflow:problem:insufficient-scope") << op;
    EXPECT_EQ(str(problem, "required_scope"), scope) << op;
    EXPECT_NE(str(problem, "detail").find(scope), std::string::npos) << op;
  }
  // With its scope, a partner's solve is answered.
  std::ifstream example(source_dir() / "src/modules/routing/testdata/assignments_example.json");
  const std::string problem((std::istreambuf_iterator<char>(example)),
                            std::istreambuf_iterator<char>());
  const auto solved = client->request("POST", "/v1/optimize/assignments", problem,
                                      {{"X-API-Key", with}, {"Content-Type", "application/json"}});
  EXPECT_EQ(solved.status, 200) << solved.body;
}

TEST_P(IdentityTest, EveryRouteOfTheBinaryDeclaresAccessAndRefusesAnonymousCallers) {
  start();
  const auto admin = admin_token();
  const auto customer = str(register_user("walker@example.com", "customer"), "access_token");
  auto inventory = get("/v1/admin/routes", admin);
  ASSERT_EQ(inventory.status, 200) << inventory.body;
  const auto routes = json_of(inventory).at("data").as_array();
  EXPECT_GT(routes.size(), 40U);
  for (const auto& v : routes) {
    const auto& r = v.as_object();
    const auto method = str(r, "method");
    const auto path = std::regex_replace(str(r, "pattern"), std::regex("\\{[a-z_]+\\}"),
                                         "00000000-0000-7000-8000-000000000000");
    ASSERT_TRUE(r.at("declared").as_bool()) << path;
    if (r.at("anonymous").as_bool()) continue;
    EXPECT_EQ(client->request(method, path).status, 401) << method << " " << path;
    EXPECT_EQ(
        client->request(method, path, {}, {{"Authorization", "Bearer forged.token.x"}}).status, 401)
        << method << " " << path;
    const auto& roles = r.at("roles").as_array();
    bool customers = roles.empty();
    for (const auto& role : roles) customers = customers || role.as_string() == "customer";
    if (!customers) {
      EXPECT_EQ(client->request(method, path, {}, {{"Authorization", "Bearer " + customer}}).status,
                403)
          << method << " " << path;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, IdentityTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing
