// SQL of partner API keys.
#include "repository_api_keys.h"

#include "repository_util.h"

namespace reskflow::identity::repository {

Status insert_api_key(store::Transaction& tx, const NewApiKeyRow& k) {
  RF_TRY(done, tx.exec("INSERT INTO identity_api_keys (id, name, partner_user_id, "
                       "secret_hash, scopes, created_by, created_at_us) VALUES ($1, $2, $3, "
                       "$4, $5, $6, $7)",
                       {k.id, k.name, optional_value(k.partner_user_id), k.secret_hash, k.scopes,
                        k.created_by, k.created_at_us}));
  return {};
}

Result<std::vector<ApiKeyView>> api_keys(store::Transaction& tx) {
  RF_TRY(rows, tx.query("SELECT id, name, partner_user_id, scopes, created_by, "
                        "created_at_us, revoked_at_us, last_used_at_us FROM "
                        "identity_api_keys ORDER BY id DESC LIMIT 500"));
  std::vector<ApiKeyView> out;
  for (const auto r : *rows) {
    out.push_back({r.text(0), r.text(1), r.optional_text(2), r.text(3), r.text(4), r.int64(5),
                   r.optional_int64(6), r.optional_int64(7)});
  }
  return out;
}

Result<bool> revoke_api_key(store::Transaction& tx, const std::string& key_id,
                            std::int64_t now_us) {
  RF_TRY(n, tx.exec("UPDATE identity_api_keys SET revoked_at_us = $1 WHERE id = $2 AND "
                    "revoked_at_us IS NULL",
                    {now_us, key_id}));
  return *n > 0;
}

Result<std::optional<ApiKeyCheck>> api_key_check(store::Transaction& tx,
                                                 const std::string& key_id) {
  RF_TRY(rows, tx.query("SELECT secret_hash, scopes, revoked_at_us, last_used_at_us FROM "
                        "identity_api_keys WHERE id = $1",
                        {key_id}));
  if (rows->empty()) return std::optional<ApiKeyCheck>{};
  const auto r = rows->front();
  return std::optional<ApiKeyCheck>{
      {r.text(0), r.text(1), !r.is_null(2), r.optional_int64(3).value_or(0)}};
}

Status touch_api_key(store::Transaction& tx, const std::string& key_id, std::int64_t now_us) {
  RF_TRY(u, tx.exec("UPDATE identity_api_keys SET last_used_at_us = $1 WHERE id = $2",
                    {now_us, key_id}));
  return {};
}

}  // namespace reskflow::identity::repository
