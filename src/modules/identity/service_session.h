// Sessions after sign-in: opening one with its token pair, refresh-token rotation with reuse
// detection, logout and revocation, the per-request checks of bearer tokens (cached for
// session_cache_ms, and told of every node's revocations in a cluster), WebSocket tickets, and
// pruning what has ended.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "context.h"
#include "model.h"
#include "reskflow/modules/broadcast.h"
#include "reskflow/modules/ttl_cache.h"

namespace reskflow::identity {

class SessionService {
 public:
  SessionService(const Context& context, const AuditLog& audit);

  // A new session of the user in tx, and its first token pair.
  Result<TokenPair> open(store::Transaction& tx, const std::string& user_id,
                         const std::string& role, bool mfa, const Origin& origin);
  Result<TokenPair> refresh(std::string_view refresh_token, const Origin& origin);
  // The session a refresh token belongs to (spent or not), for its rate limit.
  Result<std::optional<std::string>> session_of(std::string_view refresh_token);
  Status logout(const http::Principal& caller, const Origin& origin);
  Result<Authenticated> authenticate_bearer(std::string_view token);
  // A single-use WebSocket ticket of the caller's session, valid WS_TICKET_TTL_S; redeeming
  // spends it (unauthenticated when unknown, spent or expired, or its session ended).
  Result<WsTicket> issue_ws_ticket(const http::Principal& caller);
  Result<Authenticated> redeem_ws_ticket(std::string_view ticket);

  // The caller's live sessions, the current one marked.
  Result<std::vector<SessionView>> list(const http::Principal& caller);
  Status revoke(const http::Principal& caller, std::string_view session_id, const Origin& origin);
  Result<std::int64_t> revoke_others(const http::Principal& caller, const Origin& origin);
  // Ends every session of the user but `except_session`, in tx; the number ended.
  Result<std::int64_t> revoke_all(store::Transaction& tx, const std::string& user_id,
                                  const std::string& except_session, const std::string& why);

  // Forgets cached session facts after a change that ends or alters sessions, on every node
  // when the sessions are shared through a broadcast.
  void forget(std::string_view session_id);
  void forget_all();
  // In a cluster: hears the other nodes' revocations (their pub/sub messages evict this node's
  // cache), and checks each cached answer against the revocation marks, so a session ended on
  // one node is refused by every node at once. While the broadcast is unreachable, every check
  // reads the database. Called once, before requests are served.
  void share_through(modules::Broadcast& broadcast);

  // Deletes what no rule needs any more: forgotten login failures, spent or expired one-time
  // tokens, expired WebSocket tickets, refresh tokens of sessions ended a day ago, sessions and
  // staff invitations ended 30 days ago. Returns the rows deleted. The audit log is never pruned
  // here.
  Result<std::int64_t> prune();

 private:
  struct Facts {
    std::string user_id, role, status;
    bool mfa = false;
    bool active = false;
  };
  // The session's owner and state, cached for session_cache_ms.
  Result<Facts> facts(const std::string& session_id);
  // The cached facts when they can be trusted: in a cluster, only while this node hears every
  // revocation and neither the session nor its user is marked as changed.
  std::optional<Facts> trusted_cached(const std::string& session_id);
  // Whether the user's sessions were all ended recently (the mark of revoke_all).
  void forget_user(const std::string& user_id);
  // The rotated pair, or nullopt when the token is unknown, reused, or its session ended.
  Result<std::optional<TokenPair>> rotate(store::Transaction& tx, const std::string& hash,
                                          const Origin& origin);

  const Context& ctx_;
  const AuditLog& audit_;
  modules::TtlCache<Facts> cache_;
  modules::Broadcast* broadcast_ = nullptr;  // set before requests are served, then read only
};

}  // namespace reskflow::identity
