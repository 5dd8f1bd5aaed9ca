// The shared machinery of identity's services, and email normalisation.
#include "context.h"

#include <cctype>

#include "crypto.h"
#include "reskflow/core/log.h"

namespace reskflow::identity {

std::string normalise_email(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front())) != 0)
    email.remove_prefix(1);
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back())) != 0)
    email.remove_suffix(1);
  std::string out(email);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool plausible_email(std::string_view email) {
  const auto at = email.find('@');
  if (email.size() > 254 || at == 0 || at == std::string_view::npos) return false;
  if (email.find('@', at + 1) != std::string_view::npos) return false;
  const auto domain = email.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  for (const char c : email) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0 || std::iscntrl(c) != 0) return false;
  }
  return true;
}

Context::Context(store::Database& database, IdentitySettings settings, modules::Clock clock)
    : db_(database),
      settings_(std::move(settings)),
      clock_(clock ? std::move(clock) : modules::system_clock()),
      hasher_(settings_.argon2),
      policy_(shipped_common_passwords()),
      tokens_(settings_),
      cipher_(settings_.data_keys) {}

std::string Context::email_hash(std::string_view email) const {
  return hex(hmac_sha256(settings_.email_index_key, normalise_email(email)));
}

std::string Context::encrypt(std::string_view plain, std::string_view column) const {
  return cipher_.encrypt(plain, column);
}

std::optional<std::string> Context::encrypt_optional(const std::optional<std::string>& plain,
                                                     std::string_view column) const {
  if (!plain) return std::nullopt;
  return cipher_.encrypt(*plain, column);
}

std::string Context::decrypt_or_empty(const std::optional<std::string>& value,
                                      std::string_view column) const {
  if (!value || value->empty()) return {};
  auto plain = cipher_.decrypt(*value, column);
  if (!plain) {
    log::error("identity_decrypt_failed", {{"column", column}, {"detail", plain.error().detail}});
    return {};
  }
  return std::move(*plain);
}

}  // namespace reskflow::identity
