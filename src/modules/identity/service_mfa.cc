// TOTP and recovery codes: secrets encrypted at rest, codes stored as SHA-256, a TOTP step
// accepted only once.
#include "service_mfa.h"

#include "crypto.h"
#include "repository_mfa.h"
#include "repository_sessions.h"
#include "totp.h"

namespace reskflow::identity {
namespace {

constexpr int recovery_codes_count = 10;

std::string normalise_recovery_code(std::string_view code) {
  std::string out;
  for (const char c : code) {
    if (c == '-' || c == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

bool all_digits(std::string_view code) {
  if (code.empty()) return false;
  for (const char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Result<TotpEnrolment> MfaService::enrol(const std::string& user_id, const Origin& origin) {
  const auto secret = random_bytes(20);
  return ctx_.db().write([&](store::Transaction& tx) -> Result<TotpEnrolment> {
    RF_TRY(user, repository::enrolment_row(tx, user_id));
    if (!*user) return fail(ErrorCode::not_found, "no such user");
    if ((*user)->enabled)
      return fail(ErrorCode::conflict, "TOTP is already enabled; disable it first");
    RF_TRY(saved, repository::put_pending_totp(
                      tx, user_id, ctx_.encrypt(secret, column::mfa_secret), ctx_.now_us()));
    RF_TRY(a, audit_.append(tx, {user_id, (*user)->role}, origin,
                            {"mfa.enrolment_started", "user", user_id}));
    const auto email = ctx_.decrypt_or_empty((*user)->email_enc, column::email);
    return TotpEnrolment{base32_encode(secret),
                         otpauth_uri(ctx_.settings().totp_issuer, email, secret)};
  });
}

Result<bool> MfaService::check(store::Transaction& tx, const std::string& user_id,
                               std::string_view code) {
  if (!all_digits(code)) {
    return repository::spend_recovery_code(tx, user_id, hex(sha256(normalise_recovery_code(code))),
                                           ctx_.now_us());
  }
  RF_TRY(row, repository::totp_row(tx, user_id, true));
  if (!*row) return false;
  RF_TRY(secret, ctx_.cipher().decrypt((*row)->secret_enc, column::mfa_secret));
  const auto step = totp_match(*secret, code, ctx_.now_s());
  // A code is accepted once: its step must be later than the last step accepted.
  if (!step || *step <= (*row)->last_step) return false;
  RF_TRY(saved, repository::set_last_step(tx, user_id, *step));
  return true;
}

Result<std::vector<std::string>> MfaService::confirm(const http::Principal& caller,
                                                     std::string_view code, const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Result<std::vector<std::string>> {
    RF_TRY(row, repository::totp_row(tx, caller.subject, false));
    if (!*row) return fail(ErrorCode::conflict, "start TOTP enrolment first");
    RF_TRY(secret, ctx_.cipher().decrypt((*row)->secret_enc, column::mfa_secret));
    const auto step = totp_match(*secret, code, ctx_.now_s());
    if (!step)
      return fail(ErrorCode::validation_failed, "the code does not match",
                  {{"code", "does not match the authenticator"}});
    RF_TRY(enabled, repository::enable_totp(tx, caller.subject, *step));
    std::vector<std::string> codes, hashes;
    for (int i = 0; i < recovery_codes_count; ++i) {
      const auto raw = base32_encode(random_bytes(7)).substr(0, 10);
      hashes.push_back(hex(sha256(raw)));
      codes.push_back(raw.substr(0, 5) + "-" + raw.substr(5));
    }
    RF_TRY(stored, repository::replace_recovery_codes(tx, caller.subject, hashes));
    // The session that proved possession of the authenticator counts as multi-factor.
    RF_TRY(marked, repository::mark_session_mfa(tx, caller.session_id));
    sessions_.forget(caller.session_id);
    RF_TRY(a, audit_.append(tx, {caller.subject, caller.role}, origin,
                            {"mfa.enabled", "user", caller.subject}));
    return codes;
  });
}

Status MfaService::disable(const http::Principal& caller, std::string_view code,
                           const Origin& origin) {
  if (caller.role == role_admin)
    return fail(ErrorCode::forbidden, "administrators must keep MFA enabled");
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(ok, check(tx, caller.subject, code));
    if (!*ok)
      return fail(ErrorCode::validation_failed, "the code does not match",
                  {{"code", "does not match the authenticator or a recovery code"}});
    RF_TRY(gone, repository::delete_second_factors(tx, caller.subject));
    return audit_.append(tx, {caller.subject, caller.role}, origin,
                         {"mfa.disabled", "user", caller.subject});
  });
}

}  // namespace reskflow::identity
