// SQL of partner API keys (identity_api_keys): the secret stored as SHA-256, scopes as a
// space-separated list.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model.h"
#include "reskflow/store/database.h"

namespace reskflow::identity::repository {

struct NewApiKeyRow {
  std::string id, name;
  std::optional<std::string> partner_user_id;
  std::string secret_hash, scopes, created_by;
  std::int64_t created_at_us = 0;
};
Status insert_api_key(store::Transaction& tx, const NewApiKeyRow& row);
// The newest 500 keys.
Result<std::vector<ApiKeyView>> api_keys(store::Transaction& tx);
// Revokes a key that is not yet revoked; false when there is none.
Result<bool> revoke_api_key(store::Transaction& tx, const std::string& key_id, std::int64_t now_us);

struct ApiKeyCheck {
  std::string secret_hash, scopes;
  bool revoked = false;
  std::int64_t last_used_at_us = 0;
};
Result<std::optional<ApiKeyCheck>> api_key_check(store::Transaction& tx, const std::string& key_id);
Status touch_api_key(store::Transaction& tx, const std::string& key_id, std::int64_t now_us);

}  // namespace reskflow::identity::repository
