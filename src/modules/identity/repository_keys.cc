// SQL of data-key rotation over a fixed list of columns (never names from input).
#include "repository_keys.h"

namespace reskflow::identity::repository {
namespace {

constexpr EncryptedColumn rotated_columns[] = {
    {"identity_users", "id", "email_enc", "email"},
    {"identity_users", "id", "phone_enc", "phone"},
    {"identity_users", "id", "address_enc", "address"},
    {"identity_mfa", "user_id", "secret_enc", "mfa_secret"},
    {"identity_id_verifications", "id", "number_enc", "document_number"},
    {"identity_merchant_invitations", "id", "email_enc", "email"},
};

}  // namespace

std::span<const EncryptedColumn> encrypted_columns() { return rotated_columns; }

Result<std::vector<StoredCiphertext>> stale_ciphertexts(store::Transaction& tx,
                                                        const EncryptedColumn& c,
                                                        const std::string& current_prefix,
                                                        std::int64_t limit) {
  const std::string column(c.column);
  RF_TRY(rows,
         tx.query("SELECT " + std::string(c.key) + ", " + column + " FROM " + std::string(c.table) +
                      " WHERE " + column + " IS NOT NULL AND " + column + " NOT LIKE $1 LIMIT $2",
                  {current_prefix + "%", limit}));
  std::vector<StoredCiphertext> out;
  for (const auto r : *rows) out.push_back({r.text(0), r.text(1)});
  return out;
}

Status replace_ciphertext(store::Transaction& tx, const EncryptedColumn& c, const std::string& key,
                          const std::string& ciphertext) {
  RF_TRY(u, tx.exec("UPDATE " + std::string(c.table) + " SET " + std::string(c.column) +
                        " = $1 WHERE " + std::string(c.key) + " = $2",
                    {ciphertext, key}));
  return {};
}

}  // namespace reskflow::identity::repository
