// Sealing with AES-256-GCM through OpenSSL EVP, and the VAPID key pair's first start.
#include "vapid_keys.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

#include "repository.h"

namespace reskflow::notifications {
namespace {

constexpr std::size_t nonce_bytes = 12;
constexpr std::size_t tag_bytes = 16;
constexpr std::string_view sealed_prefix = "v1.";
constexpr std::string_view vapid_purpose = "notifications_keys.vapid";

struct CipherFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherFree>;

unsigned char* u8(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }
const unsigned char* u8(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

Result<std::string> seal(std::string_view plaintext, std::string_view key,
                         std::string_view purpose) {
  if (key.size() != 32) return fail(ErrorCode::internal, "the data key is not 32 bytes");
  std::string out(nonce_bytes + plaintext.size() + tag_bytes, '\0');
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int length = 0;
  int final_length = 0;
  if (RAND_bytes(u8(out), static_cast<int>(nonce_bytes)) != 1 || !ctx ||
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, u8(key), u8(out)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &length, u8(purpose),
                        static_cast<int>(purpose.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), u8(out) + nonce_bytes, &length, u8(plaintext),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), u8(out) + nonce_bytes + length, &final_length) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(tag_bytes),
                          u8(out) + nonce_bytes + plaintext.size()) != 1)
    return fail(ErrorCode::internal, "sealing failed");
  return std::string(sealed_prefix) + web_push::base64url(out);
}

Result<std::string> unseal(std::string_view sealed, std::string_view key,
                           std::string_view purpose) {
  const auto raw = sealed.starts_with(sealed_prefix)
                       ? web_push::from_base64url(sealed.substr(sealed_prefix.size()))
                       : std::nullopt;
  if (key.size() != 32 || !raw || raw->size() < nonce_bytes + tag_bytes)
    return fail(ErrorCode::internal, "a sealed value is malformed");
  const std::string_view bytes(*raw);
  const auto body = bytes.substr(nonce_bytes, bytes.size() - nonce_bytes - tag_bytes);
  std::string tag(bytes.substr(bytes.size() - tag_bytes));
  std::string out(body.size(), '\0');
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int length = 0;
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, u8(key), u8(bytes)) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &length, u8(purpose),
                        static_cast<int>(purpose.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), u8(out), &length, u8(body), static_cast<int>(body.size())) !=
          1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(tag_bytes), u8(tag)) !=
          1 ||
      EVP_DecryptFinal_ex(ctx.get(), u8(out) + length, &length) != 1)
    return fail(ErrorCode::internal,
                "the stored VAPID key does not open with RESKFLOW_NOTIFICATIONS_DATA_KEY");
  return out;
}

Result<web_push::KeyPair> load_vapid_keys(store::Database& db,
                                          const NotificationsSettings& settings,
                                          std::int64_t now_us) {
  if (!settings.vapid_private_key.empty()) return web_push::key_pair_of(settings.vapid_private_key);
  RF_TRY(stored, db.write([&](store::Transaction& tx) -> Result<repository::StoredKeys> {
    RF_TRY(found, repository::vapid_keys(tx));
    if (*found) return std::move(**found);
    RF_TRY(fresh, web_push::generate_key_pair());
    RF_TRY(sealed, seal(fresh->private_key, settings.data_key, vapid_purpose));
    const repository::StoredKeys keys{web_push::base64url(fresh->public_key), *sealed};
    RF_TRY(inserted, repository::insert_vapid_keys(tx, keys, now_us));
    RF_TRY(kept, repository::vapid_keys(tx));
    return std::move(**kept);
  }));
  RF_TRY(private_key, unseal(stored->sealed_private_key, settings.data_key, vapid_purpose));
  RF_TRY(pair, web_push::key_pair_of(*private_key));
  if (web_push::base64url(pair->public_key) != stored->public_key)
    return fail(ErrorCode::internal, "the stored VAPID key pair does not match");
  return std::move(*pair);
}

}  // namespace reskflow::notifications
