// Administration: create accounts of any role, search, suspend and reinstate, change roles,
// partner API keys (shown once, stored hashed), and the audit log query.
#include <boost/json.hpp>

#include "crypto.h"
#include "reskflow/modules/utc_time.h"
#include "reskflow/store/uuid.h"
#include "service.h"
#include "service_util.h"

namespace reskflow::identity {

Result<boost::json::object> Service::admin_create_user(const Actor& admin,
                                                       const NewAccount& account,
                                                       const Origin& origin) {
  return db_.write([&](store::Transaction& tx) -> Result<boost::json::object> {
    RF_TRY(id, insert_user(tx, account));
    RF_TRY(a,
           append_audit(tx, admin, origin,
                        {"admin.user_created", "user", *id, "success", {{"role", account.role}}}));
    return boost::json::object{{"id", *id}, {"role", account.role}};
  });
}

Result<boost::json::array> Service::search_users(const UserFilter& f) {
  return db_.read([&](store::Transaction& tx) -> Result<boost::json::array> {
    const auto like = f.name_contains ? "%" + *f.name_contains + "%" : std::string("%");
    RF_TRY(
        rows,
        tx.query(
            "SELECT id, email_enc, name, role, status, created_at_us, email_verified_at_us, "
            "age_verified FROM identity_users WHERE ($1 = '' OR email_hash = $1) AND ($2 = '' OR "
            "role = $2) AND ($3 = '' OR status = $3) AND LOWER(name) LIKE LOWER($4) AND id > $5 "
            "ORDER BY id LIMIT $6",
            {f.email ? email_hash(*f.email) : std::string(), f.role.value_or(""),
             f.status.value_or(""), like, f.after_id.value_or(""), f.limit + 1}));
    boost::json::array out;
    for (const auto r : *rows) {
      out.push_back(boost::json::object{{"id", r.text(0)},
                                        {"email", decrypt_or_empty(r.optional_text(1), "email")},
                                        {"name", r.text(2)},
                                        {"role", r.text(3)},
                                        {"status", r.text(4)},
                                        {"created_at", modules::iso_utc(r.int64(5))},
                                        {"email_verified", !r.is_null(6)},
                                        {"age_verified", r.boolean(7)}});
    }
    return out;
  });
}

Status Service::set_user_status(const Actor& admin, std::string_view user_id,
                                std::string_view status, const Origin& origin) {
  return db_.write([&](store::Transaction& tx) -> Status {
    const std::string id(user_id);
    RF_TRY(n, tx.exec("UPDATE identity_users SET status = $1, updated_at_us = $2 WHERE "
                      "id = $3 AND status <> 'erased'",
                      {std::string(status), clock_(), id}));
    if (*n == 0) return fail(ErrorCode::not_found, "no such user");
    if (status != "active") {
      RF_TRY(r, revoke_sessions(tx, id, "", "suspended"));
    }
    session_cache_.clear();
    return append_audit(
        tx, admin, origin,
        {status == "active" ? "admin.user_reinstated" : "admin.user_suspended", "user", id});
  });
}

Status Service::set_user_role(const Actor& admin, std::string_view user_id, std::string_view role,
                              const Origin& origin) {
  return db_.write([&](store::Transaction& tx) -> Status {
    const std::string id(user_id);
    RF_TRY(old, tx.query("SELECT role FROM identity_users WHERE id = $1 AND status <> "
                         "'erased'",
                         {id}));
    if (old->empty()) return fail(ErrorCode::not_found, "no such user");
    RF_TRY(n, tx.exec("UPDATE identity_users SET role = $1, updated_at_us = $2 WHERE "
                      "id = $3",
                      {std::string(role), clock_(), id}));
    // Tokens carry the role: end the sessions so the next login gets the new one.
    RF_TRY(r, revoke_sessions(tx, id, "", "role_changed"));
    return append_audit(tx, admin, origin,
                        {"admin.role_changed",
                         "user",
                         id,
                         "success",
                         {{"from", old->front().text(0)}, {"to", role}}});
  });
}

Result<boost::json::object> Service::create_api_key(
    const Actor& admin, std::string_view name, const std::optional<std::string>& partner_user_id,
    const std::vector<std::string>& scopes, const Origin& origin) {
  const auto id = store::new_uuid_v7();
  const auto secret = base64url_encode(random_bytes(32));
  std::string scope_text;
  for (const auto& s : scopes) scope_text += (scope_text.empty() ? "" : " ") + s;
  return db_.write([&](store::Transaction& tx) -> Result<boost::json::object> {
    if (partner_user_id) {
      RF_TRY(p, tx.query("SELECT 1 FROM identity_users WHERE id = $1 AND role = 'partner'",
                         {*partner_user_id}));
      if (p->empty())
        return fail(ErrorCode::validation_failed, "no such partner account",
                    {{"partner_user_id", "is not a partner account"}});
    }
    RF_TRY(k, tx.exec("INSERT INTO identity_api_keys (id, name, partner_user_id, "
                      "secret_hash, scopes, created_by, created_at_us) VALUES ($1, $2, $3, "
                      "$4, $5, $6, $7)",
                      {id, std::string(name), optional_value(partner_user_id), hex(sha256(secret)),
                       scope_text, admin.id, clock_()}));
    RF_TRY(a, append_audit(tx, admin, origin, {"api_key.created", "api_key", id}));
    boost::json::array scope_list;
    for (const auto& s : scopes) scope_list.emplace_back(s);
    return boost::json::object{{"id", id},
                               {"name", name},
                               {"key", "rk." + id + "." + secret},
                               {"scopes", std::move(scope_list)}};
  });
}

Result<boost::json::array> Service::api_keys() {
  return db_.read([&](store::Transaction& tx) -> Result<boost::json::array> {
    RF_TRY(rows, tx.query("SELECT id, name, partner_user_id, scopes, created_by, "
                          "created_at_us, revoked_at_us, last_used_at_us FROM "
                          "identity_api_keys ORDER BY id DESC LIMIT 500"));
    boost::json::array out;
    for (const auto r : *rows) {
      boost::json::object k{{"id", r.text(0)},
                            {"name", r.text(1)},
                            {"scopes", r.text(3)},
                            {"created_by", r.text(4)},
                            {"created_at", modules::iso_utc(r.int64(5))}};
      k["partner_user_id"] = r.is_null(2) ? boost::json::value() : boost::json::value(r.text(2));
      k["revoked_at"] = time_or_null(r, 6);
      k["last_used_at"] = time_or_null(r, 7);
      out.push_back(std::move(k));
    }
    return out;
  });
}

Status Service::revoke_api_key(const Actor& admin, std::string_view key_id, const Origin& origin) {
  return db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(n, tx.exec("UPDATE identity_api_keys SET revoked_at_us = $1 WHERE id = $2 AND "
                      "revoked_at_us IS NULL",
                      {clock_(), std::string(key_id)}));
    if (*n == 0) return fail(ErrorCode::not_found, "no such active API key");
    return append_audit(tx, admin, origin, {"api_key.revoked", "api_key", std::string(key_id)});
  });
}

