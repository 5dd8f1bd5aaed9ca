// Web Push's cryptography with OpenSSL: P-256 keys, RFC 8291 message encryption (ECDH, HKDF,
// AES-128-GCM in RFC 8188's aes128gcm coding) and RFC 8292 VAPID tokens (ES256 JWTs).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "reskflow/core/errors.h"

namespace reskflow::notifications::web_push {

inline constexpr std::size_t public_key_bytes = 65;  // an uncompressed P-256 point
inline constexpr std::size_t private_key_bytes = 32;
inline constexpr std::size_t auth_secret_bytes = 16;
inline constexpr std::size_t salt_bytes = 16;
// One record of RFC 8188 carries the whole message: its plaintext is at most this long (the
// record size less the tag and the padding delimiter).
inline constexpr std::uint32_t record_size_bytes = 4096;
inline constexpr std::size_t plaintext_bytes_max = record_size_bytes - 16 - 1;

std::string base64url(std::string_view bytes);
// Unpadded base64url (padding tolerated); nullopt for any other character.
std::optional<std::string> from_base64url(std::string_view text);

// The application server's key pair: the raw private scalar and the uncompressed public point.
struct KeyPair {
  std::string private_key;
  std::string public_key;
};

Result<KeyPair> generate_key_pair();
// The pair of a private scalar; validation_failed when it is not a P-256 private key.
Result<KeyPair> key_pair_of(std::string_view private_key);
// True for 65 bytes encoding an uncompressed point on P-256.
bool valid_public_key(std::string_view public_key);

// The aes128gcm body of `plaintext` for the user agent's public key and auth secret: a header
// (salt, record size, the sender's ephemeral public key) and one encrypted record. `sender` and
// `salt` are fresh for every message; the deterministic form exists for RFC 8291's test vector.
Result<std::string> encrypt(std::string_view plaintext, std::string_view ua_public_key,
                            std::string_view auth_secret);
Result<std::string> encrypt_with(std::string_view plaintext, std::string_view ua_public_key,
                                 std::string_view auth_secret, const KeyPair& sender,
                                 std::string_view salt);

// "https://push.example.net" of "https://push.example.net:443/wpush/v2/abc"; "" when the URL
// has no scheme and host.
std::string origin_of(std::string_view url);

// The VAPID JWT: {"typ":"JWT","alg":"ES256"}.{"aud","exp","sub"} signed with the key pair.
Result<std::string> vapid_token(const KeyPair& keys, std::string_view audience,
                                std::int64_t expires_at_s, std::string_view subject);
// The Authorization header's value: "vapid t=<token>, k=<public key, base64url>".
std::string vapid_authorization(std::string_view token, const KeyPair& keys);

}  // namespace reskflow::notifications::web_push
