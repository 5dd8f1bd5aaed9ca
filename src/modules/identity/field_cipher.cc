// AES-256-GCM through OpenSSL EVP for personal-data columns.
#include "field_cipher.h"

#include <openssl/evp.h>

#include <memory>

#include "crypto.h"

namespace reskflow::identity {
namespace {

constexpr std::size_t nonce_bytes = 12;
constexpr std::size_t tag_bytes = 16;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

unsigned char* u8(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }
const unsigned char* u8(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

Result<std::vector<DataKey>> parse_data_keys(std::string_view text) {
  std::vector<DataKey> keys;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    const auto colon = item.find(':');
    if (colon == std::string_view::npos || colon == 0)
      return fail(ErrorCode::validation_failed, "data keys are kid:base64url(32 bytes), ...");
    auto key = base64url_decode(item.substr(colon + 1));
    if (!key || key->size() != 32)
      return fail(ErrorCode::validation_failed, "each data key must be 32 bytes in base64url");
    const auto kid = std::string(item.substr(0, colon));
    if (kid.find('.') != std::string::npos)
      return fail(ErrorCode::validation_failed, "a data key id may not contain '.'");
    keys.push_back({kid, std::move(*key)});
  }
  if (keys.empty()) return fail(ErrorCode::validation_failed, "no data key given");
  return keys;
}

FieldCipher::FieldCipher(std::vector<DataKey> keys) : keys_(std::move(keys)) {}

const DataKey* FieldCipher::key(std::string_view kid) const {
  for (const auto& k : keys_) {
    if (k.kid == kid) return &k;
  }
  return nullptr;
}

std::string FieldCipher::encrypt(std::string_view plaintext, std::string_view column) const {
  const auto& k = keys_.front();
  std::string out = random_bytes(nonce_bytes);
  out.resize(nonce_bytes + plaintext.size() + tag_bytes);
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int length = 0;
  EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, u8(k.key), u8(std::string_view(out)));
  EVP_EncryptUpdate(ctx.get(), nullptr, &length, u8(column), static_cast<int>(column.size()));
  EVP_EncryptUpdate(ctx.get(), u8(out) + nonce_bytes, &length, u8(plaintext),
                    static_cast<int>(plaintext.size()));
  EVP_EncryptFinal_ex(ctx.get(), u8(out) + nonce_bytes + length, &length);
  EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(tag_bytes),
                      u8(out) + nonce_bytes + plaintext.size());
  return "v1." + k.kid + "." + base64url_encode(out);
}

std::string FieldCipher::kid_of(std::string_view ciphertext) {
  if (!ciphertext.starts_with("v1.")) return {};
  const auto dot = ciphertext.find('.', 3);
  return dot == std::string_view::npos ? std::string{} : std::string(ciphertext.substr(3, dot - 3));
}

Result<std::string> FieldCipher::decrypt(std::string_view ciphertext,
                                         std::string_view column) const {
  const auto kid = kid_of(ciphertext);
  const auto* k = key(kid);
  if (k == nullptr) return fail(ErrorCode::internal, "no data key '" + kid + "' is configured");
  const auto raw = base64url_decode(ciphertext.substr(4 + kid.size()));
  if (!raw || raw->size() < nonce_bytes + tag_bytes)
    return fail(ErrorCode::internal, "malformed ciphertext");
  const std::string_view bytes(*raw);
  const auto body = bytes.substr(nonce_bytes, bytes.size() - nonce_bytes - tag_bytes);
  std::string tag(bytes.substr(bytes.size() - tag_bytes));
  std::string out(body.size(), '\0');
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int length = 0;
  EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, u8(k->key), u8(bytes));
  EVP_DecryptUpdate(ctx.get(), nullptr, &length, u8(column), static_cast<int>(column.size()));
  EVP_DecryptUpdate(ctx.get(), u8(out), &length, u8(body), static_cast<int>(body.size()));
  EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(tag_bytes), u8(tag));
  if (EVP_DecryptFinal_ex(ctx.get(), u8(out) + length, &length) != 1)
    return fail(ErrorCode::internal, "ciphertext failed authentication");
  return out;
}

}  // namespace reskflow::identity
