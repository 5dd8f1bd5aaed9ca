// What every identity service shares: the database, settings and clock, password hashing and
// policy, the token signer, the field cipher for personal data, and the email index.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "field_cipher.h"
#include "password.h"
#include "reskflow/modules/clock.h"
#include "reskflow/store/database.h"
#include "settings.h"
#include "tokens.h"

namespace reskflow::identity {

// Field-cipher column names: each binds a ciphertext to its purpose (associated data).
namespace column {
inline constexpr std::string_view email = "email";
inline constexpr std::string_view phone = "phone";
inline constexpr std::string_view address = "address";
inline constexpr std::string_view mfa_secret = "mfa_secret";
inline constexpr std::string_view document_number = "document_number";
inline constexpr std::string_view mail = "mail";
// An ID document image: the image id follows (":<id>"), so a file cannot stand in for another.
inline constexpr std::string_view id_image = "id_image";
}  // namespace column

class Context {
 public:
  Context(store::Database& database, IdentitySettings settings, modules::Clock clock);
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  store::Database& db() const { return db_; }
  const IdentitySettings& settings() const { return settings_; }
  std::int64_t now_us() const { return clock_(); }
  std::int64_t now_s() const { return clock_() / 1'000'000; }
  const PasswordHasher& hasher() const { return hasher_; }
  const PasswordPolicy& policy() const { return policy_; }
  const Tokens& tokens() const { return tokens_; }
  const FieldCipher& cipher() const { return cipher_; }

  // The searchable form of an email: HMAC of its normalised text.
  std::string email_hash(std::string_view email) const;
  std::string encrypt(std::string_view plain, std::string_view column) const;
  std::optional<std::string> encrypt_optional(const std::optional<std::string>& plain,
                                              std::string_view column) const;
  // The plaintext, or empty (logged) when absent or undecryptable.
  std::string decrypt_or_empty(const std::optional<std::string>& value,
                               std::string_view column) const;

 private:
  store::Database& db_;
  IdentitySettings settings_;
  modules::Clock clock_;
  PasswordHasher hasher_;
  PasswordPolicy policy_;
  Tokens tokens_;
  FieldCipher cipher_;
};

// Normalises an email for lookups: trimmed, lowercased.
std::string normalise_email(std::string_view email);
// A rough RFC 5322 shape check: one '@', a dot in the domain, no spaces, ≤ 254 chars.
bool plausible_email(std::string_view email);

}  // namespace reskflow::identity
