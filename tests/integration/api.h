// What the integration tests share to read API answers, to log in with a second factor and to
// open a store: JSON bodies, string fields, RFC 6238 codes as an authenticator app computes
// them, and the test merchant's profile.
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

// The body of POST /v1/merchants for Luigi's, on rue de Rivoli in Paris: EUR, a 10.00 minimum
// order, delivering 3 km around, open every day all day (so that what a test sees does not
// depend on when it runs).
boost::json::object luigis_profile();

}  // namespace reskflow::testing
