// Sessions after login: the MFA step, refresh-token rotation with reuse detection (a rotated
// token presented again revokes its whole family), logout, and the per-request checks the
// guard runs on bearer tokens and API keys.
#include <boost/json.hpp>

#include "crypto.h"
#include "reskflow/store/uuid.h"
#include "service.h"
#include "service_util.h"

namespace reskflow::identity {
namespace {

std::unexpected<Error> unauthenticated(std::string detail) {
  return fail(ErrorCode::unauthenticated, std::move(detail));
}

struct RefreshRow {
  std::string session_id, user_id, role, status;
  std::optional<std::int64_t> rotated_at_us, revoked_at_us;
  std::int64_t last_used_at_us = 0, expires_at_us = 0;
  bool mfa = false;
};

std::optional<RefreshRow> read_refresh_row(const store::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  const auto r = rows.front();
  return RefreshRow{r.text(0),           r.text(1),  r.text(2),  r.text(3),   r.optional_int64(4),
                    r.optional_int64(5), r.int64(6), r.int64(7), r.boolean(8)};
}

}  // namespace

Result<LoginOutcome> Service::complete_mfa(std::string_view mfa_token, std::string_view code,
                                           const Origin& origin) {
  RF_TRY(claims, jwt_.verify_for(mfa_token, "reskflow-mfa", clock_() / 1'000'000));
  const std::string user_id(claims->at("sub").as_string());
  const std::string jti(claims->at("jti").as_string());
  const auto lock_key = "mfa:" + user_id;
  const auto now = clock_();
  auto outcome = db_.write([&](store::Transaction& tx) -> Result<std::optional<LoginOutcome>> {
    RF_TRY(lock, lock_state(tx, lock_key));
    if (lock->locked_until_us > now)
      return std::optional<LoginOutcome>{
          LoginRefused{(lock->locked_until_us - now) / 1'000'000 + 1}};
    RF_TRY(role, tx.query("SELECT role FROM identity_users WHERE id = $1 AND status = "
                          "'active'",
                          {user_id}));
    if (role->empty()) return unauthenticated("account not active");
    const Actor actor{user_id, role->front().text(0)};
    RF_TRY(ok, check_second_factor(tx, user_id, code));
    if (!*ok) {
      RF_TRY(counted, count_lock_failure(tx, lock_key, *lock, now));
      RF_TRY(a, append_audit(tx, actor, origin, {"mfa.verify", "user", user_id, "failure", {}}));
      return std::optional<LoginOutcome>{};
    }
    // The challenge is single-use: its jti is recorded, and a second use is refused.
    RF_TRY(used, tx.query("INSERT INTO identity_one_time_tokens (token_hash, user_id, "
                          "purpose, created_at_us, expires_at_us, used_at_us) VALUES ($1, "
                          "$2, 'mfa_challenge', $3, $3, $3) ON CONFLICT (token_hash) DO "
                          "NOTHING RETURNING token_hash",
                          {hex(sha256(jti)), user_id, now}));
    if (used->empty()) return unauthenticated("challenge already used");
    RF_TRY(cleared, tx.exec("DELETE FROM identity_login_failures WHERE key = $1", {lock_key}));
    RF_TRY(a,
           append_audit(tx, actor, origin, {"login", "user", user_id, "success", {{"mfa", true}}}));
    RF_TRY(pair, open_session(tx, user_id, actor.role, true, origin));
    return std::optional<LoginOutcome>{std::move(*pair)};
  });
  if (!outcome) return std::unexpected(outcome.error());
  if (!*outcome) return unauthenticated("invalid code");
  return std::move(**outcome);
}

Result<std::optional<std::string>> Service::refresh_session_of(std::string_view refresh_token) {
  return db_.read([&](store::Transaction& tx) -> Result<std::optional<std::string>> {
    RF_TRY(rows, tx.query("SELECT session_id FROM identity_refresh_tokens WHERE token_hash = $1",
                          {hex(sha256(refresh_token))}));
    if (rows->empty()) return std::optional<std::string>{};
    return std::optional<std::string>(rows->front().text(0));
  });
}

Result<TokenPair> Service::refresh(std::string_view refresh_token, const Origin& origin) {
  const auto hash = hex(sha256(refresh_token));
  const auto now = clock_();
  auto outcome = db_.write([&](store::Transaction& tx) -> Result<std::optional<TokenPair>> {
    RF_TRY(rows, tx.query("SELECT s.id, s.user_id, u.role, u.status, t.rotated_at_us, "
                          "s.revoked_at_us, s.last_used_at_us, s.expires_at_us, s.mfa "
                          "FROM identity_refresh_tokens t JOIN identity_sessions s ON "
                          "s.id = t.session_id JOIN identity_users u ON u.id = s.user_id "
                          "WHERE t.token_hash = $1",
                          {hash}));
    const auto row = read_refresh_row(*rows);
    if (!row) return std::optional<TokenPair>{};
    if (row->rotated_at_us) {
      // Reuse of a rotated token: someone holds a stolen copy. End the whole family.
      if (!row->revoked_at_us) {
        RF_TRY(r, tx.exec("UPDATE identity_sessions SET revoked_at_us = $1, "
                          "revoked_reason = 'refresh_token_reuse' WHERE id = $2",
                          {now, row->session_id}));
        session_cache_.erase(row->session_id);
      }
      RF_TRY(a, append_audit(tx, {row->user_id, row->role}, origin,
                             {"session.refresh_reuse", "session", row->session_id, "failure", {}}));
      return std::optional<TokenPair>{};
    }
    if (row->revoked_at_us || row->status != "active" || now >= row->expires_at_us ||
        now - row->last_used_at_us > settings_.refresh_idle_s * 1'000'000)
      return std::optional<TokenPair>{};
    const auto next = random_token("rt_");
    RF_TRY(r1, tx.exec("UPDATE identity_refresh_tokens SET rotated_at_us = $1 WHERE "
                       "token_hash = $2",
                       {now, hash}));
    RF_TRY(r2, tx.exec("INSERT INTO identity_refresh_tokens (token_hash, session_id, "
                       "created_at_us) VALUES ($1, $2, $3)",
                       {hex(sha256(next)), row->session_id, now}));
    RF_TRY(r3, tx.exec("UPDATE identity_sessions SET last_used_at_us = $1 WHERE id = $2",
                       {now, row->session_id}));
    boost::json::object claims{{"sub", row->user_id},
                               {"role", row->role},
                               {"sid", row->session_id},
                               {"jti", store::new_uuid_v7()}};
    boost::json::array amr{"pwd"};
    if (row->mfa) amr.emplace_back("otp");
    claims["amr"] = std::move(amr);
    return std::optional<TokenPair>{
        TokenPair{jwt_.sign(std::move(claims), now / 1'000'000, settings_.access_ttl_s),
                  settings_.access_ttl_s, next, row->session_id}};
  });
  if (!outcome) return std::unexpected(outcome.error());
  if (!*outcome) return unauthenticated("invalid refresh token");
  return std::move(**outcome);
}

Status Service::logout(const http::Principal& caller, const Origin& origin) {
  if (caller.session_id.empty()) return {};
  auto done = db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(r, tx.exec("UPDATE identity_sessions SET revoked_at_us = $1, revoked_reason = "
                      "'logout' WHERE id = $2 AND user_id = $3 AND revoked_at_us IS NULL",
                      {clock_(), caller.session_id, caller.subject}));
    return append_audit(tx, {caller.subject, caller.role}, origin,
                        {"logout", "session", caller.session_id});
  });
  session_cache_.erase(caller.session_id);
  return done;
}

