// `reskflow seed`'s demo accounts: identity's own account creation (password hashing, field
// encryption, audit), then a verified email and, for the demo admin, TOTP with a fixed secret.
// Every step is idempotent, so a second run changes nothing.
#include "crypto.h"
#include "repository_accounts.h"
#include "repository_mfa.h"
#include "reskflow/modules/settings.h"
#include "service.h"

namespace reskflow::identity {
namespace {

const Actor seeder{"seed", "system"};
const Origin seed_origin{"local", "reskflow seed", ""};

// Marks the email verified and enables TOTP with the given secret, unless already done.
Status finish_demo_account(Services& services, const std::string& id, const SeedAccount& account) {
  const auto& ctx = services.context;
  return ctx.db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(verified, repository::mark_email_verified(tx, id, ctx.now_us(), true));
    if (*verified) {
      RF_TRY(a, services.audit.append(tx, seeder, seed_origin, {"email.verified", "user", id}));
    }
    if (account.totp_secret.empty()) return {};
    RF_TRY(added, repository::add_enabled_totp(
                      tx, id, ctx.encrypt(account.totp_secret, column::mfa_secret), ctx.now_us()));
    if (!*added) return {};
    return services.audit.append(tx, seeder, seed_origin, {"mfa.enabled", "user", id});
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
  Services services(database, std::move(*settings));
  if (auto why = services.context.policy().check(account.password); !why.empty())
    return fail(ErrorCode::validation_failed, "the demo password is not acceptable",
                {{"password", why}});
  const auto hash = services.context.email_hash(normalise_email(account.email));
  RF_TRY(existing, database.read([&](store::Transaction& tx) {
    return repository::user_by_email(tx, hash);
  }));
  // Someone else's account under a demo email is left alone (never verified or given TOTP).
  if (*existing && (*existing)->role != account.role)
    return fail(ErrorCode::conflict, account.email + " belongs to a " + (*existing)->role +
                                         " account, not a demo " + account.role);
  SeededAccount out{*existing ? (*existing)->id : std::string(), !existing->has_value()};
  if (out.created) {
    RF_TRY(made,
           services.admin.create_user(
               seeder, {account.email, account.password, account.name, std::nullopt, account.role},
               seed_origin));
    out.user_id = made->id;
  }
  RF_TRY(finished, finish_demo_account(services, out.user_id, account));
  return out;
}

}  // namespace reskflow::identity
