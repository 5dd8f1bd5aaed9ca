// Partner API keys: created by admins ("rk.<id>.<secret>", shown once, stored hashed), listed,
// revoked, and checked on every request that presents one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "context.h"
#include "model.h"

namespace reskflow::identity {

class ApiKeyService {
 public:
  ApiKeyService(const Context& context, const AuditLog& audit) : ctx_(context), audit_(audit) {}

  // validation_failed when partner_user_id is not a partner account.
  Result<NewApiKey> create(const Actor& admin, const std::string& name,
                           const std::optional<std::string>& partner_user_id,
                           const std::vector<std::string>& scopes, const Origin& origin);
  Result<std::vector<ApiKeyView>> list();
  Status revoke(const Actor& admin, const std::string& key_id, const Origin& origin);
  // The partner principal of a valid, unrevoked key, with its scopes.
  Result<Authenticated> authenticate(std::string_view key);

 private:
  const Context& ctx_;
  const AuditLog& audit_;
};

}  // namespace reskflow::identity
