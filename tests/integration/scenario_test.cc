// The API scenario format itself: what the parser accepts, how it names a mistake's file and
// line, and how checks judge an answer (no server needed).
#include <gtest/gtest.h>

#include "scenario.h"

namespace reskflow::testing::scenario {
namespace {

std::string parse_error(std::string_view text) {
  try {
    parse(text, "tests/api/x.test");
  } catch (const ParseError& e) {
    return e.what();
  }
  return "parsed";
}

HttpResult answer(int status, std::string body,
                  std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpResult r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

const Request& first_request(const Scenario& s) { return std::get<Request>(s.steps.front()); }

TEST(ScenarioFormat, ParsesDirectivesRequestsAndChecks) {
  const auto s = parse(R"(# Registration
env RESKFLOW_IDENTITY_AUTH_RATE_BURST=3
let nobody = 0190ffff-0000-7000-8000-000000000000

POST /v1/auth/register
X-Trace: {{nobody}}
{"email": "ana@example.com",
 "password": "plum tractor midnight"}
----
201
$.user.id -> user_id
$.lines[-1].total_minor == 3000
header Location ~ ^/v1/users/{{user_id}}$
body ~ ana@

admin root@example.com -> admin
GET /v1/users/{{user_id}}
----
200
)",
                       "tests/api/x.test");
  EXPECT_EQ(s.env.at("RESKFLOW_IDENTITY_AUTH_RATE_BURST"), "3");
  ASSERT_EQ(s.steps.size(), 4U);
  const auto& r = std::get<Request>(s.steps[1]);
  EXPECT_EQ(r.line, 5);
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.target, "/v1/auth/register");
  ASSERT_EQ(r.headers.size(), 1U);
  EXPECT_EQ(r.headers[0].second, "{{nobody}}");
  EXPECT_EQ(r.body,
            "{\"email\": \"ana@example.com\",\n \"password\": \"plum tractor midnight\"}\n");
  EXPECT_EQ(r.status, 201);
  ASSERT_EQ(r.checks.size(), 4U);
  EXPECT_EQ(r.checks[0].op, Op::capture);
  EXPECT_EQ(r.checks[1].path[1].index, -1);
  EXPECT_EQ(r.checks[2].subject, Subject::header);
  EXPECT_EQ(r.checks[3].line, 14);
  EXPECT_EQ(std::get<Admin>(s.steps[2]).name, "admin");
}

TEST(ScenarioFormat, MarksARequestThatIsAskedAgainUntilItPasses) {
  const auto s = parse("GET /v1/a\n----\n200\n\neventually GET /v1/b\n----\n200\n$.n == 1\n",
                       "tests/api/x.test");
  ASSERT_EQ(s.steps.size(), 2U);
  EXPECT_FALSE(std::get<Request>(s.steps[0]).eventually);
  const auto& later = std::get<Request>(s.steps[1]);
  EXPECT_TRUE(later.eventually);
  EXPECT_EQ(later.method, "GET");
  EXPECT_EQ(later.target, "/v1/b");
  EXPECT_EQ(later.checks.size(), 1U);
  EXPECT_EQ(parse_error("eventually let x = 1\n"),
            "tests/api/x.test:1: expected `eventually GET /path`");
}

TEST(ScenarioFormat, NamesTheFileAndLineOfEachMistake) {
  EXPECT_EQ(parse_error("\nFETCH /v1/me\n----\n200\n"),
            "tests/api/x.test:2: unknown directive `FETCH`: expected a request (`GET /v1/...`), "
            "eventually, env, let or admin");
  EXPECT_EQ(parse_error("GET /v1/users/{{user_id}}\n----\n200\n"),
            "tests/api/x.test:1: {{user_id}} is not captured by an earlier step (capture it with "
            "`-> user_id`, or set it with let)");
  EXPECT_EQ(parse_error("GET /v1/me\n----\n200\n$.id => id\n"),
            "tests/api/x.test:4: unknown assertion `=>`: expected ==, !=, ~, exists, absent, is, "
            "length, empty or ->");
  EXPECT_EQ(parse_error("GET /v1/me\n----\n200\nstatus == 200\n"),
            "tests/api/x.test:4: unknown check `status`: a check starts with a JSON path "
            "($.field), `header` or `body`");
  EXPECT_EQ(parse_error("POST /v1/carts\n\n{\"a\": 1,}\n----\n201\n"),
            "tests/api/x.test:3: the body is not JSON (syntax error)");
  EXPECT_EQ(parse_error("GET /v1/me\n200\n"),
            "tests/api/x.test:1: the request has no `----` line before its expected status");
  EXPECT_EQ(parse_error("GET /v1/me\n----\nok\n"),
            "tests/api/x.test:3: expected the answer's status (e.g. 200) after `----`, not `ok`");
  EXPECT_EQ(parse_error("GET /v1/me\n----\n200\n$.data length 2\n"),
            "tests/api/x.test:4: expected `length == N` (or !=, <, <=, >, >=)");
  EXPECT_EQ(parse_error("GET /v1/me\n----\n200\n\nenv A=1\n"),
            "tests/api/x.test:5: env must come before the first step");
}

TEST(ScenarioFormat, AcceptsAnAnswerThatMeetsEveryCheckAndCapturesValues) {
  const auto s = parse(R"(GET /v1/carts
----
200
$.data length == 2
$.data[0].id -> first
$.data[1].id != "{{first}}"
$.data[-1].total == 12.0
$.data[0].note is null
$.data[0].missing absent
$.has_more == false
header ETag -> etag
header ETag == "7"
header Cache-Control absent
body ~ "id":"c1"
)",
                       "x.test");
  Vars vars;
  const auto r = answer(200, R"({"data":[{"id":"c1","note":null},{"id":"c2","total":12}],
                                 "has_more":false})",
                        {{"ETag", "\"7\""}});
  EXPECT_EQ(check_answer("x.test", first_request(s), r, vars), std::vector<std::string>{});
  EXPECT_EQ(vars.at("first"), "c1");
  EXPECT_EQ(vars.at("etag"), "\"7\"");
}

TEST(ScenarioFormat, ReportsEveryFailingCheckWithItsLine) {
  const auto s = parse(
      "GET /v1/me\n----\n200\n$.email == \"ana@example.com\"\n$.id exists\n"
      "header Location exists\n$.roles length >= 1\n",
      "x.test");
  Vars vars;
  const auto r = answer(200, R"({"email":"bob@example.com","id":"u1","roles":[]})");
  EXPECT_EQ(
      check_answer("x.test", first_request(s), r, vars),
      (std::vector<std::string>{R"(x.test:4: $.email == "ana@example.com": got "bob@example.com")",
                                "x.test:6: header Location exists: the answer has no such header",
                                "x.test:7: $.roles length >= 1: its length is 0: []"}));
  EXPECT_EQ(check_answer("x.test", first_request(s), answer(404, "{}"), vars),
            std::vector<std::string>{"x.test:1: expected status 200, got 404"});
}

TEST(ScenarioFormat, EscapesCapturedTextInJsonOnly) {
  const Vars vars{{"name", R"(Luigi "the" chef)"}};
  EXPECT_EQ(substitute(R"({"name": "{{name}}"})", vars, true), R"({"name": "Luigi \"the\" chef"})");
  EXPECT_EQ(substitute("/v1/x?q={{ name }}", vars, false), R"(/v1/x?q=Luigi "the" chef)");
}

}  // namespace
}  // namespace reskflow::testing::scenario
