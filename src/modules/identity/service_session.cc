// Sessions after sign-in: a rotated refresh token presented again revokes its whole family;
// bearer tokens are checked against their session's state on every request (cached, and in a
// cluster checked against the revocations every node broadcasts).
#include "service_session.h"

#include "crypto.h"
#include "repository_sessions.h"
#include "reskflow/store/uuid.h"

namespace reskflow::identity {
namespace {

constexpr std::int64_t second_us = 1'000'000;

// The broadcast channel of ended or changed sessions: a session id, or every_session.
constexpr std::string_view sessions_channel = "identity.sessions";
constexpr std::string_view every_session = "*";

std::string session_mark(std::string_view session_id) {
  return "identity.session." + std::string(session_id);
}

std::string user_mark(std::string_view user_id) { return "identity.user." + std::string(user_id); }

}  // namespace

SessionService::SessionService(const Context& context, const AuditLog& audit)
    : ctx_(context),
      audit_(audit),
      cache_(std::chrono::milliseconds(context.settings().session_cache_ms), 100'000) {}

Result<TokenPair> SessionService::open(store::Transaction& tx, const std::string& user_id,
                                       const std::string& role, bool mfa, const Origin& origin) {
  const auto now = ctx_.now_us();
  const auto& settings = ctx_.settings();
  const auto session_id = store::new_uuid_v7();
  const auto refresh = random_token("rt_");
  RF_TRY(session, repository::insert_session(
                      tx, {session_id, user_id, now, now + settings.refresh_absolute_s * second_us,
                           mfa, origin.ip, origin.user_agent.substr(0, 256)}));
  RF_TRY(token, repository::insert_refresh_token(tx, hex(sha256(refresh)), session_id, now));
  return TokenPair{ctx_.tokens().access({user_id, role, session_id, mfa}, now / second_us),
                   settings.access_ttl_s, refresh, session_id};
}

Result<std::optional<std::string>> SessionService::session_of(std::string_view refresh_token) {
  return ctx_.db().read([&](store::Transaction& tx) {
    return repository::session_of_refresh_token(tx, hex(sha256(refresh_token)));
  });
}

Result<std::optional<TokenPair>> SessionService::rotate(store::Transaction& tx,
                                                        const std::string& hash,
                                                        const Origin& origin) {
  const auto now = ctx_.now_us();
  RF_TRY(row, repository::refresh_row(tx, hash));
  if (!*row) return std::optional<TokenPair>{};
  const auto& r = **row;
  if (r.rotated_at_us) {
    // Reuse of a rotated token: someone holds a stolen copy. End the whole family.
    if (!r.revoked_at_us) {
      RF_TRY(ended, repository::revoke_session(tx, r.session_id, "", "refresh_token_reuse", now));
      forget(r.session_id);
    }
    RF_TRY(a, audit_.append(tx, {r.user_id, r.role}, origin,
                            {"session.refresh_reuse", "session", r.session_id, "failure"}));
    return std::optional<TokenPair>{};
  }
  if (r.revoked_at_us || r.status != "active" || now >= r.expires_at_us ||
      now - r.last_used_at_us > ctx_.settings().refresh_idle_s * second_us)
    return std::optional<TokenPair>{};
  const auto next = random_token("rt_");
  RF_TRY(rotated, repository::rotate_refresh_token(tx, hash, r.session_id, now));
  RF_TRY(saved, repository::insert_refresh_token(tx, hex(sha256(next)), r.session_id, now));
  return std::optional<TokenPair>{
      TokenPair{ctx_.tokens().access({r.user_id, r.role, r.session_id, r.mfa}, now / second_us),
                ctx_.settings().access_ttl_s, next, r.session_id}};
}

Result<TokenPair> SessionService::refresh(std::string_view refresh_token, const Origin& origin) {
  const auto hash = hex(sha256(refresh_token));
  RF_TRY(pair, ctx_.db().write([&](store::Transaction& tx) { return rotate(tx, hash, origin); }));
  if (!*pair) return fail(ErrorCode::unauthenticated, "invalid refresh token");
  return std::move(**pair);
}

Status SessionService::logout(const http::Principal& caller, const Origin& origin) {
  if (caller.session_id.empty()) return {};
  auto done = ctx_.db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(ended, repository::revoke_session(tx, caller.session_id, caller.subject, "logout",
                                             ctx_.now_us()));
    return audit_.append(tx, {caller.subject, caller.role}, origin,
                         {"logout", "session", caller.session_id});
  });
  forget(caller.session_id);
  return done;
}

void SessionService::share_through(modules::Broadcast& broadcast) {
  broadcast_ = &broadcast;
  broadcast.listen(std::string(sessions_channel), {[this](std::string_view message) {
                                                     if (message == every_session) {
                                                       cache_.clear();
                                                     } else {
                                                       cache_.erase(message);
                                                     }
                                                   },
                                                   [this] { cache_.clear(); }});
}

void SessionService::forget(std::string_view session_id) {
  cache_.erase(session_id);
  if (broadcast_ == nullptr) return;
  // The mark outlives every access token of the session; the broadcast counts and logs its own
  // failures, and a node that cannot read the mark asks the database.
  (void)broadcast_->mark(session_mark(session_id),
                         std::chrono::seconds(ctx_.settings().access_ttl_s));
  (void)broadcast_->publish(sessions_channel, session_id);
}

void SessionService::forget_all() {
  cache_.clear();
  if (broadcast_ != nullptr) (void)broadcast_->publish(sessions_channel, every_session);
}

void SessionService::forget_user(const std::string& user_id) {
  if (broadcast_ != nullptr)
    (void)broadcast_->mark(user_mark(user_id), std::chrono::seconds(ctx_.settings().access_ttl_s));
  forget_all();
}