Result<Service::SessionFacts> Service::session_facts(const std::string& session_id) {
  if (auto cached = session_cache_.get(session_id)) return *cached;
  const auto now = clock_();
  RF_TRY(read, db_.read([&](store::Transaction& tx) -> Result<SessionFacts> {
    RF_TRY(rows, tx.query("SELECT s.user_id, u.role, u.status, s.mfa, s.revoked_at_us, "
                          "s.last_used_at_us, s.expires_at_us FROM identity_sessions s "
                          "JOIN identity_users u ON u.id = s.user_id WHERE s.id = $1",
                          {session_id}));
    if (rows->empty()) return SessionFacts{};
    const auto r = rows->front();
    const bool live = r.is_null(4) && now < r.int64(6) &&
                      now - r.int64(5) <= settings_.refresh_idle_s * 1'000'000;
    return SessionFacts{r.text(0), r.text(1), r.text(2), r.boolean(3), live};
  }));
  session_cache_.put(session_id, *read);
  return *read;
}

Result<Authenticated> Service::authenticate_bearer(std::string_view token) {
  RF_TRY(claims, jwt_.verify(token, clock_() / 1'000'000));
  const auto* sid = claims->if_contains("sid");
  const auto* sub = claims->if_contains("sub");
  if (sid == nullptr || !sid->is_string() || sub == nullptr || !sub->is_string())
    return unauthenticated("token lacks sid or sub");
  const std::string session_id(sid->as_string());
  RF_TRY(facts, session_facts(session_id));
  if (!facts->active || facts->status != "active" || facts->user_id != sub->as_string())
    return unauthenticated("session ended");
  return Authenticated{http::Principal{facts->user_id, facts->role, {}, session_id}, facts->mfa};
}

