// The server's VAPID key pair: from the settings, or generated on first start and kept in the
// database with its private key sealed (AES-256-GCM under the module's data key).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"
#include "settings.h"
#include "web_push.h"

namespace reskflow::notifications {

// "v1.<base64url(nonce | ciphertext | tag)>", with `purpose` as associated data so a sealed
// value cannot stand in for another.
Result<std::string> seal(std::string_view plaintext, std::string_view key,
                         std::string_view purpose);
// internal when it does not open (another key, or altered).
Result<std::string> unseal(std::string_view sealed, std::string_view key, std::string_view purpose);

// The configured pair, else the stored one, else a new pair stored now (of two servers starting
// at once, both use the first stored). internal when the stored key does not open with
// settings.data_key.
Result<web_push::KeyPair> load_vapid_keys(store::Database& db,
                                          const NotificationsSettings& settings,
                                          std::int64_t now_us);

}  // namespace reskflow::notifications
