// The typed values identity's services take and return, and the routes render: callers,
// tokens, accounts, sessions, keys, memberships, ID checks and audit rows. No JSON, no SQL.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "reskflow/core/http.h"
#include "reskflow/identity/identity.h"

namespace reskflow::identity {

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

// A caller the guard let through, with the facts the route checks need.
struct Authenticated {
  http::Principal principal;
  bool mfa = false;  // the session passed a second factor
};

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

// The caller's own account, personal fields decrypted.
struct Profile {
  std::string id;
  std::string email;
  std::string name;
  std::optional<std::string> phone;
  std::optional<std::string> address;
  std::string role;
  std::string status;
  bool email_verified = false;
  bool age_verified = false;
  bool mfa_enabled = false;
  std::int64_t created_at_us = 0;
};

// One live session of the caller (GET /v1/me/sessions).
struct SessionView {
  std::string id;
  std::int64_t created_at_us = 0;
  std::int64_t last_used_at_us = 0;
  std::int64_t expires_at_us = 0;
  std::string ip;
  std::string user_agent;
  bool mfa = false;
  bool current = false;
};

// A TOTP enrolment: the secret (base32) and the URI an authenticator app scans.
struct TotpEnrolment {
  std::string secret;
  std::string otpauth_uri;
};

struct CreatedUser {
  std::string id;
  std::string role;
};

// A row of the admins' user search.
struct UserSummary {
  std::string id;
  std::string email;
  std::string name;
  std::string role;
  std::string status;
  std::int64_t created_at_us = 0;
  bool email_verified = false;
  bool age_verified = false;
};

struct UserFilter {
  std::optional<std::string> email, role, status, name_contains;
  std::optional<std::string> after_id;
  std::int64_t limit = 50;  // rows of a page: the query reads one more to tell whether more remain
};

// A new API key: `key` ("rk.<id>.<secret>") is shown once and stored only hashed.
struct NewApiKey {
  std::string id;
  std::string name;
  std::string key;
  std::vector<std::string> scopes;
};

struct ApiKeyView {
  std::string id;
  std::string name;
  std::optional<std::string> partner_user_id;
  std::string scopes;  // space-separated, as stored
  std::string created_by;
  std::int64_t created_at_us = 0;
  std::optional<std::int64_t> revoked_at_us;
  std::optional<std::int64_t> last_used_at_us;
};

// A staff member of a merchant, with their display name.
struct MemberView {
  std::string user_id;
  MerchantLevel level = MerchantLevel::staff;
  std::int64_t created_at_us = 0;
  std::string name;
};

// A pending ownership transfer of a merchant.
struct OwnershipOffer {
  std::string merchant_id;
  std::string from_user_id;
  std::string to_user_id;
  std::int64_t created_at_us = 0;
  std::int64_t expires_at_us = 0;
};

// An invitation to a merchant's staff (pending, accepted, declined or revoked).
struct Invitation {
  std::string id;
  std::string merchant_id;
  std::string email;
  MerchantLevel level = MerchantLevel::staff;
  std::string invited_by;
  std::int64_t created_at_us = 0;
  std::int64_t expires_at_us = 0;
  std::string status;
};

struct IdDocument {
  std::string type;  // passport, id_card, driving_licence
  std::string number;
  std::string date_of_birth;  // YYYY-MM-DD
  std::string image_ref;
};

// An ID verification as its owner sees it; number and birth date only for admins.
struct IdVerificationView {
  std::string id;
  std::string user_id;
  std::string document_type;
  std::string status;
  std::optional<std::string> reason;
  std::int64_t submitted_at_us = 0;
  std::optional<std::int64_t> decided_at_us;
  std::optional<std::string> document_number;
  std::optional<std::string> date_of_birth;
};

// A row of the admins' ID queue.
struct IdQueueEntry {
  std::string id;
  std::string user_id;
  std::string document_type;
  std::string status;
  std::string date_of_birth;
  std::string image_ref;
  std::int64_t submitted_at_us = 0;
};

// The GDPR export (GET /v1/me/export).
struct ExportedSession {
  std::string id;
  std::int64_t created_at_us = 0;
  std::int64_t last_used_at_us = 0;
  bool revoked = false;
  std::string ip;
  std::string user_agent;
};
struct ExportedDocument {
  std::string id;
  std::string document_type;
  std::string document_number;
  std::string date_of_birth;
  std::string image_ref;
  std::string status;
  std::int64_t submitted_at_us = 0;
};
struct SecurityEvent {
  std::int64_t at_us = 0;
  std::string action;
  std::string outcome;
  std::string ip;
};
struct DataExport {
  Profile profile;
  std::vector<ExportedSession> sessions;
  std::vector<ExportedDocument> id_verifications;
  std::vector<SecurityEvent> security_events;
  std::vector<MerchantMember> merchant_memberships;
};

struct AuditFilter {
  std::optional<std::string> actor_id, action, target_id;
  std::optional<std::int64_t> since_us, until_us;
  std::optional<std::string> before_id;
  std::int64_t limit = 50;  // as UserFilter's
};

// One audit row with the actor's and target's display names (empty when unknown).
struct AuditView {
  std::string id;
  std::int64_t at_us = 0;
  std::string actor_id;
  std::string actor_role;
  std::string action;
  std::string target_type;
  std::string target_id;
  std::string outcome;
  std::string ip;
  std::string request_id;
  std::string detail_json;  // the stored summary, a JSON object
  std::string actor_name;
  std::string actor_email;
  std::string target_name;
};

// An identity.email.requested message, sealed in the event's payload.
struct MailMessage {
  std::string to;
  std::string subject;
  std::string body;
};

}  // namespace reskflow::identity
