// SQL of TOTP secrets and recovery codes.
#include "repository_mfa.h"

#include <vector>

namespace reskflow::identity::repository {

Result<std::optional<EnrolmentRow>> enrolment_row(store::Transaction& tx,
                                                  const std::string& user_id) {
  RF_TRY(rows, tx.query("SELECT u.email_enc, u.role, m.enabled FROM identity_users u "
                        "LEFT JOIN identity_mfa m ON m.user_id = u.id WHERE u.id = $1",
                        {user_id}));
  if (rows->empty()) return std::optional<EnrolmentRow>{};
  const auto r = rows->front();
  return std::optional<EnrolmentRow>{
      {r.optional_text(0), r.text(1), r.optional_boolean(2).value_or(false)}};
}

Status put_pending_totp(store::Transaction& tx, const std::string& user_id,
                        const std::string& secret_enc, std::int64_t now_us) {
  RF_TRY(saved, tx.exec("INSERT INTO identity_mfa (user_id, secret_enc, enabled, "
                        "last_step, created_at_us) VALUES ($1, $2, FALSE, 0, $3) "
                        "ON CONFLICT (user_id) DO UPDATE SET secret_enc = $2, "
                        "enabled = FALSE, last_step = 0, created_at_us = $3",
                        {user_id, secret_enc, now_us}));
  return {};
}

Result<bool> add_enabled_totp(store::Transaction& tx, const std::string& user_id,
                              const std::string& secret_enc, std::int64_t now_us) {
  RF_TRY(n, tx.exec("INSERT INTO identity_mfa (user_id, secret_enc, enabled, last_step, "
                    "created_at_us) VALUES ($1, $2, TRUE, 0, $3) ON CONFLICT (user_id) DO "
                    "NOTHING",
                    {user_id, secret_enc, now_us}));
  return *n == 1;
}

Result<std::optional<TotpRow>> totp_row(store::Transaction& tx, const std::string& user_id,
                                        bool enabled) {
  RF_TRY(rows,
         tx.query(enabled ? "SELECT secret_enc, last_step FROM identity_mfa WHERE user_id = $1 "
                            "AND enabled"
                          : "SELECT secret_enc, last_step FROM identity_mfa WHERE user_id = $1 "
                            "AND NOT enabled",
                  {user_id}));
  if (rows->empty()) return std::optional<TotpRow>{};
  return std::optional<TotpRow>{{rows->front().text(0), rows->front().int64(1)}};
}

Status enable_totp(store::Transaction& tx, const std::string& user_id, std::int64_t step) {
  RF_TRY(e, tx.exec("UPDATE identity_mfa SET enabled = TRUE, last_step = $1 WHERE user_id = $2",
                    {step, user_id}));
  return {};
}

Status set_last_step(store::Transaction& tx, const std::string& user_id, std::int64_t step) {
  RF_TRY(u, tx.exec("UPDATE identity_mfa SET last_step = $1 WHERE user_id = $2", {step, user_id}));
  return {};
}

Status replace_recovery_codes(store::Transaction& tx, const std::string& user_id,
                              const std::vector<std::string>& code_hashes) {
  RF_TRY(d, tx.exec("DELETE FROM identity_recovery_codes WHERE user_id = $1", {user_id}));
  for (const auto& hash : code_hashes) {
    RF_TRY(c, tx.exec("INSERT INTO identity_recovery_codes (user_id, code_hash) VALUES ($1, $2)",
                      {user_id, hash}));
  }
  return {};
}

Result<bool> spend_recovery_code(store::Transaction& tx, const std::string& user_id,
                                 const std::string& code_hash, std::int64_t now_us) {
  RF_TRY(used, tx.exec("UPDATE identity_recovery_codes SET used_at_us = $1 WHERE user_id = "
                       "$2 AND code_hash = $3 AND used_at_us IS NULL",
                       {now_us, user_id, code_hash}));
  return *used == 1;
}

Status delete_second_factors(store::Transaction& tx, const std::string& user_id) {
  RF_TRY(d1, tx.exec("DELETE FROM identity_mfa WHERE user_id = $1", {user_id}));
  RF_TRY(d2, tx.exec("DELETE FROM identity_recovery_codes WHERE user_id = $1", {user_id}));
  return {};
}

}  // namespace reskflow::identity::repository
