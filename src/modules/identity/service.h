// The identity rules: accounts, sessions, MFA, API keys, membership, privacy, ID checks and
// the audit trail. No HTTP here; each operation runs its SQL in one transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>

#include "field_cipher.h"
#include "jwt.h"
#include "password.h"
#include "reskflow/core/http.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/clock.h"
#include "reskflow/modules/ttl_cache.h"
#include "reskflow/store/database.h"
#include "settings.h"

namespace reskflow::identity {

using UnixMicrosClock = modules::Clock;

// The field-cipher column name that binds an encrypted mail message to its purpose.
inline constexpr std::string_view mail_column = "mail";

// Where a request came from, for sessions and the audit log.
struct Origin {
  std::string ip;
  std::string user_agent;
  std::string request_id;
};

// Who acts: the authenticated principal, or "anonymous"/"system".
struct Actor {
  std::string id;
  std::string role;
};

struct TokenPair {
  std::string access_token;
  std::int64_t expires_in_s = 0;
  std::string refresh_token;
  std::string session_id;
};
struct WsTicket {
  std::string ticket;
  std::int64_t expires_in_s = 0;
};
struct MfaChallenge {
  std::string mfa_token;
  std::int64_t expires_in_s = 0;
};
// Wrong credentials (retry_after_s == 0) or a locked (account, address) pair.
struct LoginRefused {
  std::int64_t retry_after_s = 0;
};
using LoginOutcome = std::variant<TokenPair, MfaChallenge, LoginRefused>;

struct NewAccount {
  std::string email;
  std::string password;
  std::string name;
  std::optional<std::string> phone;
  std::string role;
};

struct ProfileChange {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> phone;    // set, or clear with null
  std::optional<std::optional<std::string>> address;  // set, or clear with null
};

// A caller the guard let through, with the facts the route checks need.
struct Authenticated {
  http::Principal principal;
  bool mfa = false;  // the session passed a second factor
};

struct AuditEntry {
  std::string action;
  std::string target_type;
  std::string target_id;
  std::string outcome = "success";
  boost::json::object detail;
  // The target's display name at write time, for targets in other modules' tables (a
  // merchant); a user target's name is read from identity's own table when listed.
  std::string target_name;
};

// A pending ownership transfer of a merchant.
struct OwnershipOffer {
  std::string merchant_id;
  std::string from_user_id;
  std::string to_user_id;
  std::int64_t created_at_us = 0;
  std::int64_t expires_at_us = 0;
};

struct AuditFilter {
  std::optional<std::string> actor_id, action, target_id;
  std::optional<std::int64_t> since_us, until_us;
  std::optional<std::string> before_id;
  std::int64_t limit = 50;  // rows of a page: the query reads one more to tell whether more remain
};

struct UserFilter {
  std::optional<std::string> email, role, status, name_contains;
  std::optional<std::string> after_id;
  std::int64_t limit = 50;  // as AuditFilter's
};

// Lock-out of one (account, client address) pair after repeated failures: exponential
// back-off from lockout_base_s, capped at lockout_max_s, and failures while locked are refused
// without being counted, so an attacker cannot extend a lock beyond the cap; other addresses
// (the real user) are not locked by someone else's failures.
struct LockState {
  std::int64_t failures = 0;
  std::int64_t locked_until_us = 0;
  std::int64_t last_failure_at_us = 0;
};
LockState next_lock_state(const LockState& state, std::int64_t now_us,
                          const IdentitySettings& settings);

class Service {
 public:
  Service(store::Database& database, IdentitySettings settings, UnixMicrosClock clock = {});

  // Accounts and sessions (service_auth.cc).
  Result<TokenPair> register_account(const NewAccount& account, const Origin& origin);
  Result<LoginOutcome> login(std::string_view email, std::string_view password,
                             const Origin& origin);
  // A token pair, or LoginRefused while the account's second factor is locked after repeated
  // wrong codes (per account: whoever holds the challenge already knows the password).
  Result<LoginOutcome> complete_mfa(std::string_view mfa_token, std::string_view code,
                                    const Origin& origin);
  Result<TokenPair> refresh(std::string_view refresh_token, const Origin& origin);
  // The session a refresh token belongs to (spent or not), for its rate limit.
  Result<std::optional<std::string>> refresh_session_of(std::string_view refresh_token);
  Status logout(const http::Principal& caller, const Origin& origin);
  Result<Authenticated> authenticate_bearer(std::string_view token);
  Result<Authenticated> authenticate_api_key(std::string_view key);
  // A single-use WebSocket ticket of the caller's session, valid WS_TICKET_TTL_S; redeeming
  // spends it (unauthenticated when unknown, spent or expired, or its session ended).
  Result<WsTicket> issue_ws_ticket(const http::Principal& caller);
  Result<Authenticated> redeem_ws_ticket(std::string_view ticket);

