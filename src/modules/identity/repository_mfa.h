// SQL of second factors: the TOTP secret per user (identity_mfa, encrypted) and the one-use
// recovery codes (identity_recovery_codes, stored as SHA-256).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reskflow/store/database.h"

namespace reskflow::identity::repository {

// The user's encrypted email and role, and whether TOTP is already enabled.
struct EnrolmentRow {
  std::optional<std::string> email_enc;
  std::string role;
  bool enabled = false;
};
Result<std::optional<EnrolmentRow>> enrolment_row(store::Transaction& tx,
                                                  const std::string& user_id);
// Starts (or restarts) an enrolment: the secret, not yet enabled.
Status put_pending_totp(store::Transaction& tx, const std::string& user_id,
                        const std::string& secret_enc, std::int64_t now_us);
// Enables TOTP with this secret unless the user already has one; true when it was added.
Result<bool> add_enabled_totp(store::Transaction& tx, const std::string& user_id,
                              const std::string& secret_enc, std::int64_t now_us);

struct TotpRow {
  std::string secret_enc;
  std::int64_t last_step = 0;
};
// The user's TOTP secret, enabled or pending as asked.
Result<std::optional<TotpRow>> totp_row(store::Transaction& tx, const std::string& user_id,
                                        bool enabled);
Status enable_totp(store::Transaction& tx, const std::string& user_id, std::int64_t step);
Status set_last_step(store::Transaction& tx, const std::string& user_id, std::int64_t step);

Status replace_recovery_codes(store::Transaction& tx, const std::string& user_id,
                              const std::vector<std::string>& code_hashes);
// Spends an unused recovery code; true when it matched.
Result<bool> spend_recovery_code(store::Transaction& tx, const std::string& user_id,
                                 const std::string& code_hash, std::int64_t now_us);
// Removes the user's TOTP secret and recovery codes.
Status delete_second_factors(store::Transaction& tx, const std::string& user_id);

}  // namespace reskflow::identity::repository
