// SQL of accounts and one-time tokens.
#include "repository_accounts.h"

#include "repository_util.h"

namespace reskflow::identity::repository {

Result<bool> email_taken(store::Transaction& tx, const std::string& email_hash) {
  RF_TRY(rows, tx.query("SELECT 1 FROM identity_users WHERE email_hash = $1", {email_hash}));
  return !rows->empty();
}

Status insert_user(store::Transaction& tx, const UserRow& r) {
  RF_TRY(done, tx.exec("INSERT INTO identity_users (id, email_hash, email_enc, name, "
                       "phone_enc, role, status, password_hash, created_at_us, "
                       "updated_at_us) VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $8)",
                       {r.id, r.email_hash, r.email_enc, r.name, optional_value(r.phone_enc),
                        r.role, r.password_hash, r.created_at_us}));
  return {};
}

Result<std::optional<UserRef>> user_by_email(store::Transaction& tx, const std::string& email_hash,
                                             bool active_only) {
  RF_TRY(rows, tx.query(active_only ? "SELECT id, role FROM identity_users WHERE email_hash = $1 "
                                      "AND status = 'active'"
                                    : "SELECT id, role FROM identity_users WHERE email_hash = $1",
                        {email_hash}));
  if (rows->empty()) return std::optional<UserRef>{};
  return std::optional<UserRef>{{rows->front().text(0), rows->front().text(1)}};
}

Result<std::optional<std::string>> active_role(store::Transaction& tx, const std::string& user_id) {
  RF_TRY(rows, tx.query("SELECT role FROM identity_users WHERE id = $1 AND status = 'active'",
                        {user_id}));
  return first_text(*rows);
}

Result<bool> is_partner(store::Transaction& tx, const std::string& user_id) {
  RF_TRY(rows,
         tx.query("SELECT 1 FROM identity_users WHERE id = $1 AND role = 'partner'", {user_id}));
  return !rows->empty();
}

Result<std::optional<LoginRow>> login_row(store::Transaction& tx, const std::string& email_hash) {
  RF_TRY(rows, tx.query("SELECT u.id, u.role, u.status, u.password_hash, m.enabled "
                        "FROM identity_users u LEFT JOIN identity_mfa m ON m.user_id = "
                        "u.id WHERE u.email_hash = $1",
                        {email_hash}));
  if (rows->empty()) return std::optional<LoginRow>{};
  const auto r = rows->front();
  return std::optional<LoginRow>{
      {r.text(0), r.text(1), r.text(2), r.text(3), r.optional_boolean(4).value_or(false)}};
}

Result<std::optional<ProfileRow>> profile_row(store::Transaction& tx, const std::string& user_id) {
  RF_TRY(rows, tx.query("SELECT u.id, u.email_enc, u.name, u.phone_enc, u.address_enc, "
                        "u.role, u.status, u.email_verified_at_us, u.age_verified, "
                        "u.created_at_us, m.enabled FROM identity_users u LEFT JOIN "
                        "identity_mfa m ON m.user_id = u.id WHERE u.id = $1",
                        {user_id}));
  if (rows->empty()) return std::optional<ProfileRow>{};
  const auto r = rows->front();
  return std::optional<ProfileRow>{
      {r.text(0), r.optional_text(1), r.optional_text(3), r.optional_text(4), r.text(2), r.text(5),
       r.text(6), !r.is_null(7), r.boolean(8), r.optional_boolean(10).value_or(false), r.int64(9)}};
}

Status set_name(store::Transaction& tx, const std::string& user_id, const std::string& name) {
  RF_TRY(u, tx.exec("UPDATE identity_users SET name = $1 WHERE id = $2", {name, user_id}));
  return {};
}

Status set_phone(store::Transaction& tx, const std::string& user_id,
                 const std::optional<std::string>& phone_enc) {
  RF_TRY(u, tx.exec("UPDATE identity_users SET phone_enc = $1 WHERE id = $2",
                    {optional_value(phone_enc), user_id}));
  return {};
}

Status set_address(store::Transaction& tx, const std::string& user_id,
                   const std::optional<std::string>& address_enc) {
  RF_TRY(u, tx.exec("UPDATE identity_users SET address_enc = $1 WHERE id = $2",
                    {optional_value(address_enc), user_id}));
  return {};
}

Status touch_user(store::Transaction& tx, const std::string& user_id, std::int64_t now_us) {
  RF_TRY(u,
         tx.exec("UPDATE identity_users SET updated_at_us = $1 WHERE id = $2", {now_us, user_id}));
  return {};
}

Result<std::optional<std::string>> password_hash(store::Transaction& tx,
                                                 const std::string& user_id) {
  RF_TRY(rows, tx.query("SELECT password_hash FROM identity_users WHERE id = $1", {user_id}));
  return first_text(*rows);
}

Status set_password(store::Transaction& tx, const std::string& user_id, const std::string& hash,
                    std::int64_t now_us) {
  RF_TRY(u, tx.exec("UPDATE identity_users SET password_hash = $1, updated_at_us = $2 "
                    "WHERE id = $3",
                    {hash, now_us, user_id}));
  return {};
}

Result<std::optional<VerificationRow>> verification_state(store::Transaction& tx,
                                                          const std::string& user_id) {
  RF_TRY(rows, tx.query("SELECT email_enc, email_verified_at_us FROM identity_users "
                        "WHERE id = $1",
                        {user_id}));
  if (rows->empty()) return std::optional<VerificationRow>{};
  return std::optional<VerificationRow>{
      {rows->front().optional_text(0), !rows->front().is_null(1)}};
}

Result<bool> mark_email_verified(store::Transaction& tx, const std::string& user_id,
                                 std::int64_t now_us, bool only_if_unverified) {
  RF_TRY(n, tx.exec(only_if_unverified ? "UPDATE identity_users SET email_verified_at_us = $1 "
                                         "WHERE id = $2 AND email_verified_at_us IS NULL"
                                       : "UPDATE identity_users SET email_verified_at_us = $1 "
                                         "WHERE id = $2",
                    {now_us, user_id}));
  return *n == 1;
}

Status insert_one_time_token(store::Transaction& tx, const std::string& token_hash,
                             const std::string& user_id, std::string_view purpose,
                             std::int64_t now_us, std::int64_t expires_at_us) {
  RF_TRY(done, tx.exec("INSERT INTO identity_one_time_tokens (token_hash, user_id, purpose, "
                       "created_at_us, expires_at_us) VALUES ($1, $2, $3, $4, $5)",
                       {token_hash, user_id, std::string(purpose), now_us, expires_at_us}));
  return {};
}

Result<std::optional<std::string>> spend_one_time_token(store::Transaction& tx,
                                                        const std::string& token_hash,
                                                        std::string_view purpose,
                                                        std::int64_t now_us) {
  RF_TRY(rows, tx.query("UPDATE identity_one_time_tokens SET used_at_us = $1 WHERE "
                        "token_hash = $2 AND purpose = $3 AND used_at_us IS NULL AND "
                        "expires_at_us > $1 RETURNING user_id",
                        {now_us, token_hash, std::string(purpose)}));
  return first_text(*rows);
}

Result<bool> record_spent_token(store::Transaction& tx, const std::string& token_hash,
                                const std::string& user_id, std::string_view purpose,
                                std::int64_t now_us) {
  RF_TRY(rows, tx.query("INSERT INTO identity_one_time_tokens (token_hash, user_id, "
                        "purpose, created_at_us, expires_at_us, used_at_us) VALUES ($1, "
                        "$2, $3, $4, $4, $4) ON CONFLICT (token_hash) DO "
                        "NOTHING RETURNING token_hash",
                        {token_hash, user_id, std::string(purpose), now_us}));
  return !rows->empty();
}

Result<std::vector<UserSummary>> search_users(store::Transaction& tx, const UserSearch& s) {
  RF_TRY(rows,
         tx.query("SELECT id, email_enc, name, role, status, created_at_us, email_verified_at_us, "
                  "age_verified FROM identity_users WHERE ($1 = '' OR email_hash = $1) AND ($2 = "
                  "'' OR role = $2) AND ($3 = '' OR status = $3) AND LOWER(name) LIKE LOWER($4) "
                  "AND id > $5 ORDER BY id LIMIT $6",
                  {s.email_hash, s.role, s.status, s.name_like, s.after_id, s.limit + 1}));
  std::vector<UserSummary> out;
  for (const auto r : *rows) {
    // email holds the ciphertext here; the service decrypts it.
    out.push_back({r.text(0), r.optional_text(1).value_or(""), r.text(2), r.text(3), r.text(4),
                   r.int64(5), !r.is_null(6), r.boolean(7)});
  }
  return out;
}

Result<bool> set_status(store::Transaction& tx, const std::string& user_id,
                        const std::string& status, std::int64_t now_us) {
  RF_TRY(n, tx.exec("UPDATE identity_users SET status = $1, updated_at_us = $2 WHERE "
                    "id = $3 AND status <> 'erased'",
                    {status, now_us, user_id}));
  return *n > 0;
}

Result<std::optional<std::string>> unerased_role(store::Transaction& tx,
                                                 const std::string& user_id) {
  RF_TRY(rows, tx.query("SELECT role FROM identity_users WHERE id = $1 AND status <> 'erased'",
                        {user_id}));
  return first_text(*rows);
}

Status set_role(store::Transaction& tx, const std::string& user_id, const std::string& role,
                std::int64_t now_us) {
  RF_TRY(n, tx.exec("UPDATE identity_users SET role = $1, updated_at_us = $2 WHERE id = $3",
                    {role, now_us, user_id}));
  return {};
}

Status anonymise_user(store::Transaction& tx, const std::string& user_id,
                      const std::string& email_enc, std::int64_t now_us) {
  RF_TRY(u, tx.exec("UPDATE identity_users SET email_hash = $1, email_enc = $2, name = "
                    "'Erased user', phone_enc = NULL, address_enc = NULL, password_hash "
                    "= '!erased', status = 'erased', updated_at_us = $3 WHERE id = $4",
                    {"erased:" + user_id, email_enc, now_us, user_id}));
  return {};
}

Status delete_one_time_tokens(store::Transaction& tx, const std::string& user_id) {
  RF_TRY(d, tx.exec("DELETE FROM identity_one_time_tokens WHERE user_id = $1", {user_id}));
  return {};
}

Result<bool> age_verified(store::Transaction& tx, const std::string& user_id) {
  RF_TRY(rows, tx.query("SELECT age_verified FROM identity_users WHERE id = $1", {user_id}));
  return !rows->empty() && rows->front().boolean(0);
}

Status set_age_verified(store::Transaction& tx, const std::string& user_id, bool verified) {
  RF_TRY(u,
         tx.exec("UPDATE identity_users SET age_verified = $1 WHERE id = $2", {verified, user_id}));
  return {};
}

}  // namespace reskflow::identity::repository