  // The caller's own account (service_account.cc).
  Result<boost::json::object> profile(std::string_view user_id);
  Result<boost::json::object> update_profile(std::string_view user_id, const ProfileChange& c,
                                             const Origin& origin);
  Status change_password(const http::Principal& caller, std::string_view current,
                         std::string_view next, const Origin& origin);
  Status request_password_reset(std::string_view email, const Origin& origin);
  Status confirm_password_reset(std::string_view token, std::string_view password,
                                const Origin& origin);
  Status verify_email(std::string_view token, const Origin& origin);
  Status resend_verification(std::string_view user_id);
  Result<boost::json::array> sessions(const http::Principal& caller);
  Status revoke_session(const http::Principal& caller, std::string_view session_id,
                        const Origin& origin);
  Result<std::int64_t> revoke_other_sessions(const http::Principal& caller, const Origin& o);

  // TOTP and recovery codes (service_mfa.cc).
  Result<boost::json::object> mfa_enrol(std::string_view user_id, const Origin& origin);
  Result<std::vector<std::string>> mfa_confirm(const http::Principal& caller, std::string_view code,
                                               const Origin& origin);
  Status mfa_disable(const http::Principal& caller, std::string_view code, const Origin& o);

  // Administration (service_admin.cc).
  Result<boost::json::object> admin_create_user(const Actor& admin, const NewAccount& account,
                                                const Origin& origin);
  Result<boost::json::array> search_users(const UserFilter& filter);
  Status set_user_status(const Actor& admin, std::string_view user_id, std::string_view status,
                         const Origin& origin);
  Status set_user_role(const Actor& admin, std::string_view user_id, std::string_view role,
                       const Origin& origin);
  Result<boost::json::object> create_api_key(const Actor& admin, std::string_view name,
                                             const std::optional<std::string>& partner_user_id,
                                             const std::vector<std::string>& scopes,
                                             const Origin& origin);
  Result<boost::json::array> api_keys();
  Status revoke_api_key(const Actor& admin, std::string_view key_id, const Origin& origin);
  Result<boost::json::array> audit(const AuditFilter& filter);

  // Merchant membership (service_members.cc).
  Result<std::optional<MerchantLevel>> merchant_level(std::string_view merchant_id,
                                                      std::string_view user_id);
  Status put_member(store::Transaction& tx, std::string_view merchant_id, std::string_view user_id,
                    MerchantLevel level);
  Result<boost::json::array> members(std::string_view merchant_id);
  Status add_member(const Actor& caller, std::string_view merchant_id, std::string_view user_id,
                    MerchantLevel level, const Origin& origin);
  Status remove_member(const Actor& caller, std::string_view merchant_id, std::string_view user_id,
                       const Origin& origin);
  Result<std::vector<MerchantMember>> merchants_of(std::string_view user_id);
  // Ownership transfer (service_ownership.cc): an owner offers, the member accepts.
  Result<OwnershipOffer> offer_ownership(const Actor& caller, std::string_view merchant_id,
                                         std::string_view to_user_id, const Origin& origin);
  Result<OwnershipOffer> ownership_offer(const Actor& caller, std::string_view merchant_id);
  Status accept_ownership(const Actor& caller, std::string_view merchant_id, const Origin& origin);
  Status withdraw_ownership_offer(const Actor& caller, std::string_view merchant_id,
                                  const Origin& origin);

  // Personal data: export, erasure, ID verification, key rotation (service_privacy.cc).
  Result<boost::json::object> export_data(const Actor& caller, const Origin& origin);
  Status erase(const Actor& caller, std::string_view password, const Origin& origin);
  Result<boost::json::object> submit_id_document(const Actor& caller, std::string_view type,
                                                 std::string_view number,
                                                 std::string_view date_of_birth,
                                                 std::string_view image_ref, const Origin& origin);
  Result<boost::json::object> id_verification(const Actor& caller, std::string_view id);
  // Oldest first, after the id `after` when given; reads limit + 1 rows (see AuditFilter).
  Result<boost::json::array> id_queue(std::string_view status,
                                      const std::optional<std::string>& after, std::int64_t limit);
  Status decide_id(const Actor& admin, std::string_view id, bool approve, std::string_view reason,
                   const Origin& origin);
  Result<bool> age_verified(std::string_view user_id);
  Result<std::int64_t> rotate_keys(std::int64_t batch_rows);
  // Deletes what no rule needs any more: forgotten login failures, spent or expired one-time
  // tokens, expired WebSocket tickets, refresh tokens of sessions ended a day ago, sessions ended
  // 30 days ago. Returns the rows deleted. The audit log is never pruned here.
  Result<std::int64_t> prune();

