// Invite token generation and hashing with OpenSSL.
#include "invite.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>

#include "cart_limits.h"
#include "reskflow/core/assert.h"

namespace reskflow::carts {
namespace {

constexpr std::string_view base64url_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::size_t token_chars = (invite_token_bytes * 4 + 2) / 3;

std::string base64url(const unsigned char* data, std::size_t size) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(base64url_alphabet[(buffer >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(base64url_alphabet[(buffer << (6 - bits)) & 0x3F]);
  return out;
}

}  // namespace

std::string new_invite_token() {
  std::array<unsigned char, invite_token_bytes> bytes{};
  // A failing CSPRNG would hand out guessable capabilities: never go on without one.
  RF_PANIC(RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) == 1,
           "the CSPRNG failed; no invite token can be made");
  return base64url(bytes.data(), bytes.size());
}

std::string invite_token_hash(std::string_view token) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), digest.data());
  constexpr std::string_view hex = "0123456789abcdef";
  std::string out;
  for (const auto byte : digest) {
    out.push_back(hex[byte >> 4]);
    out.push_back(hex[byte & 0x0F]);
  }
  return out;
}

bool plausible_invite_token(std::string_view token) {
  if (token.size() != token_chars) return false;
  return token.find_first_not_of(base64url_alphabet) == std::string_view::npos;
}

}  // namespace reskflow::carts