// Users' names are resolved here, not stored: their current name and email ("Erased user" and
// no email once erased); other targets carry the name their module recorded at write time.
Result<boost::json::array> Service::audit(const AuditFilter& f) {
  return db_.read([&](store::Transaction& tx) -> Result<boost::json::array> {
    RF_TRY(rows,
           tx.query("SELECT a.id, a.at_us, a.actor_id, a.actor_role, a.action, a.target_type, "
                    "a.target_id, a.outcome, a.ip, a.request_id, a.detail, a.target_name, "
                    "actor.name, CASE WHEN actor.status = 'erased' THEN NULL ELSE actor.email_enc "
                    "END, target.name FROM identity_audit_log a "
                    "LEFT JOIN identity_users actor ON actor.id = a.actor_id "
                    "LEFT JOIN identity_users target ON a.target_type = 'user' AND "
                    "target.id = a.target_id WHERE ($1 = '' OR a.actor_id = $1) AND "
                    "($2 = '' OR a.action = $2) AND ($3 = '' OR a.target_id = $3) AND "
                    "a.at_us >= $4 AND a.at_us <= $5 AND ($6 = '' OR a.id < $6) "
                    "ORDER BY a.id DESC LIMIT $7",
                    {f.actor_id.value_or(""), f.action.value_or(""), f.target_id.value_or(""),
                     f.since_us.value_or(0),
                     f.until_us.value_or(std::numeric_limits<std::int64_t>::max()),
                     f.before_id.value_or(""), f.limit + 1}));
    boost::json::array out;
    for (const auto r : *rows) out.push_back(audit_document(r));
    return out;
  });
}

boost::json::object Service::audit_document(const store::Row& r) {
  boost::system::error_code ec;
  auto detail = boost::json::parse(r.text(10), ec);
  boost::json::object entry{{"id", r.text(0)},
                            {"at", modules::iso_utc(r.int64(1))},
                            {"actor_id", r.text(2)},
                            {"actor_role", r.text(3)},
                            {"action", r.text(4)},
                            {"target_type", r.text(5)},
                            {"target_id", r.text(6)},
                            {"outcome", r.text(7)},
                            {"ip", r.text(8)},
                            {"request_id", r.text(9)},
                            {"detail", ec ? boost::json::value() : detail}};
  const auto put_text = [&entry](std::string_view key, const std::string& value) {
    if (!value.empty()) entry[key] = value;
  };
  put_text("actor_name", r.optional_text(12).value_or(""));
  put_text("actor_email", decrypt_or_empty(r.optional_text(13), "email"));
  put_text("target_name", r.optional_text(14).value_or(r.text(11)));
  return entry;
}

}  // namespace reskflow::identity
