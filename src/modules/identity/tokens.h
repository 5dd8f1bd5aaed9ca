// The signed tokens identity hands out, as typed claims over the JWT codec: access tokens of a
// session, and the short MFA challenge a password login returns when a second factor is on.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "jwt.h"
#include "settings.h"

namespace reskflow::identity {

struct AccessClaims {
  std::string user_id;
  std::string role;
  std::string session_id;
  bool mfa = false;  // amr carries "otp" besides "pwd"
};

// Who an MFA challenge is for, and its id (single use: the service records it).
struct ChallengeClaims {
  std::string user_id;
  std::string jti;
};

class Tokens {
 public:
  explicit Tokens(const IdentitySettings& settings);

  std::string access(const AccessClaims& claims, std::int64_t now_s) const;
  // The user and session of a valid access token; unauthenticated otherwise.
  Result<AccessClaims> verify_access(std::string_view token, std::int64_t now_s) const;
  std::string challenge(std::string_view user_id, std::int64_t now_s) const;
  Result<ChallengeClaims> verify_challenge(std::string_view token, std::int64_t now_s) const;

 private:
  JwtCodec jwt_;
  std::int64_t access_ttl_s_;
  std::int64_t challenge_ttl_s_;
};

}  // namespace reskflow::identity
