// Registration, login (with lock-out and the MFA challenge) and the challenge's completion.
// The same argon2 work runs whether or not an account exists (no user enumeration).
#include "service_auth.h"

#include "crypto.h"
#include "repository_accounts.h"
#include "repository_sessions.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/payload.h"

namespace reskflow::identity {
namespace {

const Actor anonymous{"anonymous", "anonymous"};
constexpr std::int64_t second_us = 1'000'000;

LockState lock_of(const repository::LockRow& row) {
  return {row.failures, row.locked_until_us, row.last_failure_at_us};
}

}  // namespace

LockState next_lock_state(const LockState& state, std::int64_t now_us,
                          const IdentitySettings& settings) {
  LockState next = state;
  if (now_us - state.last_failure_at_us > settings.lockout_forget_s * second_us) next.failures = 0;
  next.failures += 1;
  next.last_failure_at_us = now_us;
  if (next.failures >= settings.lockout_threshold) {
    const auto doublings = std::min<std::int64_t>(next.failures - settings.lockout_threshold, 30);
    const auto lock_s = std::min(settings.lockout_max_s, settings.lockout_base_s << doublings);
    next.locked_until_us = now_us + lock_s * second_us;
  }
  return next;
}

Status AuthService::count_failure(store::Transaction& tx, const std::string& key,
                                  const LockState& lock) {
  const auto next = next_lock_state(lock, ctx_.now_us(), ctx_.settings());
  return repository::save_lock_row(tx, key,
                                   {next.failures, next.locked_until_us, next.last_failure_at_us});
}

Result<TokenPair> AuthService::register_account(const NewAccount& account, const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Result<TokenPair> {
    RF_TRY(id, deps_.accounts.create(tx, account));
    RF_TRY(mail, deps_.mail.send_code(tx, *id, normalise_email(account.email),
                                      EmailPurpose::verify_email));
    RF_TRY(audit, deps_.audit.append(tx, {*id, account.role}, origin,
                                     {"account.registered", "user", *id}));
    RF_TRY(event,
           bus::publish(tx,
                        {std::string(events::user_registered), *id,
                         modules::payload::to_payload(events::UserRegistered{*id, account.role})}));
    return deps_.sessions.open(tx, *id, account.role, false, origin);
  });
}

Status AuthService::record_login_failure(store::Transaction& tx, const std::string& lock_key,
                                         const std::string& target, const Origin& origin) {
  RF_TRY(lock, repository::lock_row(tx, lock_key));
  RF_TRY(counted, count_failure(tx, lock_key, lock_of(*lock)));
  return deps_.audit.append(tx, anonymous, origin, {"login", "user", target, "failure"});
}

Result<LoginOutcome> AuthService::login(std::string_view email, std::string_view password,
                                        const Origin& origin) {
  const auto hash = ctx_.email_hash(email);
  const auto lock_key = "login:" + hash + "|" + origin.ip;
  const auto now = ctx_.now_us();
  using Found = std::pair<repository::LockRow, std::optional<repository::LoginRow>>;
  RF_TRY(found, ctx_.db().read([&](store::Transaction& tx) -> Result<Found> {
    RF_TRY(lock, repository::lock_row(tx, lock_key));
    if (lock->locked_until_us > now) return Found{*lock, std::nullopt};
    RF_TRY(row, repository::login_row(tx, hash));
    return Found{*lock, std::move(*row)};
  }));
  const auto& [lock, row] = *found;
  if (lock.locked_until_us > now)
    return LoginOutcome{LoginRefused{(lock.locked_until_us - now) / second_us + 1}};
  bool ok = false;
  if (row) {
    ok = ctx_.hasher().verify(row->password_hash, password) && row->status == "active";
  } else {
    ctx_.hasher().verify_dummy(password);
  }
  return ctx_.db().write([&](store::Transaction& tx) -> Result<LoginOutcome> {
    if (!ok) {
      RF_TRY(recorded, record_login_failure(tx, lock_key, row ? row->id : "unknown", origin));
      return LoginOutcome{LoginRefused{}};
    }
    RF_TRY(cleared, repository::clear_lock(tx, lock_key));
    if (row->mfa_enabled)
      return LoginOutcome{MfaChallenge{ctx_.tokens().challenge(row->id, ctx_.now_s()),
                                       ctx_.settings().mfa_challenge_ttl_s}};
    RF_TRY(audit, deps_.audit.append(tx, {row->id, row->role}, origin, {"login", "user", row->id}));
    RF_TRY(pair, deps_.sessions.open(tx, row->id, row->role, false, origin));
    return LoginOutcome{std::move(*pair)};
  });
}

Result<std::optional<LoginOutcome>> AuthService::try_second_factor(store::Transaction& tx,
                                                                   const ChallengeClaims& challenge,
                                                                   std::string_view code,
                                                                   const Origin& origin) {
  const auto& user_id = challenge.user_id;
  const auto lock_key = "mfa:" + user_id;
  const auto now = ctx_.now_us();
  RF_TRY(lock, repository::lock_row(tx, lock_key));
  if (lock->locked_until_us > now)
    return std::optional<LoginOutcome>{LoginRefused{(lock->locked_until_us - now) / second_us + 1}};
  RF_TRY(role, repository::active_role(tx, user_id));
  if (!*role) return fail(ErrorCode::unauthenticated, "account not active");
  const Actor actor{user_id, **role};
  RF_TRY(ok, deps_.mfa.check(tx, user_id, code));
  if (!*ok) {
    RF_TRY(counted, count_failure(tx, lock_key, lock_of(*lock)));
    RF_TRY(a, deps_.audit.append(tx, actor, origin, {"mfa.verify", "user", user_id, "failure"}));
    return std::optional<LoginOutcome>{};
  }
  // The challenge is single-use: its jti is recorded, and a second use is refused.
  RF_TRY(first, repository::record_spent_token(tx, hex(sha256(challenge.jti)), user_id,
                                               "mfa_challenge", now));
  if (!*first) return fail(ErrorCode::unauthenticated, "challenge already used");
  RF_TRY(cleared, repository::clear_lock(tx, lock_key));
  RF_TRY(a,
         deps_.audit.append(tx, actor, origin,
                            {"login", "user", user_id, "success", audit_detail({{"mfa", true}})}));
  RF_TRY(pair, deps_.sessions.open(tx, user_id, actor.role, true, origin));
  return std::optional<LoginOutcome>{std::move(*pair)};
}

Result<LoginOutcome> AuthService::complete_mfa(std::string_view mfa_token, std::string_view code,
                                               const Origin& origin) {
  RF_TRY(challenge, ctx_.tokens().verify_challenge(mfa_token, ctx_.now_s()));
  RF_TRY(outcome, ctx_.db().write([&](store::Transaction& tx) {
    return try_second_factor(tx, *challenge, code, origin);
  }));
  if (!*outcome) return fail(ErrorCode::unauthenticated, "invalid code");
  return std::move(**outcome);
}

}  // namespace reskflow::identity
