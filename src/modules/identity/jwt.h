// JSON Web Tokens per RFC 8725: HS256 pinned by the server (the header's alg must be exactly
// HS256; "none" and every other algorithm are refused), exp/nbf/iat/iss/aud checked, and a
// key id naming which secret signed: the current JWT_SECRET signs, previous secrets still
// verify until they are removed from configuration (after their tokens have expired).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "reskflow/core/errors.h"

namespace reskflow::identity {

struct JwtKey {
  std::string kid;
  std::string secret;
};

class JwtCodec {
 public:
  // `current` signs; `previous` only verify. Secrets shorter than 32 bytes are the caller's
  // responsibility (Config::validate refuses them in production).
  JwtCodec(std::string current, std::vector<std::string> previous, std::string issuer,
           std::string audience);

  // Adds iss, aud, iat, nbf, exp to `claims` and signs with the current key.
  std::string sign(boost::json::object claims, std::int64_t now_s, std::int64_t ttl_s) const;
  std::string sign_for(boost::json::object claims, std::string_view audience, std::int64_t now_s,
                       std::int64_t ttl_s) const;

  // The claims of a valid token, or unauthenticated with the reason (for logs, not clients).
  Result<boost::json::object> verify(std::string_view token, std::int64_t now_s) const;
  Result<boost::json::object> verify_for(std::string_view token, std::string_view audience,
                                         std::int64_t now_s) const;

  const std::string& current_kid() const { return keys_.front().kid; }
  static std::string kid_of(std::string_view secret);

 private:
  const JwtKey* key(std::string_view kid) const;

  std::vector<JwtKey> keys_;  // front: the current key
  std::string issuer_;
  std::string audience_;
};

// Clock skew tolerated on nbf and iat, in seconds.
inline constexpr std::int64_t jwt_leeway_s = 30;

}  // namespace reskflow::identity
