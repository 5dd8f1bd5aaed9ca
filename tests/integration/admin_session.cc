// Opens an administrator's session through the binary's CLI and API (admin_session.h).
#include "admin_session.h"

#include <chrono>
#include <regex>
#include <string_view>
#include <utility>
#include <vector>

#include "api.h"
#include "process.h"

namespace reskflow::testing {
namespace {

HttpResult post(HttpClient& client, std::string_view path, const boost::json::object& body,
                const std::string& token) {
  std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", "application/json"}};
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  return client.request("POST", path, boost::json::serialize(body), std::move(headers));
}

}  // namespace

std::expected<std::string, std::string> admin_login(HttpClient& client,
                                                    const std::map<std::string, std::string>& env,
                                                    const std::string& email) {
  Process create({binary_path(), "admin", "create", "--email", email}, env);
  if (create.wait_exit(std::chrono::seconds(60)) != 0)
    return std::unexpected("`reskflow admin create` failed:\n" + create.output());
  std::smatch m;
  const auto created = create.output();
  if (!std::regex_search(created, m, std::regex("one-time password: (\\S+)")))
    return std::unexpected("no one-time password in:\n" + created);
  const auto login =
      post(client, "/v1/auth/login", {{"email", email}, {"password", m[1].str()}}, {});
  if (login.status != 200) return std::unexpected("admin login failed: " + login.body);
  return str(json_of(login), "access_token");
}

std::expected<void, std::string> enrol_totp(HttpClient& client, const std::string& token) {
  const auto enrol = post(client, "/v1/me/mfa/totp", {}, token);
  if (enrol.status != 201) return std::unexpected("TOTP enrolment failed: " + enrol.body);
  const auto secret = base32_decode(str(json_of(enrol), "secret"));
  const auto confirm =
      post(client, "/v1/me/mfa/totp/confirm", {{"code", totp(secret, totp_step_now())}}, token);
  if (confirm.status != 200) return std::unexpected("TOTP confirmation failed: " + confirm.body);
  return {};
}

std::expected<std::string, std::string> admin_session(HttpClient& client,
                                                      const std::map<std::string, std::string>& env,
                                                      const std::string& email) {
  auto token = admin_login(client, env, email);
  if (!token) return token;
  if (auto enrolled = enrol_totp(client, *token); !enrolled)
    return std::unexpected(enrolled.error());
  return token;  // the enrolling session counts as two-factor
}

}  // namespace reskflow::testing