std::optional<SessionService::Facts> SessionService::trusted_cached(const std::string& session_id) {
  if (broadcast_ != nullptr && !broadcast_->listening()) return std::nullopt;
  auto cached = cache_.get(session_id);
  // An ended session never comes back: only a live answer may have been revoked since.
  if (!cached || broadcast_ == nullptr || !cached->active) return cached;
  const std::string marks[] = {session_mark(session_id), user_mark(cached->user_id)};
  const auto marked = broadcast_->any_marked(marks);
  if (marked && !*marked) return cached;
  cache_.erase(session_id);
  return std::nullopt;
}

Result<SessionService::Facts> SessionService::facts(const std::string& session_id) {
  if (auto cached = trusted_cached(session_id)) return *cached;
  const auto now = ctx_.now_us();
  RF_TRY(row, ctx_.db().read(
                  [&](store::Transaction& tx) { return repository::session_row(tx, session_id); }));
  Facts out;
  if (*row) {
    const auto& r = **row;
    const bool live = !r.revoked_at_us && now < r.expires_at_us &&
                      now - r.last_used_at_us <= ctx_.settings().refresh_idle_s * second_us;
    out = Facts{r.user_id, r.role, r.status, r.mfa, live};
  }
  cache_.put(session_id, out);
  return out;
}

Result<Authenticated> SessionService::authenticate_bearer(std::string_view token) {
  RF_TRY(claims, ctx_.tokens().verify_access(token, ctx_.now_s()));
  RF_TRY(session, facts(claims->session_id));
  if (!session->active || session->status != "active" || session->user_id != claims->user_id)
    return fail(ErrorCode::unauthenticated, "session ended");
  return Authenticated{http::Principal{session->user_id, session->role, {}, claims->session_id},
                       session->mfa};
}

Result<WsTicket> SessionService::issue_ws_ticket(const http::Principal& caller) {
  if (caller.session_id.empty())
    return fail(ErrorCode::forbidden,
                "WebSocket tickets are for signed-in sessions; API keys "
                "send their key in the handshake's headers");
  const auto ticket = random_token("wst_");
  const auto now = ctx_.now_us();
  const auto ttl_s = ctx_.settings().ws_ticket_ttl_s;
  RF_TRY(saved, ctx_.db().write([&](store::Transaction& tx) {
    return repository::insert_ws_ticket(tx, hex(sha256(ticket)), caller.session_id, now,
                                        now + ttl_s * second_us);
  }));
  return WsTicket{ticket, ttl_s};
}

Result<Authenticated> SessionService::redeem_ws_ticket(std::string_view ticket) {
  RF_TRY(session, ctx_.db().write([&](store::Transaction& tx) {
    return repository::spend_ws_ticket(tx, hex(sha256(ticket)), ctx_.now_us());
  }));
  if (!*session) return fail(ErrorCode::unauthenticated, "the ticket is unknown, spent or expired");
  RF_TRY(state, facts(**session));
  if (!state->active || state->status != "active")
    return fail(ErrorCode::unauthenticated, "session ended");
  return Authenticated{http::Principal{state->user_id, state->role, {}, **session}, state->mfa};
}

Result<std::vector<SessionView>> SessionService::list(const http::Principal& caller) {
  const auto now = ctx_.now_us();
  RF_TRY(sessions, ctx_.db().read([&](store::Transaction& tx) {
    return repository::live_sessions(tx, caller.subject, now,
                                     now - ctx_.settings().refresh_idle_s * second_us);
  }));
  for (auto& s : *sessions) s.current = s.id == caller.session_id;
  return std::move(*sessions);
}

Status SessionService::revoke(const http::Principal& caller, std::string_view session_id,
                              const Origin& origin) {
  const std::string id(session_id);
  auto done = ctx_.db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(n, repository::revoke_session(tx, id, caller.subject, "revoked_by_user", ctx_.now_us()));
    // Another user's session, or none: the same 404 (no existence leak).
    if (*n == 0) return fail(ErrorCode::not_found, "no such session");
    return audit_.append(tx, {caller.subject, caller.role}, origin,
                         {"session.revoked", "session", id});
  });
  forget(session_id);
  return done;
}

Result<std::int64_t> SessionService::revoke_others(const http::Principal& caller,
                                                   const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Result<std::int64_t> {
    RF_TRY(n, revoke_all(tx, caller.subject, caller.session_id, "revoked_by_user"));
    RF_TRY(a, audit_.append(tx, {caller.subject, caller.role}, origin,
                            {"session.revoked_others", "user", caller.subject, "success",
                             audit_detail({{"count", *n}})}));
    return *n;
  });
}

Result<std::int64_t> SessionService::revoke_all(store::Transaction& tx, const std::string& user_id,
                                                const std::string& except_session,
                                                const std::string& why) {
  RF_TRY(n, repository::revoke_user_sessions(tx, user_id, except_session, why, ctx_.now_us()));
  forget_user(user_id);
  return *n;
}

Result<std::int64_t> SessionService::prune() {
  constexpr std::int64_t day_us = 86'400 * second_us;
  const auto now = ctx_.now_us();
  const auto& s = ctx_.settings();
  const repository::PruneHorizon horizon{now,
                                         now - s.lockout_forget_s * second_us,
                                         now - day_us,
                                         now - day_us,
                                         now - 30 * day_us,
                                         s.refresh_idle_s * second_us};
  return ctx_.db().write([&](store::Transaction& tx) { return repository::prune(tx, horizon); });
}

}  // namespace reskflow::identity
