// TOTP enrolment (otpauth URI), confirmation with one-use recovery codes (stored as SHA-256),
// second-factor checks with replay refusal, and disabling (never for admins: MFA is required).
#include <boost/json.hpp>

#include "crypto.h"
#include "service.h"
#include "service_util.h"
#include "totp.h"

namespace reskflow::identity {
namespace {

constexpr int recovery_codes_count = 10;

std::string normalise_recovery_code(std::string_view code) {
  std::string out;
  for (const char c : code) {
    if (c == '-' || c == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

bool all_digits(std::string_view code) {
  if (code.empty()) return false;
  for (const char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Result<boost::json::object> Service::mfa_enrol(std::string_view user_id, const Origin& origin) {
  const auto secret = random_bytes(20);
  return db_.write([&](store::Transaction& tx) -> Result<boost::json::object> {
    RF_TRY(user, tx.query("SELECT u.email_enc, u.role, m.enabled FROM identity_users u "
                          "LEFT JOIN identity_mfa m ON m.user_id = u.id WHERE u.id = $1",
                          {std::string(user_id)}));
    if (user->empty()) return fail(ErrorCode::not_found, "no such user");
    const auto r = user->front();
    if (r.optional_boolean(2).value_or(false))
      return fail(ErrorCode::conflict, "TOTP is already enabled; disable it first");
    RF_TRY(saved, tx.exec("INSERT INTO identity_mfa (user_id, secret_enc, enabled, "
                          "last_step, created_at_us) VALUES ($1, $2, FALSE, 0, $3) "
                          "ON CONFLICT (user_id) DO UPDATE SET secret_enc = $2, "
                          "enabled = FALSE, last_step = 0, created_at_us = $3",
                          {std::string(user_id), cipher_.encrypt(secret, "mfa_secret"), clock_()}));
    RF_TRY(a, append_audit(tx, {std::string(user_id), r.text(1)}, origin,
                           {"mfa.enrolment_started", "user", std::string(user_id)}));
    const auto email = decrypt_or_empty(r.optional_text(0), "email");
    return boost::json::object{{"secret", base32_encode(secret)},
                               {"otpauth_uri", otpauth_uri(settings_.totp_issuer, email, secret)}};
  });
}

Result<bool> Service::check_second_factor(store::Transaction& tx, std::string_view user_id,
                                          std::string_view code) {
  const std::string uid(user_id);
  if (all_digits(code)) {
    RF_TRY(rows, tx.query("SELECT secret_enc, last_step FROM identity_mfa WHERE user_id = "
                          "$1 AND enabled",
                          {uid}));
    if (rows->empty()) return false;
    auto secret = cipher_.decrypt(rows->front().text(0), "mfa_secret");
    if (!secret) return std::unexpected(secret.error());
    const auto step = totp_match(*secret, code, clock_() / 1'000'000);
    // A code is accepted once: its step must be later than the last step accepted.
    if (!step || *step <= rows->front().int64(1)) return false;
    RF_TRY(u, tx.exec("UPDATE identity_mfa SET last_step = $1 WHERE user_id = $2", {*step, uid}));
    return true;
  }
  RF_TRY(used, tx.exec("UPDATE identity_recovery_codes SET used_at_us = $1 WHERE user_id = "
                       "$2 AND code_hash = $3 AND used_at_us IS NULL",
                       {clock_(), uid, hex(sha256(normalise_recovery_code(code)))}));
  return *used == 1;
}

Result<std::vector<std::string>> Service::mfa_confirm(const http::Principal& caller,
                                                      std::string_view code, const Origin& origin) {
  return db_.write([&](store::Transaction& tx) -> Result<std::vector<std::string>> {
    RF_TRY(rows, tx.query("SELECT secret_enc FROM identity_mfa WHERE user_id = $1 AND "
                          "NOT enabled",
                          {caller.subject}));
    if (rows->empty()) return fail(ErrorCode::conflict, "start TOTP enrolment first");
    RF_TRY(secret, cipher_.decrypt(rows->front().text(0), "mfa_secret"));
    const auto step = totp_match(*secret, code, clock_() / 1'000'000);
    if (!step)
      return fail(ErrorCode::validation_failed, "the code does not match",
                  {{"code", "does not match the authenticator"}});
    RF_TRY(e, tx.exec("UPDATE identity_mfa SET enabled = TRUE, last_step = $1 WHERE "
                      "user_id = $2",
                      {*step, caller.subject}));
    RF_TRY(d, tx.exec("DELETE FROM identity_recovery_codes WHERE user_id = $1", {caller.subject}));
    std::vector<std::string> codes;
    for (int i = 0; i < recovery_codes_count; ++i) {
      const auto raw = base32_encode(random_bytes(7)).substr(0, 10);
      RF_TRY(c, tx.exec("INSERT INTO identity_recovery_codes (user_id, code_hash) VALUES "
                        "($1, $2)",
                        {caller.subject, hex(sha256(raw))}));
      codes.push_back(raw.substr(0, 5) + "-" + raw.substr(5));
    }
    // The session that proved possession of the authenticator counts as multi-factor.
    RF_TRY(s,
           tx.exec("UPDATE identity_sessions SET mfa = TRUE WHERE id = $1", {caller.session_id}));
    session_cache_.erase(caller.session_id);
    RF_TRY(a, append_audit(tx, {caller.subject, caller.role}, origin,
                           {"mfa.enabled", "user", caller.subject}));
    return codes;
  });
}

Status Service::mfa_disable(const http::Principal& caller, std::string_view code,
                            const Origin& origin) {
  if (caller.role == role_admin)
    return fail(ErrorCode::forbidden, "administrators must keep MFA enabled");
  return db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(ok, check_second_factor(tx, caller.subject, code));
    if (!*ok)
      return fail(ErrorCode::validation_failed, "the code does not match",
                  {{"code", "does not match the authenticator or a recovery code"}});
    RF_TRY(d1, tx.exec("DELETE FROM identity_mfa WHERE user_id = $1", {caller.subject}));
    RF_TRY(d2, tx.exec("DELETE FROM identity_recovery_codes WHERE user_id = $1", {caller.subject}));
    return append_audit(tx, {caller.subject, caller.role}, origin,
                        {"mfa.disabled", "user", caller.subject});
  });
}

}  // namespace reskflow::identity
