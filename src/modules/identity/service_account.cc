// The caller's own account: profile (personal fields decrypted on the way out), password
// change and reset, email verification, and the list of active sessions.
#include <boost/json.hpp>

#include "crypto.h"
#include "reskflow/modules/utc_time.h"
#include "service.h"
#include "service_util.h"

namespace reskflow::identity {
namespace {

std::unexpected<Error> weak_password(std::string reason, std::string_view field) {
  return fail(ErrorCode::validation_failed, "the password is not acceptable",
              {{std::string(field), std::move(reason)}});
}

}  // namespace

Result<boost::json::object> Service::profile(std::string_view user_id) {
  return db_.read([&](store::Transaction& tx) -> Result<boost::json::object> {
    RF_TRY(rows, tx.query("SELECT u.id, u.email_enc, u.name, u.phone_enc, u.address_enc, "
                          "u.role, u.status, u.email_verified_at_us, u.age_verified, "
                          "u.created_at_us, m.enabled FROM identity_users u LEFT JOIN "
                          "identity_mfa m ON m.user_id = u.id WHERE u.id = $1",
                          {std::string(user_id)}));
    if (rows->empty()) return fail(ErrorCode::not_found, "no such user");
    const auto r = rows->front();
    boost::json::object out{{"id", r.text(0)},
                            {"email", decrypt_or_empty(r.optional_text(1), "email")},
                            {"name", r.text(2)},
                            {"role", r.text(5)},
                            {"status", r.text(6)},
                            {"email_verified", !r.is_null(7)},
                            {"age_verified", r.boolean(8)},
                            {"mfa_enabled", r.optional_boolean(10).value_or(false)},
                            {"created_at", modules::iso_utc(r.int64(9))}};
    out["phone"] = r.is_null(3) ? boost::json::value(nullptr)
                                : boost::json::value(decrypt_or_empty(r.optional_text(3), "phone"));
    out["address"] = r.is_null(4)
                         ? boost::json::value(nullptr)
                         : boost::json::value(decrypt_or_empty(r.optional_text(4), "address"));
    return out;
  });
}

Result<boost::json::object> Service::update_profile(std::string_view user_id,
                                                    const ProfileChange& c, const Origin& origin) {
  auto encrypt = [this](const std::optional<std::string>& v, std::string_view column) {
    return v ? store::Value(cipher_.encrypt(*v, column)) : store::Value(store::null_value);
  };
  auto done = db_.write([&](store::Transaction& tx) -> Status {
    const std::string id(user_id);
    if (c.name) {
      RF_TRY(u, tx.exec("UPDATE identity_users SET name = $1 WHERE id = $2", {*c.name, id}));
    }
    if (c.phone) {
      RF_TRY(u, tx.exec("UPDATE identity_users SET phone_enc = $1 WHERE id = $2",
                        {encrypt(*c.phone, "phone"), id}));
    }
    if (c.address) {
      RF_TRY(u, tx.exec("UPDATE identity_users SET address_enc = $1 WHERE id = $2",
                        {encrypt(*c.address, "address"), id}));
    }
    RF_TRY(u,
           tx.exec("UPDATE identity_users SET updated_at_us = $1 WHERE id = $2", {clock_(), id}));
    return append_audit(tx, {id, "self"}, origin, {"profile.updated", "user", id});
  });
  if (!done) return std::unexpected(done.error());
  return profile(user_id);
}

Status Service::change_password(const http::Principal& caller, std::string_view current,
                                std::string_view next, const Origin& origin) {
  if (auto why = policy_.check(next); !why.empty()) return weak_password(why, "new_password");
  RF_TRY(stored, db_.read([&](store::Transaction& tx) -> Result<std::string> {
    RF_TRY(rows,
           tx.query("SELECT password_hash FROM identity_users WHERE id = $1", {caller.subject}));
    if (rows->empty()) return fail(ErrorCode::not_found, "no such user");
    return rows->front().text(0);
  }));
  if (!hasher_.verify(*stored, current)) {
    audit_failure({caller.subject, caller.role}, origin,
                  {"password.changed", "user", caller.subject});
    return fail(ErrorCode::validation_failed, "the current password is wrong",
                {{"current_password", "is wrong"}});
  }
  RF_TRY(hash, hasher_.hash(next));
  return db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(u, tx.exec("UPDATE identity_users SET password_hash = $1, updated_at_us = $2 "
                      "WHERE id = $3",
                      {*hash, clock_(), caller.subject}));
    RF_TRY(r, revoke_sessions(tx, caller.subject, caller.session_id, "password_changed"));
    return append_audit(tx, {caller.subject, caller.role}, origin,
                        {"password.changed", "user", caller.subject});
  });
}

Status Service::request_password_reset(std::string_view email, const Origin& origin) {
  // The answer is the same whether or not the account exists.
  const auto hash = email_hash(email);
  return db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(rows, tx.query("SELECT id, role FROM identity_users WHERE email_hash = $1 AND "
                          "status = 'active'",
                          {hash}));
    if (rows->empty()) return {};
    const auto id = rows->front().text(0);
    RF_TRY(t, issue_email_token(tx, id, normalise_email(email), "password_reset"));
    return append_audit(tx, {"anonymous", "anonymous"}, origin,
                        {"password.reset_requested", "user", id});
  });
}

