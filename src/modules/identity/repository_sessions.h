// SQL of sign-in state: sessions (identity_sessions), their rotating refresh tokens, WebSocket
// tickets, and the lock-out counters of failed logins and second-factor codes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model.h"
#include "reskflow/store/database.h"

namespace reskflow::identity::repository {

struct NewSession {
  std::string id, user_id;
  std::int64_t created_at_us = 0, expires_at_us = 0;
  bool mfa = false;
  std::string ip, user_agent;
};
Status insert_session(store::Transaction& tx, const NewSession& session);
Status insert_refresh_token(store::Transaction& tx, const std::string& token_hash,
                            const std::string& session_id, std::int64_t now_us);

// A refresh token with its session and the session's user.
struct RefreshRow {
  std::string session_id, user_id, role, status;
  std::optional<std::int64_t> rotated_at_us, revoked_at_us;
  std::int64_t last_used_at_us = 0, expires_at_us = 0;
  bool mfa = false;
};
Result<std::optional<RefreshRow>> refresh_row(store::Transaction& tx,
                                              const std::string& token_hash);
Result<std::optional<std::string>> session_of_refresh_token(store::Transaction& tx,
                                                            const std::string& token_hash);
// Marks the token rotated, and the session used now.
Status rotate_refresh_token(store::Transaction& tx, const std::string& token_hash,
                            const std::string& session_id, std::int64_t now_us);

// Revokes one session of the user (or of anyone, when user_id is empty); the rows changed.
Result<std::int64_t> revoke_session(store::Transaction& tx, const std::string& session_id,
                                    const std::string& user_id, const std::string& reason,
                                    std::int64_t now_us);
// Revokes every live session of the user but `except_session`; the rows changed.
Result<std::int64_t> revoke_user_sessions(store::Transaction& tx, const std::string& user_id,
                                          const std::string& except_session,
                                          const std::string& reason, std::int64_t now_us);
Status mark_session_mfa(store::Transaction& tx, const std::string& session_id);
Status forget_session_origins(store::Transaction& tx, const std::string& user_id);

struct SessionRow {
  std::string user_id, role, status;
  bool mfa = false;
  std::optional<std::int64_t> revoked_at_us;
  std::int64_t last_used_at_us = 0, expires_at_us = 0;
};
Result<std::optional<SessionRow>> session_row(store::Transaction& tx,
                                              const std::string& session_id);
// The user's live sessions, newest first (at most 100); `current` is left false.
Result<std::vector<SessionView>> live_sessions(store::Transaction& tx, const std::string& user_id,
                                               std::int64_t now_us, std::int64_t idle_since_us);
// Every session of the user, for the GDPR export.
Result<std::vector<ExportedSession>> all_sessions(store::Transaction& tx,
                                                  const std::string& user_id);

Status insert_ws_ticket(store::Transaction& tx, const std::string& ticket_hash,
                        const std::string& session_id, std::int64_t now_us,
                        std::int64_t expires_at_us);
// Spends an unused, unexpired ticket: its session, or nullopt.
Result<std::optional<std::string>> spend_ws_ticket(store::Transaction& tx,
                                                   const std::string& ticket_hash,
                                                   std::int64_t now_us);

struct LockRow {
  std::int64_t failures = 0;
  std::int64_t locked_until_us = 0;
  std::int64_t last_failure_at_us = 0;
};
Result<LockRow> lock_row(store::Transaction& tx, const std::string& key);
Status save_lock_row(store::Transaction& tx, const std::string& key, const LockRow& row);
Status clear_lock(store::Transaction& tx, const std::string& key);

// Deletes what no rule needs any more (see SessionService::prune); returns the rows deleted.
struct PruneHorizon {
  std::int64_t now_us = 0;
  std::int64_t failures_before_us = 0;      // failures last seen before this are forgotten
  std::int64_t tokens_before_us = 0;        // one-time tokens expired before this
  std::int64_t tokens_ended_before_us = 0;  // refresh tokens of sessions ended before this
  std::int64_t sessions_ended_before_us = 0;
  std::int64_t idle_us = 0;  // a session unused this long has ended
};
Result<std::int64_t> prune(store::Transaction& tx, const PruneHorizon& horizon);

}  // namespace reskflow::identity::repository
