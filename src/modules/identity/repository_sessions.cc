// SQL of sessions, refresh tokens, WebSocket tickets and lock-out counters.
#include "repository_sessions.h"

#include "repository_util.h"

namespace reskflow::identity::repository {

Status insert_session(store::Transaction& tx, const NewSession& s) {
  RF_TRY(done,
         tx.exec("INSERT INTO identity_sessions (id, user_id, created_at_us, "
                 "last_used_at_us, expires_at_us, mfa, ip, user_agent) "
                 "VALUES ($1, $2, $3, $3, $4, $5, $6, $7)",
                 {s.id, s.user_id, s.created_at_us, s.expires_at_us, s.mfa, s.ip, s.user_agent}));
  return {};
}

Status insert_refresh_token(store::Transaction& tx, const std::string& token_hash,
                            const std::string& session_id, std::int64_t now_us) {
  RF_TRY(done, tx.exec("INSERT INTO identity_refresh_tokens (token_hash, session_id, "
                       "created_at_us) VALUES ($1, $2, $3)",
                       {token_hash, session_id, now_us}));
  return {};
}

Result<std::optional<RefreshRow>> refresh_row(store::Transaction& tx,
                                              const std::string& token_hash) {
  RF_TRY(rows, tx.query("SELECT s.id, s.user_id, u.role, u.status, t.rotated_at_us, "
                        "s.revoked_at_us, s.last_used_at_us, s.expires_at_us, s.mfa "
                        "FROM identity_refresh_tokens t JOIN identity_sessions s ON "
                        "s.id = t.session_id JOIN identity_users u ON u.id = s.user_id "
                        "WHERE t.token_hash = $1",
                        {token_hash}));
  if (rows->empty()) return std::optional<RefreshRow>{};
  const auto r = rows->front();
  return std::optional<RefreshRow>{{r.text(0), r.text(1), r.text(2), r.text(3), r.optional_int64(4),
                                    r.optional_int64(5), r.int64(6), r.int64(7), r.boolean(8)}};
}

Result<std::optional<std::string>> session_of_refresh_token(store::Transaction& tx,
                                                            const std::string& token_hash) {
  RF_TRY(rows, tx.query("SELECT session_id FROM identity_refresh_tokens WHERE token_hash = $1",
                        {token_hash}));
  return first_text(*rows);
}

Status rotate_refresh_token(store::Transaction& tx, const std::string& token_hash,
                            const std::string& session_id, std::int64_t now_us) {
  RF_TRY(rotated, tx.exec("UPDATE identity_refresh_tokens SET rotated_at_us = $1 WHERE "
                          "token_hash = $2",
                          {now_us, token_hash}));
  RF_TRY(used, tx.exec("UPDATE identity_sessions SET last_used_at_us = $1 WHERE id = $2",
                       {now_us, session_id}));
  return {};
}

Result<std::int64_t> revoke_session(store::Transaction& tx, const std::string& session_id,
                                    const std::string& user_id, const std::string& reason,
                                    std::int64_t now_us) {
  return tx.exec(
      "UPDATE identity_sessions SET revoked_at_us = $1, revoked_reason = $2 "
      "WHERE id = $3 AND ($4 = '' OR user_id = $4) AND revoked_at_us IS NULL",
      {now_us, reason, session_id, user_id});
}

Result<std::int64_t> revoke_user_sessions(store::Transaction& tx, const std::string& user_id,
                                          const std::string& except_session,
                                          const std::string& reason, std::int64_t now_us) {
  return tx.exec(
      "UPDATE identity_sessions SET revoked_at_us = $1, revoked_reason = $2 "
      "WHERE user_id = $3 AND revoked_at_us IS NULL AND id <> $4",
      {now_us, reason, user_id, except_session});
}

Status mark_session_mfa(store::Transaction& tx, const std::string& session_id) {
  RF_TRY(s, tx.exec("UPDATE identity_sessions SET mfa = TRUE WHERE id = $1", {session_id}));
  return {};
}

Status forget_session_origins(store::Transaction& tx, const std::string& user_id) {
  RF_TRY(s, tx.exec("UPDATE identity_sessions SET ip = '', user_agent = '' WHERE user_id = $1",
                    {user_id}));
  return {};
}

Result<std::optional<SessionRow>> session_row(store::Transaction& tx,
                                              const std::string& session_id) {
  RF_TRY(rows, tx.query("SELECT s.user_id, u.role, u.status, s.mfa, s.revoked_at_us, "
                        "s.last_used_at_us, s.expires_at_us FROM identity_sessions s "
                        "JOIN identity_users u ON u.id = s.user_id WHERE s.id = $1",
                        {session_id}));
  if (rows->empty()) return std::optional<SessionRow>{};
  const auto r = rows->front();
  return std::optional<SessionRow>{
      {r.text(0), r.text(1), r.text(2), r.boolean(3), r.optional_int64(4), r.int64(5), r.int64(6)}};
}

Result<std::vector<SessionView>> live_sessions(store::Transaction& tx, const std::string& user_id,
                                               std::int64_t now_us, std::int64_t idle_since_us) {
  RF_TRY(rows, tx.query("SELECT id, created_at_us, last_used_at_us, expires_at_us, ip, "
                        "user_agent, mfa FROM identity_sessions WHERE user_id = $1 AND "
                        "revoked_at_us IS NULL AND expires_at_us > $2 AND "
                        "last_used_at_us > $3 ORDER BY id DESC LIMIT 100",
                        {user_id, now_us, idle_since_us}));
  std::vector<SessionView> out;
  for (const auto r : *rows) {
    out.push_back(
        {r.text(0), r.int64(1), r.int64(2), r.int64(3), r.text(4), r.text(5), r.boolean(6), false});
  }
  return out;
}

Result<std::vector<ExportedSession>> all_sessions(store::Transaction& tx,
                                                  const std::string& user_id) {
  RF_TRY(rows, tx.query("SELECT id, created_at_us, last_used_at_us, revoked_at_us, ip, "
                        "user_agent FROM identity_sessions WHERE user_id = $1",
                        {user_id}));
  std::vector<ExportedSession> out;
  for (const auto r : *rows)
    out.push_back({r.text(0), r.int64(1), r.int64(2), !r.is_null(3), r.text(4), r.text(5)});
  return out;
}

Status insert_ws_ticket(store::Transaction& tx, const std::string& ticket_hash,
                        const std::string& session_id, std::int64_t now_us,
                        std::int64_t expires_at_us) {
  RF_TRY(n, tx.exec("INSERT INTO identity_ws_tickets (ticket_hash, session_id, created_at_us, "
                    "expires_at_us) VALUES ($1, $2, $3, $4)",
                    {ticket_hash, session_id, now_us, expires_at_us}));
  return {};
}

Result<std::optional<std::string>> spend_ws_ticket(store::Transaction& tx,
                                                   const std::string& ticket_hash,
                                                   std::int64_t now_us) {
  RF_TRY(rows, tx.query("UPDATE identity_ws_tickets SET used_at_us = $1 WHERE ticket_hash = "
                        "$2 AND used_at_us IS NULL AND expires_at_us > $1 RETURNING session_id",
                        {now_us, ticket_hash}));
  return first_text(*rows);
}

Result<LockRow> lock_row(store::Transaction& tx, const std::string& key) {
  RF_TRY(rows, tx.query("SELECT failures, locked_until_us, last_failure_at_us FROM "
                        "identity_login_failures WHERE key = $1",
                        {key}));
  if (rows->empty()) return LockRow{};
  const auto r = rows->front();
  return LockRow{r.int64(0), r.int64(1), r.int64(2)};
}

Status save_lock_row(store::Transaction& tx, const std::string& key, const LockRow& row) {
  RF_TRY(saved, tx.exec("INSERT INTO identity_login_failures (key, failures, "
                        "locked_until_us, last_failure_at_us) VALUES ($1, $2, $3, $4) "
                        "ON CONFLICT (key) DO UPDATE SET failures = $2, "
                        "locked_until_us = $3, last_failure_at_us = $4",
                        {key, row.failures, row.locked_until_us, row.last_failure_at_us}));
  return {};
}

Status clear_lock(store::Transaction& tx, const std::string& key) {
  RF_TRY(cleared, tx.exec("DELETE FROM identity_login_failures WHERE key = $1", {key}));
  return {};
}

Result<std::int64_t> prune(store::Transaction& tx, const PruneHorizon& h) {
  constexpr std::string_view ended_sessions =
      "SELECT id FROM identity_sessions WHERE revoked_at_us < $1 OR expires_at_us < $1 OR "
      "last_used_at_us < $2";
  const auto ended = [&h](std::int64_t before_us) {
    return store::Params{before_us, before_us - h.idle_us};
  };
  RF_TRY(failures, tx.exec("DELETE FROM identity_login_failures WHERE "
                           "last_failure_at_us < $1 AND locked_until_us < $2",
                           {h.failures_before_us, h.now_us}));
  RF_TRY(tokens, tx.exec("DELETE FROM identity_one_time_tokens WHERE expires_at_us < $1",
                         {h.tokens_before_us}));
  RF_TRY(refresh, tx.exec("DELETE FROM identity_refresh_tokens WHERE session_id IN (" +
                              std::string(ended_sessions) + ")",
                          ended(h.tokens_ended_before_us)));
  RF_TRY(orphans, tx.exec("DELETE FROM identity_refresh_tokens WHERE session_id IN (" +
                              std::string(ended_sessions) + ")",
                          ended(h.sessions_ended_before_us)));
  RF_TRY(tickets, tx.exec("DELETE FROM identity_ws_tickets WHERE expires_at_us < $1", {h.now_us}));
  RF_TRY(invitations, tx.exec("DELETE FROM identity_merchant_invitations WHERE expires_at_us < $1 "
                              "OR decided_at_us < $1",
                              {h.sessions_ended_before_us}));
  RF_TRY(sessions,
         tx.exec("DELETE FROM identity_sessions WHERE id IN (" + std::string(ended_sessions) + ")",
                 ended(h.sessions_ended_before_us)));
  return *failures + *tokens + *refresh + *orphans + *tickets + *invitations + *sessions;
}

}  // namespace reskflow::identity::repository
