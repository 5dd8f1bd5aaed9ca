// Primitives the identity module builds on, all from libsodium or OpenSSL: base64url, HMAC,
// SHA-256, random tokens, constant-time comparison. Nothing here is hand-rolled cryptography.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reskflow::identity {

// RFC 4648 §5 without padding (sodium_bin2base64, URLSAFE_NO_PADDING).
std::string base64url_encode(std::string_view bytes);
// nullopt on any character outside the alphabet, padding, or trailing garbage.
std::optional<std::string> base64url_decode(std::string_view text);

// HMAC-SHA-256 with a key of any length (crypto_auth_hmacsha256_init/update/final).
std::string hmac_sha256(std::string_view key, std::string_view message);
std::string sha256(std::string_view bytes);
std::string hex(std::string_view bytes);

// Bytes from the OS CSPRNG (randombytes_buf).
std::string random_bytes(std::size_t count);
// A random opaque token: prefix + base64url of 32 random bytes.
std::string random_token(std::string_view prefix);

// sodium_memcmp on equal lengths; false when the lengths differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// sodium_init once; true when libsodium is usable.
bool crypto_ready();

}  // namespace reskflow::identity
