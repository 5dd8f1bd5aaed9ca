// The service's shared machinery: construction, the audit trail, outgoing mail through the
// outbox, lock-out arithmetic, email normalisation.
#include "service.h"

#include <boost/json.hpp>

#include "crypto.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/core/json_text.h"
#include "reskflow/core/log.h"
#include "reskflow/store/uuid.h"
#include "service_util.h"

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

LockState next_lock_state(const LockState& state, std::int64_t now_us,
                          const IdentitySettings& settings) {
  LockState next = state;
  if (now_us - state.last_failure_at_us > settings.lockout_forget_s * 1'000'000) next.failures = 0;
  next.failures += 1;
  next.last_failure_at_us = now_us;
  if (next.failures >= settings.lockout_threshold) {
    const auto doublings = std::min<std::int64_t>(next.failures - settings.lockout_threshold, 30);
    const auto lock_s = std::min(settings.lockout_max_s, settings.lockout_base_s << doublings);
    next.locked_until_us = now_us + lock_s * 1'000'000;
  }
  return next;
}

Service::Service(store::Database& database, IdentitySettings settings, UnixMicrosClock clock)
    : db_(database),
      settings_(std::move(settings)),
      clock_(clock ? std::move(clock) : UnixMicrosClock(store::unix_now_us)),
      hasher_(settings_.argon2),
      policy_(shipped_common_passwords()),
      jwt_(settings_.jwt_secret, settings_.jwt_previous_secrets, settings_.jwt_issuer,
           settings_.jwt_audience),
      cipher_(settings_.data_keys),
      session_cache_(std::chrono::milliseconds(settings_.session_cache_ms), 100'000) {}

std::string Service::email_hash(std::string_view email) const {
  return hex(hmac_sha256(settings_.email_index_key, normalise_email(email)));
}

std::string Service::decrypt_or_empty(const std::optional<std::string>& value,
                                      std::string_view column) {
  if (!value || value->empty()) return {};
  auto plain = cipher_.decrypt(*value, column);
  if (!plain) {
    log::error("identity_decrypt_failed", {{"column", column}, {"detail", plain.error().detail}});
    return {};
  }
  return std::move(*plain);
}

Status Service::append_audit(store::Transaction& tx, const Actor& actor, const Origin& origin,
                             const AuditEntry& entry) {
  RF_TRY(done, tx.exec("INSERT INTO identity_audit_log (id, at_us, actor_id, actor_role, "
                       "action, target_type, target_id, outcome, ip, request_id, detail, "
                       "target_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                       {store::new_uuid_v7(), clock_(), actor.id, actor.role, entry.action,
                        entry.target_type, entry.target_id, entry.outcome, origin.ip,
                        origin.request_id, json::serialize(entry.detail), entry.target_name}));
  return {};
}

void Service::audit_failure(const Actor& actor, const Origin& origin, AuditEntry entry) {
  entry.outcome = "failure";
  auto done =
      db_.write([&](store::Transaction& tx) { return append_audit(tx, actor, origin, entry); });
  if (!done) log::error("identity_audit_failed", {{"detail", done.error().detail}});
}

// The message (recipient, subject, body with its one-time code) is encrypted with the data keys:
// the outbox keeps only the user id in the clear (issue 20: codes and addresses sat there in
// plain text). open_mail() decrypts it for the mail sender.
Status Service::send_mail(store::Transaction& tx, std::string_view user_id, std::string_view to,
                          std::string_view subject, std::string_view body) {
  const boost::json::object message{{"to", to}, {"subject", subject}, {"body", body}};
  const boost::json::object payload{
      {"user_id", user_id},
      {"message_enc", cipher_.encrypt(json::serialize(message), mail_column)}};
  RF_TRY(id, bus::publish(tx, {std::string(event_email_requested), std::string(user_id),
                               json::serialize(payload)}));
  return {};
}

Result<boost::json::object> Service::open_mail(std::string_view payload_json) const {
  boost::system::error_code ec;
  auto payload = boost::json::parse(payload_json, ec);
  const auto* object = ec ? nullptr : payload.if_object();
  const auto* sealed = object ? object->if_contains("message_enc") : nullptr;
  if (sealed == nullptr || !sealed->is_string())
    return fail(ErrorCode::validation_failed, "not an identity mail event");
  RF_TRY(plain, cipher_.decrypt(sealed->as_string(), mail_column));
  auto message = boost::json::parse(*plain, ec);
  if (ec || !message.is_object()) return fail(ErrorCode::internal, "a mail event is corrupt");
  return message.as_object();
}

