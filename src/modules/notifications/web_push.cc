// P-256 keys, RFC 8291 encryption and RFC 8292 VAPID tokens through OpenSSL's EVP APIs.
#include "web_push.h"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>

#include <boost/json.hpp>

#include <array>
#include <memory>

#include "reskflow/core/json_text.h"

namespace reskflow::notifications::web_push {
namespace {

constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::size_t nonce_bytes = 12;
constexpr std::size_t key_bytes = 16;
constexpr std::size_t tag_bytes = 16;
constexpr unsigned char last_record_delimiter = 0x02;

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using Group = std::unique_ptr<EC_GROUP, Deleter<EC_GROUP, EC_GROUP_free>>;
using Point = std::unique_ptr<EC_POINT, Deleter<EC_POINT, EC_POINT_free>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ParamBuild = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using Kdf = std::unique_ptr<EVP_KDF, Deleter<EVP_KDF, EVP_KDF_free>>;
using KdfCtx = std::unique_ptr<EVP_KDF_CTX, Deleter<EVP_KDF_CTX, EVP_KDF_CTX_free>>;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using Signature = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;

unsigned char* u8(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }
const unsigned char* u8(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

Error crypto_failure(std::string_view what) {
  return {ErrorCode::internal, "Web Push cryptography failed: " + std::string(what)};
}

Group p256() { return Group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1)); }

// An EVP key of P-256 from its public point and, when given, its private scalar.
Result<Pkey> pkey_of(std::string_view public_key, std::string_view private_key) {
  ParamBuild build(OSSL_PARAM_BLD_new());
  Bignum scalar(private_key.empty()
                    ? nullptr
                    : BN_bin2bn(u8(private_key), static_cast<int>(private_key.size()), nullptr));
  if (!build ||
      OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, public_key.data(),
                                       public_key.size()) != 1 ||
      (scalar && OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar.get()) != 1))
    return std::unexpected(crypto_failure("key parameters"));
  Params params(OSSL_PARAM_BLD_to_param(build.get()));
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, scalar ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                        params.get()) != 1)
    return fail(ErrorCode::validation_failed, "not a P-256 key");
  return Pkey(raw);
}

Result<std::string> ecdh(const KeyPair& own, std::string_view peer_public_key) {
  RF_TRY(mine, pkey_of(own.public_key, own.private_key));
  RF_TRY(peer, pkey_of(peer_public_key, ""));
  PkeyCtx ctx(EVP_PKEY_CTX_new(mine->get(), nullptr));
  std::size_t size = 0;
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
      EVP_PKEY_derive_set_peer(ctx.get(), peer->get()) != 1 ||
      EVP_PKEY_derive(ctx.get(), nullptr, &size) != 1)
    return std::unexpected(crypto_failure("ECDH"));
  std::string secret(size, '\0');
  if (EVP_PKEY_derive(ctx.get(), u8(secret), &size) != 1)
    return std::unexpected(crypto_failure("ECDH"));
  secret.resize(size);
  return secret;
}

// HKDF-SHA-256, extract then expand to `length` bytes.
Result<std::string> hkdf(std::string_view salt, std::string_view ikm, std::string_view info,
                         std::size_t length) {
  Kdf kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
  KdfCtx ctx(kdf ? EVP_KDF_CTX_new(kdf.get()) : nullptr);
  std::string digest = "SHA256";
  std::string salt_copy(salt);
  std::string ikm_copy(ikm);
  std::string info_copy(info);
  const std::array params{
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest.data(), 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt_copy.data(), salt_copy.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, ikm_copy.data(), ikm_copy.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info_copy.data(), info_copy.size()),
      OSSL_PARAM_construct_end()};
  std::string out(length, '\0');
  if (!ctx || EVP_KDF_derive(ctx.get(), u8(out), out.size(), params.data()) != 1)
    return std::unexpected(crypto_failure("HKDF"));
  return out;
}

// AES-128-GCM of one record; the tag follows the ciphertext.
Result<std::string> seal_record(std::string_view record, std::string_view key,
                                std::string_view nonce) {
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  std::string out(record.size() + tag_bytes, '\0');
  int length = 0;
  int final_length = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_gcm(), nullptr, u8(key), u8(nonce)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), u8(out), &length, u8(record), static_cast<int>(record.size())) !=
          1 ||
      EVP_EncryptFinal_ex(ctx.get(), u8(out) + length, &final_length) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(tag_bytes),
                          u8(out) + record.size()) != 1)
    return std::unexpected(crypto_failure("AES-128-GCM"));
  return out;
}

std::string big_endian(std::uint32_t n) {
  return {static_cast<char>((n >> 24) & 0xFF), static_cast<char>((n >> 16) & 0xFF),
          static_cast<char>((n >> 8) & 0xFF), static_cast<char>(n & 0xFF)};
}

// ECDSA's DER signature as JWS wants it: r and s, 32 bytes each.
Result<std::string> jws_signature(std::string_view der) {
  const auto* p = u8(der);
  Signature sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) return std::unexpected(crypto_failure("ECDSA signature"));
  std::string out(2 * private_key_bytes, '\0');
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), u8(out), private_key_bytes) < 0 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), u8(out) + private_key_bytes, private_key_bytes) < 0)
    return std::unexpected(crypto_failure("ECDSA signature"));
  return out;
}

}  // namespace

