// Access tokens and MFA challenges as JWT claims: sub, role, sid, jti and amr for access;
// sub and jti for a challenge, signed for the "reskflow-mfa" audience only.
#include "tokens.h"

#include <boost/json.hpp>

#include "reskflow/store/uuid.h"

namespace reskflow::identity {
namespace {

constexpr std::string_view challenge_audience = "reskflow-mfa";

// The string claim `name`, or empty when absent or not a string.
std::string text_claim(const boost::json::object& claims, std::string_view name) {
  const auto* v = claims.if_contains(name);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

Tokens::Tokens(const IdentitySettings& settings)
    : jwt_(settings.jwt_secret, settings.jwt_previous_secrets, settings.jwt_issuer,
           settings.jwt_audience),
      access_ttl_s_(settings.access_ttl_s),
      challenge_ttl_s_(settings.mfa_challenge_ttl_s) {}

std::string Tokens::access(const AccessClaims& c, std::int64_t now_s) const {
  boost::json::object claims{
      {"sub", c.user_id}, {"role", c.role}, {"sid", c.session_id}, {"jti", store::new_uuid_v7()}};
  boost::json::array amr{"pwd"};
  if (c.mfa) amr.emplace_back("otp");
  claims["amr"] = std::move(amr);
  return jwt_.sign(std::move(claims), now_s, access_ttl_s_);
}

Result<AccessClaims> Tokens::verify_access(std::string_view token, std::int64_t now_s) const {
  RF_TRY(claims, jwt_.verify(token, now_s));
  AccessClaims out{text_claim(*claims, "sub"), text_claim(*claims, "role"),
                   text_claim(*claims, "sid")};
  if (out.user_id.empty() || out.session_id.empty())
    return fail(ErrorCode::unauthenticated, "token lacks sid or sub");
  return out;
}

std::string Tokens::challenge(std::string_view user_id, std::int64_t now_s) const {
  boost::json::object claims{{"sub", user_id}, {"jti", store::new_uuid_v7()}};
  return jwt_.sign_for(std::move(claims), challenge_audience, now_s, challenge_ttl_s_);
}

Result<ChallengeClaims> Tokens::verify_challenge(std::string_view token, std::int64_t now_s) const {
  RF_TRY(claims, jwt_.verify_for(token, challenge_audience, now_s));
  ChallengeClaims out{text_claim(*claims, "sub"), text_claim(*claims, "jti")};
  if (out.user_id.empty() || out.jti.empty())
    return fail(ErrorCode::unauthenticated, "challenge lacks sub or jti");
  return out;
}

}  // namespace reskflow::identity
