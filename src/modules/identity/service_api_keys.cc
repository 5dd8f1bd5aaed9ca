// Partner API keys: the id finds the row, the secret's SHA-256 is compared in constant time
// (the secret has 256 bits of entropy, so a slow hash would add nothing).
#include "service_api_keys.h"

#include "crypto.h"
#include "repository_accounts.h"
#include "repository_api_keys.h"
#include "reskflow/store/uuid.h"

namespace reskflow::identity {
namespace {

std::vector<std::string> split_scopes(const std::string& scopes) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < scopes.size();) {
    const auto space = scopes.find(' ', start);
    const auto end = space == std::string::npos ? scopes.size() : space;
    if (end > start) out.push_back(scopes.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

Result<NewApiKey> ApiKeyService::create(const Actor& admin, const std::string& name,
                                        const std::optional<std::string>& partner_user_id,
                                        const std::vector<std::string>& scopes,
                                        const Origin& origin) {
  const auto id = store::new_uuid_v7();
  const auto secret = base64url_encode(random_bytes(32));
  std::string scope_text;
  for (const auto& s : scopes) scope_text += (scope_text.empty() ? "" : " ") + s;
  return ctx_.db().write([&](store::Transaction& tx) -> Result<NewApiKey> {
    if (partner_user_id) {
      RF_TRY(partner, repository::is_partner(tx, *partner_user_id));
      if (!*partner)
        return fail(ErrorCode::validation_failed, "no such partner account",
                    {{"partner_user_id", "is not a partner account"}});
    }
    RF_TRY(k, repository::insert_api_key(tx, {id, name, partner_user_id, hex(sha256(secret)),
                                              scope_text, admin.id, ctx_.now_us()}));
    RF_TRY(a, audit_.append(tx, admin, origin, {"api_key.created", "api_key", id}));
    return NewApiKey{id, name, "rk." + id + "." + secret, scopes};
  });
}

Result<std::vector<ApiKeyView>> ApiKeyService::list() {
  return ctx_.db().read([](store::Transaction& tx) { return repository::api_keys(tx); });
}

Status ApiKeyService::revoke(const Actor& admin, const std::string& key_id, const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(found, repository::revoke_api_key(tx, key_id, ctx_.now_us()));
    if (!*found) return fail(ErrorCode::not_found, "no such active API key");
    return audit_.append(tx, admin, origin, {"api_key.revoked", "api_key", key_id});
  });
}

Result<Authenticated> ApiKeyService::authenticate(std::string_view key) {
  if (!key.starts_with("rk.")) return fail(ErrorCode::unauthenticated, "malformed API key");
  const auto dot = key.find('.', 3);
  if (dot == std::string_view::npos) return fail(ErrorCode::unauthenticated, "malformed API key");
  const std::string id(key.substr(3, dot - 3));
  const auto secret_hash = hex(sha256(key.substr(dot + 1)));
  const auto now = ctx_.now_us();
  RF_TRY(row,
         ctx_.db().read([&](store::Transaction& tx) { return repository::api_key_check(tx, id); }));
  if (!*row) return fail(ErrorCode::unauthenticated, "unknown API key");
  if (!constant_time_equal((*row)->secret_hash, secret_hash) || (*row)->revoked)
    return fail(ErrorCode::unauthenticated, "invalid API key");
  // last_used_at_us is kept to the minute: one write per key per minute, not per request.
  if ((*row)->last_used_at_us < now - 60'000'000) {
    RF_TRY(touched, ctx_.db().write([&](store::Transaction& tx) {
      return repository::touch_api_key(tx, id, now);
    }));
  }
  http::Principal p{id, std::string(role_partner), {}, {}, http::Credential::api_key};
  p.scopes = split_scopes((*row)->scopes);
  return Authenticated{std::move(p), false};
}

}  // namespace reskflow::identity