  // The {to, subject, body} of an identity.email.requested event's payload (decrypted).
  Result<boost::json::object> open_mail(std::string_view payload_json) const;

  // Appends one audit row in tx (the audit trail commits with the change it records).
  Status append_audit(store::Transaction& tx, const Actor& actor, const Origin& origin,
                      const AuditEntry& entry);
  // Audit of a failure that changes nothing else (own transaction).
  void audit_failure(const Actor& actor, const Origin& origin, AuditEntry entry);

  const IdentitySettings& settings() const { return settings_; }
  std::string email_hash(std::string_view email) const;
  PasswordPolicy& policy() { return policy_; }
  std::int64_t now_us() const { return clock_(); }
  // Forgets cached session facts (after a revocation or an account change on this node).
  void forget_sessions() { session_cache_.clear(); }

 private:
  // One audit row with the actor's and target's display names (see audit()).
  boost::json::object audit_document(const store::Row& row);
  struct LoginRow {
    std::string id, role, status, password_hash;
    bool mfa_enabled = false;
  };
  Result<std::variant<LoginRefused, std::optional<LoginRow>>> login_lookup(
      const std::string& hash, const std::string& lock_key);
  Status record_login_failure(store::Transaction& tx, const std::string& lock_key,
                              const std::optional<LoginRow>& row, const Origin& origin);
  Result<LoginOutcome> finish_login(store::Transaction& tx, const LoginRow& row,
                                    const std::string& lock_key, const Origin& origin);
  Result<TokenPair> open_session(store::Transaction& tx, std::string_view user_id,
                                 std::string_view role, bool mfa, const Origin& origin);
  Result<std::string> insert_user(store::Transaction& tx, const NewAccount& account);
  Status send_mail(store::Transaction& tx, std::string_view user_id, std::string_view to,
                   std::string_view subject, std::string_view body);
  Status issue_email_token(store::Transaction& tx, std::string_view user_id, std::string_view email,
                           std::string_view purpose);
  Result<std::int64_t> revoke_sessions(store::Transaction& tx, std::string_view user_id,
                                       std::string_view except_session, std::string_view why);
  Result<bool> check_second_factor(store::Transaction& tx, std::string_view user_id,
                                   std::string_view code);
  Result<LockState> lock_state(store::Transaction& tx, const std::string& key);
  // One more failure for the lock-out key: exponential back-off, capped (next_lock_state).
  Status count_lock_failure(store::Transaction& tx, const std::string& key, const LockState& lock,
                            std::int64_t now);
  // The user's level at the merchant (only while their account is active, if asked).
  Result<std::optional<MerchantLevel>> level_in(store::Transaction& tx,
                                                std::string_view merchant_id,
                                                std::string_view user_id, bool active_only = false);
  // conflict unless the merchant has another owner besides the one about to go.
  Status keep_an_owner(store::Transaction& tx, std::string_view merchant_id);
  std::string decrypt_or_empty(const std::optional<std::string>& value, std::string_view col);
  struct SessionFacts {
    std::string user_id, role, status;
    bool mfa = false;
    bool active = false;
  };
  // The session's owner and state, cached for session_cache_ms.
  Result<SessionFacts> session_facts(const std::string& session_id);

  store::Database& db_;
  IdentitySettings settings_;
  UnixMicrosClock clock_;
  PasswordHasher hasher_;
  PasswordPolicy policy_;
  JwtCodec jwt_;
  FieldCipher cipher_;
  modules::TtlCache<SessionFacts> session_cache_;
};

// Normalises an email for lookups: trimmed, lowercased.
std::string normalise_email(std::string_view email);
// A rough RFC 5322 shape check: one '@', a dot in the domain, no spaces, ≤ 254 chars.
bool plausible_email(std::string_view email);

}  // namespace reskflow::identity
