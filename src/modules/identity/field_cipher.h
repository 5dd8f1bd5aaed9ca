// Field-level encryption of personal data at rest: AES-256-GCM (OpenSSL EVP), a fresh 96-bit
// nonce per value, the key id in every ciphertext ("v1.<kid>.<base64url(nonce|ct|tag)>") and
// the column name as associated data, so a value cannot be moved to another column unnoticed.
// The first key encrypts; the others decrypt until `reskflow keys rotate` has re-encrypted.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"

namespace reskflow::identity {

struct DataKey {
  std::string kid;
  std::string key;  // 32 bytes
};

// "kid1:base64url(32 bytes),kid2:..." — the first is current.
Result<std::vector<DataKey>> parse_data_keys(std::string_view text);

class FieldCipher {
 public:
  explicit FieldCipher(std::vector<DataKey> keys);

  std::string encrypt(std::string_view plaintext, std::string_view column) const;
  Result<std::string> decrypt(std::string_view ciphertext, std::string_view column) const;
  // The kid a ciphertext names ("" when malformed).
  static std::string kid_of(std::string_view ciphertext);
  const std::string& current_kid() const { return keys_.front().kid; }

 private:
  const DataKey* key(std::string_view kid) const;
  std::vector<DataKey> keys_;
};

}  // namespace reskflow::identity
