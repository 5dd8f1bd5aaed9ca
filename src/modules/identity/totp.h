// TOTP (RFC 6238) over HOTP (RFC 4226) with OpenSSL's HMAC, base32 secrets (RFC 4648 §6) and
// the otpauth:// enrolment URI authenticator apps read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reskflow::identity {

enum class TotpHash : std::uint8_t { sha1, sha256, sha512 };

struct TotpParams {
  TotpHash hash = TotpHash::sha1;  // what authenticator apps implement
  int digits = 6;
  std::int64_t period_s = 30;
};

// The code for time step `step` (= unix seconds / period).
std::string totp_code(std::string_view secret, std::int64_t step, TotpParams params = {});

// The step within ±window of now_s whose code equals `code`, or nullopt. The caller refuses a
// step at or below the last one accepted (replay).
std::optional<std::int64_t> totp_match(std::string_view secret, std::string_view code,
                                       std::int64_t now_s, int window = 1, TotpParams params = {});

std::string base32_encode(std::string_view bytes);

// otpauth://totp/Issuer:account?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace reskflow::identity
