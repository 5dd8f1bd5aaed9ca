// An administrator's session over the real binary's API, opened as an operator opens one:
// `reskflow admin create` prints a one-time password, then login and TOTP enrolment.
#pragma once

#include <expected>
#include <map>
#include <string>

#include "reskflow/testing/client.h"

namespace reskflow::testing {

// `reskflow admin create --email <email>` run with `env`, then a login with the one-time
// password it prints: the session's access token, without a second factor yet; or what failed.
std::expected<std::string, std::string> admin_login(HttpClient& client,
                                                    const std::map<std::string, std::string>& env,
                                                    const std::string& email);

// TOTP enrolment and confirmation on the session of `token`, which then counts as two-factor;
// or what failed.
std::expected<void, std::string> enrol_totp(HttpClient& client, const std::string& token);

// Both: a token that every admin route accepts; or what failed.
std::expected<std::string, std::string> admin_session(HttpClient& client,
                                                      const std::map<std::string, std::string>& env,
                                                      const std::string& email);

}  // namespace reskflow::testing
