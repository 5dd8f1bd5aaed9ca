// Passwords: argon2id hashes (libsodium crypto_pwhash_str) and the acceptance policy
// (12–128 characters, not on the common-password list, no composition rules).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

#include "reskflow/core/errors.h"

namespace reskflow::identity {

// OWASP's argon2id minimum: m = 19 MiB, t = 2, p = 1 (libsodium always uses p = 1).
struct Argon2Cost {
  std::uint64_t ops = 2;
  std::uint64_t memory_kib = 19456;  // 19 MiB
};
inline constexpr Argon2Cost owasp_argon2_cost{};

class PasswordHasher {
 public:
  explicit PasswordHasher(Argon2Cost cost);

  Result<std::string> hash(std::string_view password) const;
  // Constant-time verification (crypto_pwhash_str_verify).
  bool verify(std::string_view encoded, std::string_view password) const;
  // Burns the same work as a verify of an existing account: login takes the same time whether
  // or not the account exists.
  void verify_dummy(std::string_view password) const;
  bool needs_rehash(std::string_view encoded) const;

 private:
  Argon2Cost cost_;
  std::string dummy_hash_;
};

inline constexpr std::size_t password_chars_min = 12;
inline constexpr std::size_t password_chars_max = 128;

class PasswordPolicy {
 public:
  // One password per line; lines starting with '#' are comments. Stored lowercased.
  explicit PasswordPolicy(std::string_view common_passwords_text);

  // An empty string when acceptable, else the reason (for a 422 field error).
  std::string check(std::string_view password) const;
  std::size_t common_count() const { return common_.size(); }

 private:
  std::unordered_set<std::string> common_;
};

// The list shipped in data/common-passwords.txt, compiled into the binary.
std::string_view shipped_common_passwords();

}  // namespace reskflow::identity