Result<WsTicket> Service::issue_ws_ticket(const http::Principal& caller) {
  if (caller.session_id.empty())
    return fail(ErrorCode::forbidden,
                "WebSocket tickets are for signed-in sessions; API keys "
                "send their key in the handshake's headers");
  const auto ticket = random_token("wst_");
  const auto now = clock_();
  RF_TRY(saved, db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(n, tx.exec("INSERT INTO identity_ws_tickets (ticket_hash, session_id, created_at_us, "
                      "expires_at_us) VALUES ($1, $2, $3, $4)",
                      {hex(sha256(ticket)), caller.session_id, now,
                       now + settings_.ws_ticket_ttl_s * 1'000'000}));
    return {};
  }));
  return WsTicket{ticket, settings_.ws_ticket_ttl_s};
}

Result<Authenticated> Service::redeem_ws_ticket(std::string_view ticket) {
  const auto now = clock_();
  RF_TRY(session, db_.write([&](store::Transaction& tx) -> Result<std::optional<std::string>> {
    RF_TRY(rows, tx.query("UPDATE identity_ws_tickets SET used_at_us = $1 WHERE ticket_hash = "
                          "$2 AND used_at_us IS NULL AND expires_at_us > $1 RETURNING session_id",
                          {now, hex(sha256(ticket))}));
    if (rows->empty()) return std::optional<std::string>{};
    return std::optional<std::string>(rows->front().text(0));
  }));
  if (!*session) return unauthenticated("the ticket is unknown, spent or expired");
  RF_TRY(facts, session_facts(**session));
  if (!facts->active || facts->status != "active") return unauthenticated("session ended");
  return Authenticated{http::Principal{facts->user_id, facts->role, {}, **session}, facts->mfa};
}

Result<Authenticated> Service::authenticate_api_key(std::string_view key) {
  // "rk.<key id>.<secret>": the id finds the row, the secret's SHA-256 is compared in constant
  // time (the secret has 256 bits of entropy, so a slow hash would add nothing).
  if (!key.starts_with("rk.")) return unauthenticated("malformed API key");
  const auto dot = key.find('.', 3);
  if (dot == std::string_view::npos) return unauthenticated("malformed API key");
  const std::string id(key.substr(3, dot - 3));
  const auto secret_hash = hex(sha256(key.substr(dot + 1)));
  const auto now = clock_();
  using Found = std::pair<Authenticated, bool>;  // the caller, and whether last-used is stale
  RF_TRY(found, db_.read([&](store::Transaction& tx) -> Result<Found> {
    RF_TRY(rows, tx.query("SELECT secret_hash, scopes, revoked_at_us, last_used_at_us FROM "
                          "identity_api_keys WHERE id = $1",
                          {id}));
    if (rows->empty()) return unauthenticated("unknown API key");
    const auto r = rows->front();
    if (!constant_time_equal(r.text(0), secret_hash) || !r.is_null(2))
      return unauthenticated("invalid API key");
    http::Principal p{id, std::string(role_partner), {}, {}, http::Credential::api_key};
    const auto scopes = r.text(1);
    for (std::size_t start = 0; start < scopes.size();) {
      const auto space = scopes.find(' ', start);
      const auto end = space == std::string::npos ? scopes.size() : space;
      if (end > start) p.scopes.push_back(scopes.substr(start, end - start));
      start = end + 1;
    }
    // last_used_at_us is kept to the minute: one write per key per minute, not per request.
    return Found{Authenticated{std::move(p), false},
                 r.optional_int64(3).value_or(0) < now - 60'000'000};
  }));
  if (found->second) {
    auto touched = db_.write([&](store::Transaction& tx) -> Status {
      RF_TRY(u,
             tx.exec("UPDATE identity_api_keys SET last_used_at_us = $1 WHERE id = $2", {now, id}));
      return {};
    });
    if (!touched) return std::unexpected(touched.error());
  }
  return std::move(found->first);
}

}  // namespace reskflow::identity
