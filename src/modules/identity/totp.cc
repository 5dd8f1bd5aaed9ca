// HOTP/TOTP code generation and matching; the HMAC comes from OpenSSL.
#include "totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "crypto.h"
#include "reskflow/modules/form_encoding.h"

namespace reskflow::identity {
namespace {

const EVP_MD* digest_of(TotpHash hash) {
  switch (hash) {
    case TotpHash::sha256: return EVP_sha256();
    case TotpHash::sha512: return EVP_sha512();
    case TotpHash::sha1: break;
  }
  return EVP_sha1();
}

}  // namespace

std::string totp_code(std::string_view secret, std::int64_t step, TotpParams params) {
  std::array<unsigned char, 8> counter{};
  auto value = static_cast<std::uint64_t>(step);
  for (int i = 7; i >= 0; --i) {
    counter[static_cast<std::size_t>(i)] = static_cast<unsigned char>(value & 0xFF);
    value >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_length = 0;
  HMAC(digest_of(params.hash), secret.data(), static_cast<int>(secret.size()), counter.data(),
       counter.size(), mac.data(), &mac_length);
  const auto offset = static_cast<std::size_t>(mac[mac_length - 1] & 0x0F);
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < params.digits; ++i) modulus *= 10;
  auto code = std::to_string(binary % modulus);
  return std::string(static_cast<std::size_t>(params.digits) - code.size(), '0') + code;
}

std::optional<std::int64_t> totp_match(std::string_view secret, std::string_view code,
                                       std::int64_t now_s, int window, TotpParams params) {
  if (code.size() != static_cast<std::size_t>(params.digits)) return std::nullopt;
  const std::int64_t now_step = now_s / params.period_s;
  std::optional<std::int64_t> found;
  // Every candidate is computed and compared, so the time taken does not depend on which one
  // matched.
  for (std::int64_t step = now_step - window; step <= now_step + window; ++step) {
    if (constant_time_equal(totp_code(secret, step, params), code) && !found) found = step;
  }
  return found;
}

std::string base32_encode(std::string_view bytes) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 5) {
      out.push_back(alphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(alphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::string_view secret) {
  return "otpauth://totp/" + modules::percent_encode(issuer) + ":" +
         modules::percent_encode(account) + "?secret=" + base32_encode(secret) +
         "&issuer=" + modules::percent_encode(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace reskflow::identity