std::string base64url(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(alphabet[(buffer >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(alphabet[(buffer << (6 - bits)) & 0x3F]);
  return out;
}

std::optional<std::string> from_base64url(std::string_view text) {
  while (text.ends_with('=')) text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const auto value = alphabet.find(c);
    if (value == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

Result<KeyPair> generate_key_pair() {
  std::string scalar(private_key_bytes, '\0');
  // A uniformly random scalar below the group order is a private key; retry the rare one that
  // is not (zero or too large).
  for (int attempt = 0; attempt < 8; ++attempt) {
    if (RAND_priv_bytes(u8(scalar), static_cast<int>(scalar.size())) != 1)
      return std::unexpected(crypto_failure("random bytes"));
    if (auto pair = key_pair_of(scalar); pair) return pair;
  }
  return std::unexpected(crypto_failure("key generation"));
}

Result<KeyPair> key_pair_of(std::string_view private_key) {
  const auto group = p256();
  Bignum scalar(BN_bin2bn(u8(private_key), static_cast<int>(private_key.size()), nullptr));
  Bignum order(BN_new());
  if (!group || !scalar || !order || EC_GROUP_get_order(group.get(), order.get(), nullptr) != 1)
    return std::unexpected(crypto_failure("P-256"));
  if (private_key.size() != private_key_bytes || BN_is_zero(scalar.get()) ||
      BN_cmp(scalar.get(), order.get()) >= 0)
    return fail(ErrorCode::validation_failed, "not a P-256 private key");
  Point point(EC_POINT_new(group.get()));
  std::string public_key(public_key_bytes, '\0');
  if (!point ||
      EC_POINT_mul(group.get(), point.get(), scalar.get(), nullptr, nullptr, nullptr) != 1 ||
      EC_POINT_point2oct(group.get(), point.get(), POINT_CONVERSION_UNCOMPRESSED, u8(public_key),
                         public_key.size(), nullptr) != public_key_bytes)
    return std::unexpected(crypto_failure("public key"));
  return KeyPair{std::string(private_key), std::move(public_key)};
}

bool valid_public_key(std::string_view public_key) {
  if (public_key.size() != public_key_bytes || public_key.front() != 0x04) return false;
  const auto group = p256();
  Point point(group ? EC_POINT_new(group.get()) : nullptr);
  return point &&
         EC_POINT_oct2point(group.get(), point.get(), u8(public_key), public_key.size(), nullptr) ==
             1 &&
         EC_POINT_is_on_curve(group.get(), point.get(), nullptr) == 1;
}

Result<std::string> encrypt(std::string_view plaintext, std::string_view ua_public_key,
                            std::string_view auth_secret) {
  RF_TRY(sender, generate_key_pair());
  std::string salt(salt_bytes, '\0');
  if (RAND_bytes(u8(salt), static_cast<int>(salt.size())) != 1)
    return std::unexpected(crypto_failure("random bytes"));
  return encrypt_with(plaintext, ua_public_key, auth_secret, *sender, salt);
}

Result<std::string> encrypt_with(std::string_view plaintext, std::string_view ua_public_key,
                                 std::string_view auth_secret, const KeyPair& sender,
                                 std::string_view salt) {
  if (plaintext.size() > plaintext_bytes_max)
    return fail(ErrorCode::payload_too_large, "a push message holds at most 3993 bytes");
  if (!valid_public_key(ua_public_key) || auth_secret.size() != auth_secret_bytes)
    return fail(ErrorCode::validation_failed, "the subscription's keys are not usable");
  RF_TRY(shared, ecdh(sender, ua_public_key));
  // RFC 8291 §3.4: the input keying material mixes the auth secret and both public keys in.
  std::string key_info = "WebPush: info";
  key_info.push_back('\0');
  key_info.append(ua_public_key).append(sender.public_key);
  RF_TRY(ikm, hkdf(auth_secret, *shared, key_info, 32));
  RF_TRY(cek, hkdf(salt, *ikm, std::string_view("Content-Encoding: aes128gcm\0", 28), key_bytes));
  RF_TRY(nonce, hkdf(salt, *ikm, std::string_view("Content-Encoding: nonce\0", 24), nonce_bytes));
  std::string record(plaintext);
  record.push_back(static_cast<char>(last_record_delimiter));
  RF_TRY(sealed, seal_record(record, *cek, *nonce));
  std::string body(salt);
  body += big_endian(record_size_bytes);
  body.push_back(static_cast<char>(sender.public_key.size()));
  body += sender.public_key;
  body += *sealed;
  return body;
}

std::string origin_of(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return {};
  const auto host_start = scheme_end + 3;
  const auto host_end = url.find_first_of("/?#", host_start);
  const auto authority = url.substr(host_start, host_end - host_start);
  if (authority.empty()) return {};
  return std::string(url.substr(0, host_start)) + std::string(authority);
}

Result<std::string> vapid_token(const KeyPair& keys, std::string_view audience,
                                std::int64_t expires_at_s, std::string_view subject) {
  RF_TRY(pkey, pkey_of(keys.public_key, keys.private_key));
  const auto claims = json::serialize(
      boost::json::object{{"aud", audience}, {"exp", expires_at_s}, {"sub", subject}});
  const std::string input = base64url(R"({"typ":"JWT","alg":"ES256"})") + "." + base64url(claims);
  MdCtx ctx(EVP_MD_CTX_new());
  std::size_t size = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey->get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, u8(input), input.size()) != 1)
    return std::unexpected(crypto_failure("ES256"));
  std::string der(size, '\0');
  if (EVP_DigestSign(ctx.get(), u8(der), &size, u8(input), input.size()) != 1)
    return std::unexpected(crypto_failure("ES256"));
  der.resize(size);
  RF_TRY(signature, jws_signature(der));
  return input + "." + base64url(*signature);
}

std::string vapid_authorization(std::string_view token, const KeyPair& keys) {
  return "vapid t=" + std::string(token) + ", k=" + base64url(keys.public_key);
}

}  // namespace reskflow::notifications::web_push
