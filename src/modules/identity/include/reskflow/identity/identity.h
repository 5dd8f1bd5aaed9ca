// The identity module's public interface: what other modules and the composition root may use.
// Authentication and role checks happen in the router guard this module installs; object-level
// rules that need identity's data (merchant staff, age verification) are asked through
// Directory.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "reskflow/core/config.h"
#include "reskflow/core/errors.h"
#include "reskflow/core/http.h"
#include "reskflow/core/router.h"
#include "reskflow/modules/authenticator.h"
#include "reskflow/modules/module.h"
#include "reskflow/store/database.h"
#include "reskflow/store/migrations.h"

namespace reskflow::identity {

// Roles a Principal can carry.
inline constexpr std::string_view role_customer = "customer";
inline constexpr std::string_view role_merchant = "merchant";
inline constexpr std::string_view role_driver = "driver";
inline constexpr std::string_view role_admin = "admin";
inline constexpr std::string_view role_partner = "partner";

// The events identity publishes and their payloads: reskflow/identity/events.h.

// The scopes an API key may be created with (docs/identity.md says what each allows); a key
// created with another is refused. A route whose roles admit API keys (role partner) declares
// one of them, or http::Access::every_key, in http::Access::scope: identity refuses to start
// otherwise, and its guard answers 403 insufficient-scope to a key without it.
inline constexpr std::array<std::string_view, 1> api_key_scopes{"optimize:write"};

// A merchant's staff levels, ordered: an owner may do what a manager may, and so on.
enum class MerchantLevel : std::uint8_t { staff = 1, manager = 2, owner = 3 };
std::string_view level_name(MerchantLevel level);
std::optional<MerchantLevel> parse_level(std::string_view name);

struct MerchantMember {
  std::string merchant_id;
  std::string user_id;
  MerchantLevel level = MerchantLevel::staff;
  std::int64_t created_at_us = 0;
};

// One audit row written by another module. Actions are "<area>.<what happened>", e.g.
// "admin.merchant_suspended" or "menu.item_updated"; the admin portal filters by them. The
// target's display name is kept as it was at write time (identity cannot read other modules'
// tables); `detail` is a short summary of the change (fields changed, a price's old and new
// value, a suspension's reason), never personal data.
struct AuditRecord {
  std::string action;
  std::string target_type;
  std::string target_id;
  std::string target_name;
  boost::json::object detail;
};

// Where to reach a user, decrypted for the notifications module's senders.
struct Contact {
  std::string email;
  std::string phone;  // as the user gave it; empty when none
  std::string name;
};

// A mail identity sends (a verification or reset code, an invitation), opened from the sealed
// message of an identity.email.requested event for the mail sender.
struct Mail {
  std::string to;
  std::string subject;
  std::string body;
};

// What other modules ask identity. Thread-safe; blocking (call from the worker pool).
class Directory {
 public:
  virtual ~Directory() = default;

  // The user's level at the merchant, or nullopt when they are not its staff.
  virtual Result<std::optional<MerchantLevel>> merchant_level(std::string_view merchant_id,
                                                              std::string_view user_id) = 0;
  // The "merchant_staff" ownership rule: success for admins and for staff of merchant_id with
  // at least `min`; not_found otherwise (no existence leak).
  virtual Status require_merchant_staff(const http::Principal& caller, std::string_view merchant_id,
                                        MerchantLevel min) = 0;
  // Adds or changes a membership inside the caller's transaction (commerce creates a merchant
  // and its owner's membership atomically). not_found when the user does not exist.
  virtual Status put_merchant_member(store::Transaction& tx, std::string_view merchant_id,
                                     std::string_view user_id, MerchantLevel level) = 0;
  virtual Result<std::vector<MerchantMember>> merchants_of(std::string_view user_id) = 0;
  // True once an admin approved an ID document showing the user is 18 or older (gates
  // age-restricted catalog items).
  virtual Result<bool> age_verified(std::string_view user_id) = 0;
  // The contact of an active account; nullopt for an unknown, suspended or erased one.
  virtual Result<std::optional<Contact>> contact(std::string_view user_id) = 0;
  // The mail sealed in an identity.email.requested payload (events.h); only identity holds the
  // keys, so the outbox and the send queue keep it sealed until the moment it is sent.
  // validation_failed for another payload, internal when it does not open.
  virtual Result<Mail> open_mail(std::string_view payload_json) = 0;
  // Appends a row to the audit log inside the caller's transaction, so that it commits with the
  // change it records (an admin suspending a merchant): the actor is the request's principal,
  // with its client address and request id.
  virtual Status append_audit(store::Transaction& tx, const http::Request& request,
                              const AuditRecord& record) = 0;
};

class IdentityModule : public modules::Module {
 public:
  // The guard the composition root installs with Router::set_guard: authenticates bearer
  // tokens and API keys, checks each route's roles, applies per-caller rate limits.
  virtual http::Guard guard() = 0;
  virtual Directory& directory() = 0;
  // Who calls a request outside the guard (a WebSocket upgrade, an anonymous route that
  // answers staff differently): the principal of a redeemed ?ticket= (set on the upgrade when
  // the socket opened), Authorization (Bearer or ApiKey) or X-API-Key; and the scope rule of API
  // keys.
  virtual modules::Authenticator& authenticator() = 0;
};

// The public interfaces identity needs: none (every other module relies on it).
struct Deps {};

// Fails when a RESKFLOW_IDENTITY_* setting is malformed, unknown, or unsafe in production.
Result<std::unique_ptr<IdentityModule>> make_module(const modules::Platform& platform, Deps deps);

// `reskflow admin create --email E`: creates an admin with a generated one-time password
// (printed once). The admin must enrol TOTP before any admin route answers.
struct CreatedAdmin {
  std::string user_id;
  std::string password;
};
Result<CreatedAdmin> create_admin(store::Database& database, const Config& config,
                                  std::string_view email, std::string_view name);

// `reskflow seed`: a demo account with a known password and a verified email; with a
// totp_secret (raw bytes), TOTP is enabled with it so the demo admin can pass MFA. Idempotent:
// an existing account with that email and role is kept as it is (only a missing verification or
// TOTP is added) and `created` is false; one with another role is a conflict. forbidden in
// production.
struct SeedAccount {
  std::string email;
  std::string password;
  std::string name;
  std::string role;
  std::string totp_secret;
};
struct SeededAccount {
  std::string user_id;
  bool created = false;
};
Result<SeededAccount> seed_account(store::Database& database, const Config& config,
                                   const SeedAccount& account);

// `reskflow keys rotate`: re-encrypts every personal-data column under the current data key,
// in batches, each in its own transaction. Safe to rerun and to run while serving.
struct RotationReport {
  std::string current_kid;
  std::int64_t values_reencrypted = 0;
};
Result<RotationReport> rotate_data_keys(store::Database& database, const Config& config);

// Migrations of the identity tables (for verbs that run without the full platform).
store::MigrationSet migrations();

}  // namespace reskflow::identity
