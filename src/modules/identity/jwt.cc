// JWT signing and validation with libsodium's HMAC-SHA-256 and base64url.
#include "jwt.h"

#include <boost/json.hpp>

#include "crypto.h"
#include "reskflow/core/json_text.h"

namespace reskflow::identity {
namespace {

std::unexpected<Error> refuse(std::string detail) {
  return fail(ErrorCode::unauthenticated, std::move(detail));
}

std::optional<boost::json::object> parse_segment(std::string_view segment) {
  const auto text = base64url_decode(segment);
  if (!text) return std::nullopt;
  boost::system::error_code ec;
  auto value = boost::json::parse(*text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

std::optional<std::int64_t> time_claim(const boost::json::object& claims, std::string_view name) {
  const auto* v = claims.if_contains(name);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() < (1ULL << 62))
    return static_cast<std::int64_t>(v->as_uint64());
  return std::nullopt;
}

bool audience_matches(const boost::json::value* aud, std::string_view expected) {
  if (aud == nullptr) return false;
  if (aud->is_string()) return aud->as_string() == expected;
  if (!aud->is_array()) return false;
  for (const auto& a : aud->as_array()) {
    if (a.is_string() && a.as_string() == expected) return true;
  }
  return false;
}

Status check_times(const boost::json::object& claims, std::int64_t now_s) {
  const auto exp = time_claim(claims, "exp");
  const auto iat = time_claim(claims, "iat");
  if (!exp || !iat) return refuse("exp and iat are required");
  if (now_s >= *exp) return refuse("expired");
  if (*iat > now_s + jwt_leeway_s) return refuse("issued in the future");
  if (const auto nbf = time_claim(claims, "nbf"); nbf && *nbf > now_s + jwt_leeway_s)
    return refuse("not yet valid");
  if (claims.contains("nbf") && !time_claim(claims, "nbf")) return refuse("malformed nbf");
  return {};
}

}  // namespace

std::string JwtCodec::kid_of(std::string_view secret) {
  return base64url_encode(sha256("reskflow-jwt-kid:" + std::string(secret))).substr(0, 16);
}

JwtCodec::JwtCodec(std::string current, std::vector<std::string> previous, std::string issuer,
                   std::string audience)
    : issuer_(std::move(issuer)), audience_(std::move(audience)) {
  crypto_ready();
  keys_.push_back({kid_of(current), std::move(current)});
  for (auto& secret : previous) {
    if (!secret.empty()) keys_.push_back({kid_of(secret), std::move(secret)});
  }
}

const JwtKey* JwtCodec::key(std::string_view kid) const {
  for (const auto& k : keys_) {
    if (k.kid == kid) return &k;
  }
  return nullptr;
}

std::string JwtCodec::sign(boost::json::object claims, std::int64_t now_s,
                           std::int64_t ttl_s) const {
  return sign_for(std::move(claims), audience_, now_s, ttl_s);
}

std::string JwtCodec::sign_for(boost::json::object claims, std::string_view audience,
                               std::int64_t now_s, std::int64_t ttl_s) const {
  const auto& k = keys_.front();
  const boost::json::object header{{"alg", "HS256"}, {"typ", "JWT"}, {"kid", k.kid}};
  claims["iss"] = issuer_;
  claims["aud"] = audience;
  claims["iat"] = now_s;
  claims["nbf"] = now_s;
  claims["exp"] = now_s + ttl_s;
  auto input =
      base64url_encode(json::serialize(header)) + "." + base64url_encode(json::serialize(claims));
  const auto signature = base64url_encode(hmac_sha256(k.secret, input));
  return input + "." + signature;
}

Result<boost::json::object> JwtCodec::verify(std::string_view token, std::int64_t now_s) const {
  return verify_for(token, audience_, now_s);
}

Result<boost::json::object> JwtCodec::verify_for(std::string_view token, std::string_view audience,
                                                 std::int64_t now_s) const {
  if (token.size() > 8192) return refuse("token too long");
  const auto dot1 = token.find('.');
  const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos)
    return refuse("not a compact JWS");
  const auto header = parse_segment(token.substr(0, dot1));
  if (!header) return refuse("malformed header");
  // The algorithm is pinned: the header may only confirm it, never choose it.
  const auto* alg = header->if_contains("alg");
  if (alg == nullptr || !alg->is_string() || alg->as_string() != "HS256")
    return refuse("algorithm not accepted");
  if (header->contains("crit") || header->contains("jku") || header->contains("jwk"))
    return refuse("unsupported header parameter");
  const auto* kid = header->if_contains("kid");
  if (kid == nullptr || !kid->is_string()) return refuse("kid required");
  const auto* k = key(kid->as_string());
  if (k == nullptr) return refuse("unknown kid");
  const auto signature = base64url_decode(token.substr(dot2 + 1));
  const auto expected = hmac_sha256(k->secret, token.substr(0, dot2));
  if (!signature || !constant_time_equal(*signature, expected)) return refuse("bad signature");
  auto claims = parse_segment(token.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!claims) return refuse("malformed claims");
  const auto* iss = claims->if_contains("iss");
  if (iss == nullptr || !iss->is_string() || iss->as_string() != issuer_)
    return refuse("wrong issuer");
  if (!audience_matches(claims->if_contains("aud"), audience)) return refuse("wrong audience");
  if (auto ok = check_times(*claims, now_s); !ok) return std::unexpected(ok.error());
  return std::move(*claims);
}

}  // namespace reskflow::identity
