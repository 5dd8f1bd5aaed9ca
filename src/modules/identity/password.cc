// argon2id through libsodium and the password acceptance policy.
#include "password.h"

#include <sodium.h>

#include <span>

#include "crypto.h"
#include "reskflow/store/embedded_file.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_identity_common_passwords();

namespace reskflow::identity {

PasswordHasher::PasswordHasher(Argon2Cost cost) : cost_(cost) {
  crypto_ready();
  auto dummy = hash(random_token("dummy-"));
  if (dummy) dummy_hash_ = std::move(*dummy);
}

Result<std::string> PasswordHasher::hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES] = {};
  if (crypto_pwhash_str(out, password.data(), password.size(), cost_.ops,
                        static_cast<std::size_t>(cost_.memory_kib * 1024)) != 0)
    return fail(ErrorCode::internal, "argon2id hashing ran out of memory");
  return std::string(out);
}

bool PasswordHasher::verify(std::string_view encoded, std::string_view password) const {
  if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string copy(encoded);
  return crypto_pwhash_str_verify(copy.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::verify_dummy(std::string_view password) const {
  (void)verify(dummy_hash_, password);
}

bool PasswordHasher::needs_rehash(std::string_view encoded) const {
  const std::string copy(encoded);
  return crypto_pwhash_str_needs_rehash(copy.c_str(), cost_.ops,
                                        static_cast<std::size_t>(cost_.memory_kib * 1024)) != 0;
}

PasswordPolicy::PasswordPolicy(std::string_view text) {
  while (!text.empty()) {
    const auto eol = text.find('\n');
    auto line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::string lower(line);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    common_.insert(std::move(lower));
  }
}

std::string PasswordPolicy::check(std::string_view password) const {
  // Length counts code points, so a passphrase in any script gets the same allowance.
  std::size_t chars = 0;
  for (const char c : password) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  if (chars < password_chars_min) return "must be at least 12 characters";
  if (chars > password_chars_max) return "must be at most 128 characters";
  std::string lower(password);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (common_.contains(lower)) return "is too common; choose another";
  return {};
}

std::string_view shipped_common_passwords() {
  const auto files = reskflow_migrations_identity_common_passwords();
  return files.empty() ? std::string_view{} : files.front().text;
}

}  // namespace reskflow::identity
