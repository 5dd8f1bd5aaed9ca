// SQL of data-key rotation: the encrypted columns of identity's tables, and batches of values
// not yet under the current key.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/store/database.h"

namespace reskflow::identity::repository {

// A column holding field-cipher values, with its table's key and the cipher's column name.
struct EncryptedColumn {
  std::string_view table, key, column, aad;
};
std::span<const EncryptedColumn> encrypted_columns();

struct StoredCiphertext {
  std::string key;
  std::string ciphertext;
};
// Up to `limit` values of the column whose ciphertext does not start with `current_prefix`.
Result<std::vector<StoredCiphertext>> stale_ciphertexts(store::Transaction& tx,
                                                        const EncryptedColumn& column,
                                                        const std::string& current_prefix,
                                                        std::int64_t limit);
Status replace_ciphertext(store::Transaction& tx, const EncryptedColumn& column,
                          const std::string& key, const std::string& ciphertext);

}  // namespace reskflow::identity::repository
