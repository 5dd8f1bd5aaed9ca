// `reskflow seed`'s demo accounts: identity's own account creation (password hashing, field
// encryption, audit), then a verified email and, for the demo admin, TOTP with a fixed secret.
// Every step is idempotent, so a second run changes nothing.
#include <boost/json.hpp>

#include "crypto.h"
#include "reskflow/modules/settings.h"
#include "service.h"
#include "service_util.h"

namespace reskflow::identity {
namespace {

const Actor seeder{"seed", "system"};
const Origin seed_origin{"local", "reskflow seed", ""};

struct ExistingUser {
  std::string id;
  std::string role;
};

Result<std::optional<ExistingUser>> user_by_email(store::Database& db, const std::string& hash) {
  return db.read([&](store::Transaction& tx) -> Result<std::optional<ExistingUser>> {
    RF_TRY(rows, tx.query("SELECT id, role FROM identity_users WHERE email_hash = $1", {hash}));
    if (rows->empty()) return std::optional<ExistingUser>{};
    return std::optional<ExistingUser>{{rows->front().text(0), rows->front().text(1)}};
  });
}

// Marks the email verified and enables TOTP with the given secret, unless already done.
Status finish_demo_account(store::Database& db, Service& service, const FieldCipher& cipher,
                           const std::string& id, const SeedAccount& account) {
  return db.write([&](store::Transaction& tx) -> Status {
    RF_TRY(verified, tx.exec("UPDATE identity_users SET email_verified_at_us = $1 WHERE id = $2 "
                             "AND email_verified_at_us IS NULL",
                             {service.now_us(), id}));
    if (*verified == 1) {
      RF_TRY(a, service.append_audit(tx, seeder, seed_origin, {"email.verified", "user", id}));
    }
    if (account.totp_secret.empty()) return {};
    RF_TRY(mfa, tx.exec("INSERT INTO identity_mfa (user_id, secret_enc, enabled, last_step, "
                        "created_at_us) VALUES ($1, $2, TRUE, 0, $3) ON CONFLICT (user_id) DO "
                        "NOTHING",
                        {id, cipher.encrypt(account.totp_secret, "mfa_secret"), service.now_us()}));
    if (*mfa == 0) return {};
    return service.append_audit(tx, seeder, seed_origin, {"mfa.enabled", "user", id});
  });
}

}  // namespace

Result<SeededAccount> seed_account(store::Database& database, const Config& config,
                                   const SeedAccount& account) {
  if (config.environment == Environment::production)
    return fail(ErrorCode::forbidden, "demo accounts are never created in production");
  crypto_ready();
  auto settings = load_settings(config, modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  const FieldCipher cipher(settings->data_keys);
  Service service(database, std::move(*settings));
  if (auto why = service.policy().check(account.password); !why.empty())
    return fail(ErrorCode::validation_failed, "the demo password is not acceptable",
                {{"password", why}});
  RF_TRY(existing, user_by_email(database, service.email_hash(normalise_email(account.email))));
  // Someone else's account under a demo email is left alone (never verified or given TOTP).
  if (*existing && (*existing)->role != account.role)
    return fail(ErrorCode::conflict, account.email + " belongs to a " + (*existing)->role +
                                         " account, not a demo " + account.role);
  SeededAccount out{*existing ? (*existing)->id : std::string(), !existing->has_value()};
  if (out.created) {
    RF_TRY(made,
           service.admin_create_user(
               seeder, {account.email, account.password, account.name, std::nullopt, account.role},
               seed_origin));
    out.user_id = std::string(made->at("id").as_string());
  }
  RF_TRY(finished, finish_demo_account(database, service, cipher, out.user_id, account));
  return out;
}

}  // namespace reskflow::identity
