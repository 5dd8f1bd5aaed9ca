// Accounts: personal fields decrypted on the way out, passwords checked against the policy and
// hashed with argon2id, one-time codes by mail for verification and reset.
#include "service_account.h"

#include "crypto.h"
#include "repository_accounts.h"
#include "reskflow/store/uuid.h"

namespace reskflow::identity {
namespace {

std::unexpected<Error> weak_password(std::string reason, std::string_view field) {
  return fail(ErrorCode::validation_failed, "the password is not acceptable",
              {{std::string(field), std::move(reason)}});
}

std::unexpected<Error> invalid_code(std::string_view what) {
  return fail(ErrorCode::validation_failed, "the " + std::string(what) + " is invalid or expired",
              {{"token", "is invalid or expired"}});
}

}  // namespace

Result<std::string> AccountService::create(store::Transaction& tx, const NewAccount& account) {
  auto id = store::new_uuid_v7();
  RF_TRY(hash, ctx_.hasher().hash(account.password));
  const auto email = normalise_email(account.email);
  const auto email_hash = ctx_.email_hash(email);
  RF_TRY(taken, repository::email_taken(tx, email_hash));
  if (*taken) return fail(ErrorCode::conflict, "an account with this email exists");
  RF_TRY(done, repository::insert_user(
                   tx, {id, email_hash, ctx_.encrypt(email, column::email), account.name,
                        ctx_.encrypt_optional(account.phone, column::phone), account.role, *hash,
                        ctx_.now_us()}));
  return id;
}

Result<Profile> AccountService::profile(const std::string& user_id) {
  RF_TRY(row, ctx_.db().read(
                  [&](store::Transaction& tx) { return repository::profile_row(tx, user_id); }));
  if (!*row) return fail(ErrorCode::not_found, "no such user");
  const auto& r = **row;
  const auto optional_plain = [this](const std::optional<std::string>& enc,
                                     std::string_view column) -> std::optional<std::string> {
    if (!enc) return std::nullopt;
    return ctx_.decrypt_or_empty(enc, column);
  };
  return Profile{r.id,
                 ctx_.decrypt_or_empty(r.email_enc, column::email),
                 r.name,
                 optional_plain(r.phone_enc, column::phone),
                 optional_plain(r.address_enc, column::address),
                 r.role,
                 r.status,
                 r.email_verified,
                 r.age_verified,
                 r.mfa_enabled,
                 r.created_at_us};
}

Result<Profile> AccountService::update_profile(const std::string& user_id, const ProfileChange& c,
                                               const Origin& origin) {
  RF_TRY(done, ctx_.db().write([&](store::Transaction& tx) -> Status {
    if (c.name) {
      RF_TRY(u, repository::set_name(tx, user_id, *c.name));
    }
    if (c.phone) {
      RF_TRY(u, repository::set_phone(tx, user_id, ctx_.encrypt_optional(*c.phone, column::phone)));
    }
    if (c.address) {
      RF_TRY(u, repository::set_address(tx, user_id,
                                        ctx_.encrypt_optional(*c.address, column::address)));
    }
    RF_TRY(u, repository::touch_user(tx, user_id, ctx_.now_us()));
    return audit_.append(tx, {user_id, "self"}, origin, {"profile.updated", "user", user_id});
  }));
  return profile(user_id);
}

Status AccountService::change_password(const http::Principal& caller, std::string_view current,
                                       std::string_view next, const Origin& origin) {
  if (auto why = ctx_.policy().check(next); !why.empty()) return weak_password(why, "new_password");
  RF_TRY(stored, ctx_.db().read([&](store::Transaction& tx) {
    return repository::password_hash(tx, caller.subject);
  }));
  if (!*stored) return fail(ErrorCode::not_found, "no such user");
  if (!ctx_.hasher().verify(**stored, current)) {
    audit_.failure({caller.subject, caller.role}, origin,
                   {"password.changed", "user", caller.subject});
    return fail(ErrorCode::validation_failed, "the current password is wrong",
                {{"current_password", "is wrong"}});
  }
  RF_TRY(hash, ctx_.hasher().hash(next));
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(u, repository::set_password(tx, caller.subject, *hash, ctx_.now_us()));
    RF_TRY(r, sessions_.revoke_all(tx, caller.subject, caller.session_id, "password_changed"));
    return audit_.append(tx, {caller.subject, caller.role}, origin,
                         {"password.changed", "user", caller.subject});
  });
}

Status AccountService::request_password_reset(std::string_view email, const Origin& origin) {
  const auto hash = ctx_.email_hash(email);
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(user, repository::user_by_email(tx, hash, true));
    if (!*user) return {};
    const auto& id = (*user)->id;
    RF_TRY(t, mail_.send_code(tx, id, normalise_email(email), EmailPurpose::password_reset));
    return audit_.append(tx, {"anonymous", "anonymous"}, origin,
                         {"password.reset_requested", "user", id});
  });
}

Status AccountService::confirm_password_reset(std::string_view token, std::string_view password,
                                              const Origin& origin) {
  if (auto why = ctx_.policy().check(password); !why.empty()) return weak_password(why, "password");
  RF_TRY(hash, ctx_.hasher().hash(password));
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
    const auto now = ctx_.now_us();
    RF_TRY(user, repository::spend_one_time_token(tx, hex(sha256(token)),
                                                  purpose_name(EmailPurpose::password_reset), now));
    if (!*user) return invalid_code("reset code");
    const auto& id = **user;
    RF_TRY(u, repository::set_password(tx, id, *hash, now));
    RF_TRY(r, sessions_.revoke_all(tx, id, "", "password_reset"));
    return audit_.append(tx, {id, "self"}, origin, {"password.reset", "user", id});
  });
}

Status AccountService::verify_email(std::string_view token, const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
    const auto now = ctx_.now_us();
    RF_TRY(user, repository::spend_one_time_token(tx, hex(sha256(token)),
                                                  purpose_name(EmailPurpose::verify_email), now));
    if (!*user) return invalid_code("verification code");
    const auto& id = **user;
    RF_TRY(u, repository::mark_email_verified(tx, id, now, false));
    return audit_.append(tx, {id, "self"}, origin, {"email.verified", "user", id});
  });
}

Status AccountService::resend_verification(const std::string& user_id) {
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(state, repository::verification_state(tx, user_id));
    if (!*state) return fail(ErrorCode::not_found, "no such user");
    if ((*state)->verified) return fail(ErrorCode::conflict, "already verified");
    return mail_.send_code(tx, user_id, ctx_.decrypt_or_empty((*state)->email_enc, column::email),
                           EmailPurpose::verify_email);
  });
}

}  // namespace reskflow::identity
