// What the integration tests share to read API answers and to log in with a second factor:
// JSON bodies, string fields, and RFC 6238 codes as an authenticator app computes them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "reskflow/testing/client.h"

namespace reskflow::testing {

// The body as an object; an array body comes back as {"array": [...]}, an empty one as {}.
boost::json::object json_of(const HttpResult& r);

std::string str(const boost::json::object& o, std::string_view key);
std::string str(const boost::json::value& v, std::string_view key);

// RFC 4648 base32 (upper case, no padding), as TOTP secrets are shown.
std::string base32_decode(std::string_view text);

// RFC 6238 with SHA-1 and 6 digits for the 30-second `step`.
std::string totp(std::string_view secret, std::int64_t step);
// The current 30-second step.
std::int64_t totp_step_now();

}  // namespace reskflow::testing
