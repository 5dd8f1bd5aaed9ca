// SQL of accounts (identity_users) and one-time tokens (identity_one_time_tokens: email
// verification, password reset, spent MFA challenges). Personal columns arrive and leave
// encrypted; the services hold the cipher.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model.h"
#include "reskflow/store/database.h"

namespace reskflow::identity::repository {

struct UserRow {
  std::string id;
  std::string email_hash;
  std::string email_enc;
  std::string name;
  std::optional<std::string> phone_enc;
  std::string role;
  std::string password_hash;
  std::int64_t created_at_us = 0;
};
Result<bool> email_taken(store::Transaction& tx, const std::string& email_hash);
Status insert_user(store::Transaction& tx, const UserRow& row);

struct UserRef {
  std::string id;
  std::string role;
};
// The account with this email, in any status (only an active one, if asked).
Result<std::optional<UserRef>> user_by_email(store::Transaction& tx, const std::string& email_hash,
                                             bool active_only = false);
// The role of an active account.
Result<std::optional<std::string>> active_role(store::Transaction& tx, const std::string& user_id);
Result<bool> is_partner(store::Transaction& tx, const std::string& user_id);

struct LoginRow {
  std::string id, role, status, password_hash;
  bool mfa_enabled = false;
};
Result<std::optional<LoginRow>> login_row(store::Transaction& tx, const std::string& email_hash);

struct ProfileRow {
  std::string id;
  std::optional<std::string> email_enc, phone_enc, address_enc;
  std::string name, role, status;
  bool email_verified = false, age_verified = false, mfa_enabled = false;
  std::int64_t created_at_us = 0;
};
Result<std::optional<ProfileRow>> profile_row(store::Transaction& tx, const std::string& user_id);
Status set_name(store::Transaction& tx, const std::string& user_id, const std::string& name);
Status set_phone(store::Transaction& tx, const std::string& user_id,
                 const std::optional<std::string>& phone_enc);
Status set_address(store::Transaction& tx, const std::string& user_id,
                   const std::optional<std::string>& address_enc);
Status touch_user(store::Transaction& tx, const std::string& user_id, std::int64_t now_us);

Result<std::optional<std::string>> password_hash(store::Transaction& tx,
                                                 const std::string& user_id);
Status set_password(store::Transaction& tx, const std::string& user_id, const std::string& hash,
                    std::int64_t now_us);

// The account's encrypted email and whether it is verified.
struct VerificationRow {
  std::optional<std::string> email_enc;
  bool verified = false;
};
Result<std::optional<VerificationRow>> verification_state(store::Transaction& tx,
                                                          const std::string& user_id);
// Marks the email verified (only when not yet verified, if asked); true when the row changed.
Result<bool> mark_email_verified(store::Transaction& tx, const std::string& user_id,
                                 std::int64_t now_us, bool only_if_unverified);

Status insert_one_time_token(store::Transaction& tx, const std::string& token_hash,
                             const std::string& user_id, std::string_view purpose,
                             std::int64_t now_us, std::int64_t expires_at_us);
// Spends an unused, unexpired token of this purpose: its user, or nullopt.
Result<std::optional<std::string>> spend_one_time_token(store::Transaction& tx,
                                                        const std::string& token_hash,
                                                        std::string_view purpose,
                                                        std::int64_t now_us);
// Records a single-use id (an MFA challenge's jti) as spent; false when it already was.
Result<bool> record_spent_token(store::Transaction& tx, const std::string& token_hash,
                                const std::string& user_id, std::string_view purpose,
                                std::int64_t now_us);

// Admins' search: filter.limit + 1 rows at most, ordered by id. email_hash "" matches any.
struct UserSearch {
  std::string email_hash, role, status, name_like, after_id;
  std::int64_t limit = 50;
};
Result<std::vector<UserSummary>> search_users(store::Transaction& tx, const UserSearch& search);
// Changes the status of an account that is not erased; false when there is none.
Result<bool> set_status(store::Transaction& tx, const std::string& user_id,
                        const std::string& status, std::int64_t now_us);
// The role of an account that is not erased.
Result<std::optional<std::string>> unerased_role(store::Transaction& tx,
                                                 const std::string& user_id);
Status set_role(store::Transaction& tx, const std::string& user_id, const std::string& role,
                std::int64_t now_us);

// Erasure: the account keeps its id (ledgers reference it) and nothing personal; its email
// index and ciphertext are replaced by placeholders that match no real address.
Status anonymise_user(store::Transaction& tx, const std::string& user_id,
                      const std::string& email_enc, std::int64_t now_us);
Status delete_one_time_tokens(store::Transaction& tx, const std::string& user_id);

Result<bool> age_verified(store::Transaction& tx, const std::string& user_id);
Status set_age_verified(store::Transaction& tx, const std::string& user_id, bool verified);

}  // namespace reskflow::identity::repository