Status Service::issue_email_token(store::Transaction& tx, std::string_view user_id,
                                  std::string_view email, std::string_view purpose) {
  const auto token = random_token("");
  const auto ttl_s =
      purpose == "password_reset" ? settings_.reset_token_ttl_s : settings_.verify_token_ttl_s;
  RF_TRY(done, tx.exec("INSERT INTO identity_one_time_tokens (token_hash, user_id, purpose, "
                       "created_at_us, expires_at_us) VALUES ($1, $2, $3, $4, $5)",
                       {hex(sha256(token)), std::string(user_id), std::string(purpose), clock_(),
                        clock_() + ttl_s * 1'000'000}));
  if (purpose == "password_reset")
    return send_mail(tx, user_id, email, "Reset your ReskFlow password",
                     "Use this code to choose a new password within an hour: " + token);
  return send_mail(tx, user_id, email, "Verify your ReskFlow email address",
                   "Use this code to verify your email address: " + token);
}

Result<LockState> Service::lock_state(store::Transaction& tx, const std::string& key) {
  RF_TRY(rows, tx.query("SELECT failures, locked_until_us, last_failure_at_us FROM "
                        "identity_login_failures WHERE key = $1",
                        {key}));
  if (rows->empty()) return LockState{};
  const auto r = rows->front();
  return LockState{r.int64(0), r.int64(1), r.int64(2)};
}

Status Service::count_lock_failure(store::Transaction& tx, const std::string& key,
                                   const LockState& lock, std::int64_t now) {
  const auto next = next_lock_state(lock, now, settings_);
  RF_TRY(saved, tx.exec("INSERT INTO identity_login_failures (key, failures, "
                        "locked_until_us, last_failure_at_us) VALUES ($1, $2, $3, $4) "
                        "ON CONFLICT (key) DO UPDATE SET failures = $2, "
                        "locked_until_us = $3, last_failure_at_us = $4",
                        {key, next.failures, next.locked_until_us, now}));
  return {};
}

Result<std::int64_t> Service::revoke_sessions(store::Transaction& tx, std::string_view user_id,
                                              std::string_view except_session,
                                              std::string_view why) {
  RF_TRY(n,
         tx.exec("UPDATE identity_sessions SET revoked_at_us = $1, revoked_reason = $2 "
                 "WHERE user_id = $3 AND revoked_at_us IS NULL AND id <> $4",
                 {clock_(), std::string(why), std::string(user_id), std::string(except_session)}));
  session_cache_.clear();
  return *n;
}

Result<std::int64_t> Service::prune() {
  constexpr std::int64_t day_us = 86'400'000'000;
  const auto now = clock_();
  const auto idle_us = settings_.refresh_idle_s * 1'000'000;
  const auto ended = [&](std::int64_t margin_us) {
    return store::Params{now - margin_us, now - idle_us - margin_us};
  };
  constexpr std::string_view ended_sessions =
      "SELECT id FROM identity_sessions WHERE revoked_at_us < $1 OR expires_at_us < $1 OR "
      "last_used_at_us < $2";
  return db_.write([&](store::Transaction& tx) -> Result<std::int64_t> {
    RF_TRY(failures, tx.exec("DELETE FROM identity_login_failures WHERE "
                             "last_failure_at_us < $1 AND locked_until_us < $2",
                             {now - settings_.lockout_forget_s * 1'000'000, now}));
    RF_TRY(tokens, tx.exec("DELETE FROM identity_one_time_tokens WHERE expires_at_us < $1",
                           {now - day_us}));
    RF_TRY(refresh, tx.exec("DELETE FROM identity_refresh_tokens WHERE session_id IN (" +
                                std::string(ended_sessions) + ")",
                            ended(day_us)));
    RF_TRY(orphans, tx.exec("DELETE FROM identity_refresh_tokens WHERE session_id IN (" +
                                std::string(ended_sessions) + ")",
                            ended(30 * day_us)));
    RF_TRY(tickets, tx.exec("DELETE FROM identity_ws_tickets WHERE expires_at_us < $1", {now}));
    RF_TRY(sessions, tx.exec("DELETE FROM identity_sessions WHERE id IN (" +
                                 std::string(ended_sessions) + ")",
                             ended(30 * day_us)));
    return *failures + *tokens + *refresh + *orphans + *tickets + *sessions;
  });
}

}  // namespace reskflow::identity
