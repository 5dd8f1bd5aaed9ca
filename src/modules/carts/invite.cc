// Invite token derivation and hashing with OpenSSL.
#include "invite.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>

#include "cart_limits.h"
#include "reskflow/core/assert.h"
#include "reskflow/modules/digest.h"

namespace reskflow::carts {
namespace {

constexpr std::string_view base64url_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::size_t token_chars = (invite_token_bytes * 4 + 2) / 3;
constexpr std::size_t nonce_bytes = 16;
constexpr std::string_view invite_key_label = "reskflow carts invite token v1";

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

std::array<unsigned char, SHA256_DIGEST_LENGTH> hmac_sha256(std::string_view key,
                                                            std::string_view message) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> mac{};
  unsigned int size = 0;
  RF_PANIC(HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
                reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(),
                &size) != nullptr,
           "HMAC-SHA256 failed; no invite token can be made");
  return mac;
}

}  // namespace

std::string invite_key(std::string_view server_secret) {
  const auto key = hmac_sha256(server_secret, invite_key_label);
  return {reinterpret_cast<const char*>(key.data()), key.size()};
}

std::string new_invite_nonce() {
  std::array<unsigned char, nonce_bytes> bytes{};
  // A failing CSPRNG would hand out guessable capabilities: never go on without one.
  RF_PANIC(RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) == 1,
           "the CSPRNG failed; no invite link can be made");
  return base64url(bytes.data(), bytes.size());
}

std::string invite_token(std::string_view key, std::string_view cart_id, std::string_view nonce) {
  static_assert(SHA256_DIGEST_LENGTH == invite_token_bytes);
  const auto mac = hmac_sha256(key, std::string(cart_id) + ":" + std::string(nonce));
  return base64url(mac.data(), mac.size());
}

std::string invite_token_hash(std::string_view token) { return modules::sha256_hex(token); }

bool plausible_invite_token(std::string_view token) {
  if (token.size() != token_chars) return false;
  return token.find_first_not_of(base64url_alphabet) == std::string_view::npos;
}

}  // namespace reskflow::carts
