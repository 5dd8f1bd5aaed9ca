// Replays every API scenario under tests/api (format: tests/api/README.md) against a fresh
// reskflow binary on SQLite and on PostgreSQL: one test per file and engine, each ending with
// `reskflow ledger check`. Files are found when the tests are listed, so a new scenario needs no
// C++ and no CMake change.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "admin_session.h"
#include "api.h"
#include "engines.h"
#include "process.h"
#include "reskflow/testing/client.h"
#include "reskflow/testing/paths.h"
#include "scenario.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr std::size_t shown_body_chars_max = 4000;
// How long an `eventually` step is asked again before its last answer counts.
constexpr auto eventually_deadline = 10s;

const std::filesystem::path scenarios_dir = RESKFLOW_API_SCENARIOS_DIR;

struct ScenarioFile {
  std::filesystem::path path;
  TestEngine engine = TestEngine::sqlite;
};

void PrintTo(const ScenarioFile& f, std::ostream* out) {
  *out << f.path.string() << " on " << engine_label(f.engine);
}

std::vector<ScenarioFile> scenario_files() {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(scenarios_dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".test")
      paths.push_back(entry.path());
  }
  std::ranges::sort(paths);
  std::vector<ScenarioFile> out;
  for (const auto& path : paths) {
    for (const auto engine : {TestEngine::sqlite, TestEngine::postgres})
      out.push_back({path, engine});
  }
  return out;
}

// "identity/login.test" on SQLite: "identity_login_sqlite".
std::string case_name(const ScenarioFile& f) {
  auto name = f.path.lexically_relative(scenarios_dir).replace_extension().string();
  for (auto& c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  }
  return name + "_" + engine_label(f.engine);
}

std::string shown_body(const HttpResult& r) {
  if (r.body.size() <= shown_body_chars_max) return r.body;
  return r.body.substr(0, shown_body_chars_max) + "...";
}

// One scenario on one fresh binary and database.
class Replay {
 public:
  Replay(const scenario::Scenario& s, TestEngine engine)
      : scenario_(s), url_(fresh_database_url(engine, dir_)) {}

  // Starts the binary and replays the steps up to the first that fails: its report, or
  // nullopt when every step passed.
  std::optional<std::string> run() {
    server_ = start_server(env());
    client_ = std::make_unique<HttpClient>(server_.port);
    for (const auto& step : scenario_.steps) {
      auto failure = std::visit([this](const auto& s) { return replay(s); }, step);
      if (failure) return failure;
    }
    return check_ledger();
  }

 private:
  std::map<std::string, std::string> env() const {
    std::map<std::string, std::string> out = {
        {"DATABASE_URL", url_},
        {"RESKFLOW_WEB_ROOT", (dir_.path() / "web").string()},
        {"RESKFLOW_IDENTITY_ARGON2_OPS", "1"},
        {"RESKFLOW_IDENTITY_ARGON2_MEMORY_KIB", "64"},
        {"RESKFLOW_NOTIFICATIONS_MAIL_FILE", (dir_.path() / "mail.log").string()},
        {"RESKFLOW_IDENTITY_AUTH_RATE_BURST", "100"}};
    for (const auto& [k, v] : scenario_.env) out[k] = v;
    return out;
  }

  // `reskflow ledger check` on the scenario's database: every scenario ends with the money
  // invariants holding (docs/payments.md).
  std::optional<std::string> check_ledger() const {
    Process check({binary_path(), "ledger", "check"}, env());
    if (check.wait_exit(60s) == 0) return std::nullopt;
    return scenario_.file + ": `reskflow ledger check` fails after the scenario:\n" +
           check.output();
  }

  std::string where(int line) const { return scenario_.file + ":" + std::to_string(line) + ": "; }

  std::optional<std::string> replay(const scenario::Let& let) {
    vars_[let.name] = scenario::substitute(let.value, vars_, false);
    return std::nullopt;
  }

  std::optional<std::string> replay(const scenario::Request& request) {
    Headers headers;
    for (const auto& [k, v] : request.headers)
      headers.emplace_back(k, scenario::substitute(v, vars_, false));
    const auto target = scenario::substitute(request.target, vars_, false);
    const auto body = scenario::substitute(request.body, vars_, request.json_body);
    const auto deadline = std::chrono::steady_clock::now() + eventually_deadline;
    auto answer = client_->request(request.method, target, body, headers);
    auto failures = scenario::check_answer(scenario_.file, request, answer, vars_);
    while (!failures.empty() && request.eventually && std::chrono::steady_clock::now() < deadline) {
      answer = client_->request(request.method, target, body, headers);
      failures = scenario::check_answer(scenario_.file, request, answer, vars_);
    }
    if (failures.empty()) return std::nullopt;
    std::ostringstream report;
    for (const auto& f : failures) report << f << "\n";
    report << "request: " << request.method << " " << target << "\n" << body;
    report << "answer: " << answer.status << " "
           << answer.header("Content-Type").value_or("(no Content-Type)") << "\n"
           << shown_body(answer);
    return report.str();
  }

  std::optional<std::string> replay(const scenario::Admin& admin);

  const scenario::Scenario& scenario_;
  TempDir dir_;
  std::string url_;
  Server server_;
  std::unique_ptr<HttpClient> client_;
  scenario::Vars vars_;
};

// An admin's session (admin_session.h): every admin route accepts its token.
std::optional<std::string> Replay::replay(const scenario::Admin& admin) {
  auto token = admin_session(*client_, env(), admin.email);
  if (!token) return where(admin.line) + token.error();
  vars_[admin.name] = *token;
  return std::nullopt;
}

class ApiScenario : public ::testing::TestWithParam<ScenarioFile> {};

TEST_P(ApiScenario, Passes) {
  const auto& [path, engine] = GetParam();
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  const auto label = path.lexically_relative(scenarios_dir.parent_path().parent_path()).string();
  scenario::Scenario parsed;
  try {
    parsed = scenario::parse(text.str(), label);
  } catch (const scenario::ParseError& e) {
    FAIL() << e.what();
  }
  Replay replay(parsed, engine);
  if (const auto failure = replay.run()) ADD_FAILURE() << *failure;
}

INSTANTIATE_TEST_SUITE_P(ApiScenarios, ApiScenario, ::testing::ValuesIn(scenario_files()),
                         [](const auto& test_info) { return case_name(test_info.param); });

}  // namespace
}  // namespace reskflow::testing