Status Service::confirm_password_reset(std::string_view token, std::string_view password,
                                       const Origin& origin) {
  if (auto why = policy_.check(password); !why.empty()) return weak_password(why, "password");
  RF_TRY(hash, hasher_.hash(password));
  return db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(rows, tx.query("UPDATE identity_one_time_tokens SET used_at_us = $1 WHERE "
                          "token_hash = $2 AND purpose = 'password_reset' AND used_at_us "
                          "IS NULL AND expires_at_us > $1 RETURNING user_id",
                          {clock_(), hex(sha256(token))}));
    if (rows->empty())
      return fail(ErrorCode::validation_failed, "the reset code is invalid or expired",
                  {{"token", "is invalid or expired"}});
    const auto id = rows->front().text(0);
    RF_TRY(u, tx.exec("UPDATE identity_users SET password_hash = $1, updated_at_us = $2 "
                      "WHERE id = $3",
                      {*hash, clock_(), id}));
    RF_TRY(r, revoke_sessions(tx, id, "", "password_reset"));
    return append_audit(tx, {id, "self"}, origin, {"password.reset", "user", id});
  });
}

Status Service::verify_email(std::string_view token, const Origin& origin) {
  return db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(rows, tx.query("UPDATE identity_one_time_tokens SET used_at_us = $1 WHERE "
                          "token_hash = $2 AND purpose = 'verify_email' AND used_at_us IS "
                          "NULL AND expires_at_us > $1 RETURNING user_id",
                          {clock_(), hex(sha256(token))}));
    if (rows->empty())
      return fail(ErrorCode::validation_failed, "the verification code is invalid or expired",
                  {{"token", "is invalid or expired"}});
    const auto id = rows->front().text(0);
    RF_TRY(u, tx.exec("UPDATE identity_users SET email_verified_at_us = $1 WHERE id = $2",
                      {clock_(), id}));
    return append_audit(tx, {id, "self"}, origin, {"email.verified", "user", id});
  });
}

Status Service::resend_verification(std::string_view user_id) {
  return db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(rows, tx.query("SELECT email_enc, email_verified_at_us FROM identity_users "
                          "WHERE id = $1",
                          {std::string(user_id)}));
    if (rows->empty()) return fail(ErrorCode::not_found, "no such user");
    if (!rows->front().is_null(1)) return fail(ErrorCode::conflict, "already verified");
    return issue_email_token(tx, user_id, decrypt_or_empty(rows->front().optional_text(0), "email"),
                             "verify_email");
  });
}

Result<boost::json::array> Service::sessions(const http::Principal& caller) {
  const auto now = clock_();
  return db_.read([&](store::Transaction& tx) -> Result<boost::json::array> {
    RF_TRY(rows, tx.query("SELECT id, created_at_us, last_used_at_us, expires_at_us, ip, "
                          "user_agent, mfa FROM identity_sessions WHERE user_id = $1 AND "
                          "revoked_at_us IS NULL AND expires_at_us > $2 AND "
                          "last_used_at_us > $3 ORDER BY id DESC LIMIT 100",
                          {caller.subject, now, now - settings_.refresh_idle_s * 1'000'000}));
    boost::json::array out;
    for (const auto r : *rows) {
      out.push_back(boost::json::object{{"id", r.text(0)},
                                        {"created_at", modules::iso_utc(r.int64(1))},
                                        {"last_used_at", modules::iso_utc(r.int64(2))},
                                        {"expires_at", modules::iso_utc(r.int64(3))},
                                        {"ip", r.text(4)},
                                        {"user_agent", r.text(5)},
                                        {"mfa", r.boolean(6)},
                                        {"current", r.text(0) == caller.session_id}});
    }
    return out;
  });
}

Status Service::revoke_session(const http::Principal& caller, std::string_view session_id,
                               const Origin& origin) {
  auto done = db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(n, tx.exec("UPDATE identity_sessions SET revoked_at_us = $1, revoked_reason = "
                      "'revoked_by_user' WHERE id = $2 AND user_id = $3 AND "
                      "revoked_at_us IS NULL",
                      {clock_(), std::string(session_id), caller.subject}));
    // Another user's session, or none: the same 404 (no existence leak).
    if (*n == 0) return fail(ErrorCode::not_found, "no such session");
    return append_audit(tx, {caller.subject, caller.role}, origin,
                        {"session.revoked", "session", std::string(session_id)});
  });
  session_cache_.erase(session_id);
  return done;
}

Result<std::int64_t> Service::revoke_other_sessions(const http::Principal& caller,
                                                    const Origin& origin) {
  return db_.write([&](store::Transaction& tx) -> Result<std::int64_t> {
    RF_TRY(n, revoke_sessions(tx, caller.subject, caller.session_id, "revoked_by_user"));
    RF_TRY(a, append_audit(
                  tx, {caller.subject, caller.role}, origin,
                  {"session.revoked_others", "user", caller.subject, "success", {{"count", *n}}}));
    return *n;
  });
}

}  // namespace reskflow::identity
