// Registration, login (with lock-out and the MFA challenge), refresh-token rotation with reuse
// detection, logout, and authentication of bearer tokens and API keys for the guard.
#include <boost/json.hpp>

#include "crypto.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/core/json_text.h"
#include "reskflow/store/uuid.h"
#include "service.h"
#include "service_util.h"

namespace reskflow::identity {
namespace {

const Actor anonymous{"anonymous", "anonymous"};

std::int64_t seconds(std::int64_t us) { return us / 1'000'000; }

}  // namespace

Result<std::string> Service::insert_user(store::Transaction& tx, const NewAccount& account) {
  auto id = store::new_uuid_v7();
  RF_TRY(hash, hasher_.hash(account.password));
  const auto email = normalise_email(account.email);
  std::optional<std::string> phone;
  if (account.phone) phone = cipher_.encrypt(*account.phone, "phone");
  RF_TRY(exists,
         tx.query("SELECT 1 FROM identity_users WHERE email_hash = $1", {email_hash(email)}));
  if (!exists->empty()) return fail(ErrorCode::conflict, "an account with this email exists");
  RF_TRY(done, tx.exec("INSERT INTO identity_users (id, email_hash, email_enc, name, "
                       "phone_enc, role, status, password_hash, created_at_us, "
                       "updated_at_us) VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $8)",
                       {id, email_hash(email), cipher_.encrypt(email, "email"), account.name,
                        optional_value(phone), account.role, *hash, clock_()}));
  return id;
}

Result<TokenPair> Service::open_session(store::Transaction& tx, std::string_view user_id,
                                        std::string_view role, bool mfa, const Origin& origin) {
  const auto now = clock_();
  const auto session_id = store::new_uuid_v7();
  const auto refresh = random_token("rt_");
  RF_TRY(s, tx.exec("INSERT INTO identity_sessions (id, user_id, created_at_us, "
                    "last_used_at_us, expires_at_us, mfa, ip, user_agent) "
                    "VALUES ($1, $2, $3, $3, $4, $5, $6, $7)",
                    {session_id, std::string(user_id), now,
                     now + settings_.refresh_absolute_s * 1'000'000, mfa, origin.ip,
                     origin.user_agent.substr(0, 256)}));
  RF_TRY(t, tx.exec("INSERT INTO identity_refresh_tokens (token_hash, session_id, "
                    "created_at_us) VALUES ($1, $2, $3)",
                    {hex(sha256(refresh)), session_id, now}));
  boost::json::object claims{
      {"sub", user_id}, {"role", role}, {"sid", session_id}, {"jti", store::new_uuid_v7()}};
  boost::json::array amr{"pwd"};
  if (mfa) amr.emplace_back("otp");
  claims["amr"] = std::move(amr);
  return TokenPair{jwt_.sign(std::move(claims), seconds(now), settings_.access_ttl_s),
                   settings_.access_ttl_s, refresh, session_id};
}

Result<TokenPair> Service::register_account(const NewAccount& account, const Origin& origin) {
  return db_.write([&](store::Transaction& tx) -> Result<TokenPair> {
    RF_TRY(id, insert_user(tx, account));
    RF_TRY(mail, issue_email_token(tx, *id, normalise_email(account.email), "verify_email"));
    RF_TRY(audit,
           append_audit(tx, {*id, account.role}, origin, {"account.registered", "user", *id}));
    const boost::json::object payload{{"user_id", *id}, {"role", account.role}};
    RF_TRY(event,
           bus::publish(tx, {std::string(event_user_registered), *id, json::serialize(payload)}));
    return open_session(tx, *id, account.role, false, origin);
  });
}

Result<std::variant<LoginRefused, std::optional<Service::LoginRow>>> Service::login_lookup(
    const std::string& hash, const std::string& lock_key) {
  using Out = std::variant<LoginRefused, std::optional<LoginRow>>;
  const auto now = clock_();
  return db_.read([&](store::Transaction& tx) -> Result<Out> {
    RF_TRY(lock, lock_state(tx, lock_key));
    if (lock->locked_until_us > now)
      return Out{LoginRefused{seconds(lock->locked_until_us - now) + 1}};
    RF_TRY(rows, tx.query("SELECT u.id, u.role, u.status, u.password_hash, m.enabled "
                          "FROM identity_users u LEFT JOIN identity_mfa m ON m.user_id = "
                          "u.id WHERE u.email_hash = $1",
                          {hash}));
    if (rows->empty()) return Out{std::optional<LoginRow>{}};
    const auto r = rows->front();
    return Out{std::optional<LoginRow>{LoginRow{r.text(0), r.text(1), r.text(2), r.text(3),
                                                r.optional_boolean(4).value_or(false)}}};
  });
}

Status Service::record_login_failure(store::Transaction& tx, const std::string& lock_key,
                                     const std::optional<LoginRow>& row, const Origin& origin) {
  const auto now = clock_();
  RF_TRY(lock, lock_state(tx, lock_key));
  RF_TRY(counted, count_lock_failure(tx, lock_key, *lock, now));
  return append_audit(tx, anonymous, origin,
                      {"login", "user", row ? row->id : "unknown", "failure", {}});
}

Result<LoginOutcome> Service::finish_login(store::Transaction& tx, const LoginRow& row,
                                           const std::string& lock_key, const Origin& origin) {
  RF_TRY(cleared, tx.exec("DELETE FROM identity_login_failures WHERE key = $1", {lock_key}));
  if (row.mfa_enabled) {
    boost::json::object claims{{"sub", row.id}, {"jti", store::new_uuid_v7()}};
    return LoginOutcome{
        MfaChallenge{jwt_.sign_for(std::move(claims), "reskflow-mfa", seconds(clock_()),
                                   settings_.mfa_challenge_ttl_s),
                     settings_.mfa_challenge_ttl_s}};
  }
  RF_TRY(audit, append_audit(tx, {row.id, row.role}, origin, {"login", "user", row.id}));
  RF_TRY(pair, open_session(tx, row.id, row.role, false, origin));
  return LoginOutcome{std::move(*pair)};
}

Result<LoginOutcome> Service::login(std::string_view email, std::string_view password,
                                    const Origin& origin) {
  const auto hash = email_hash(email);
  const auto lock_key = "login:" + hash + "|" + origin.ip;
  RF_TRY(found, login_lookup(hash, lock_key));
  if (const auto* refused = std::get_if<LoginRefused>(&*found)) return LoginOutcome{*refused};
  const auto& row = std::get<std::optional<LoginRow>>(*found);
  // The same argon2 work runs whether or not the account exists (no user enumeration).
  bool ok = false;
  if (row) {
    ok = hasher_.verify(row->password_hash, password) && row->status == "active";
  } else {
    hasher_.verify_dummy(password);
  }
  return db_.write([&](store::Transaction& tx) -> Result<LoginOutcome> {
    if (!ok) {
      RF_TRY(recorded, record_login_failure(tx, lock_key, row, origin));
      return LoginOutcome{LoginRefused{}};
    }
    return finish_login(tx, *row, lock_key, origin);
  });
}

}  // namespace reskflow::identity
