// libsecp256k1 signing and recovery, EIP-1559 serialisation, and the key file.
#include "reskflow/chain/eth/signer.h"

#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>

#include <openssl/crypto.h>

#include "reskflow/chain/eth/rlp.h"

namespace reskflow::chain::eth {
namespace {

// One context for the process: a libsecp256k1 context is safe to share between threads once
// created.
const secp256k1_context* context() {
  static secp256k1_context* const ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  return ctx;
}

Address address_of(const secp256k1_pubkey& pubkey) {
  std::array<std::uint8_t, 65> serialised{};
  std::size_t length = serialised.size();
  secp256k1_ec_pubkey_serialize(context(), serialised.data(), &length, &pubkey,
                                SECP256K1_EC_UNCOMPRESSED);
  const auto hash = keccak256(std::span(serialised).subspan(1));
  Address address{};
  std::copy(hash.begin() + 12, hash.end(), address.begin());
  return address;
}

std::vector<Bytes> unsigned_fields(const Eip1559Transaction& tx) {
  const Bytes to = tx.to ? Bytes(tx.to->begin(), tx.to->end()) : Bytes{};
  return {rlp::encode_uint(tx.chain_id),
          rlp::encode_uint(tx.nonce),
          rlp::encode_uint(tx.max_priority_fee_per_gas),
          rlp::encode_uint(tx.max_fee_per_gas),
          rlp::encode_uint(tx.gas_limit),
          rlp::encode_bytes(to),
          rlp::encode_uint(tx.value),
          rlp::encode_bytes(tx.data),
          rlp::encode_list({})};
}

Bytes typed(const Bytes& payload) {
  Bytes out(payload.size() + 1);
  out.front() = 0x02;
  std::ranges::copy(payload, std::next(out.begin()));
  return out;
}

// r and s are integers in RLP: no leading zero bytes.
Bytes trimmed(const Word& word) {
  const auto* first = std::find_if(word.begin(), word.end(), [](std::uint8_t b) { return b != 0; });
  return {first, word.end()};
}

}  // namespace

struct Signer::Key {
  Word secret{};
  ~Key() { OPENSSL_cleanse(secret.data(), secret.size()); }
};

Word signing_hash(const Eip1559Transaction& tx) {
  return keccak256(typed(rlp::encode_list(unsigned_fields(tx))));
}

Bytes encode_signed(const Eip1559Transaction& tx, const Signature& signature) {
  auto fields = unsigned_fields(tx);
  fields.push_back(rlp::encode_uint(signature.y_parity));
  fields.push_back(rlp::encode_bytes(trimmed(signature.r)));
  fields.push_back(rlp::encode_bytes(trimmed(signature.s)));
  return typed(rlp::encode_list(fields));
}

Signer::Signer(std::unique_ptr<Key> key, const Address& address)
    : key_(std::move(key)), address_(address) {}
Signer::Signer(Signer&&) noexcept = default;
Signer& Signer::operator=(Signer&&) noexcept = default;
Signer::~Signer() = default;

Result<Signer> Signer::from_secret(const Word& secret) {
  auto key = std::make_unique<Key>();
  key->secret = secret;
  secp256k1_pubkey pubkey;
  if (secp256k1_ec_pubkey_create(context(), &pubkey, key->secret.data()) != 1)
    return fail(ErrorCode::validation_failed, "the anchor key is not a valid secp256k1 key");
  const auto address = address_of(pubkey);
  return Signer(std::move(key), address);
}

Result<Word> read_key_file(const std::string& path, std::string_view what) {
  const std::string name(what);
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0)
    return fail(ErrorCode::validation_failed, "the " + name + " file " + path + " cannot be read");
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    return fail(ErrorCode::validation_failed,
                "the " + name + " file " + path + " may be read by others: chmod 600 it");
  std::ifstream in(path);
  std::string hex{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::erase_if(hex, [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
  auto secret = word_from_hex(hex);
  OPENSSL_cleanse(hex.data(), hex.size());
  if (!secret)
    return fail(ErrorCode::validation_failed,
                "the " + name + " file " + path + " does not hold a 32-byte hex key");
  return *secret;
}

Result<Signer> Signer::from_key_file(const std::string& path) {
  auto secret = read_key_file(path, "anchor key");
  if (!secret) return std::unexpected(secret.error());
  auto signer = from_secret(*secret);
  OPENSSL_cleanse(secret->data(), secret->size());
  return signer;
}

Signature Signer::sign(const Word& hash) const {
  secp256k1_ecdsa_recoverable_signature sig;
  secp256k1_ecdsa_sign_recoverable(context(), &sig, hash.data(), key_->secret.data(), nullptr,
                                   nullptr);
  std::array<std::uint8_t, 64> compact{};
  int recovery_id = 0;
  secp256k1_ecdsa_recoverable_signature_serialize_compact(context(), compact.data(), &recovery_id,
                                                          &sig);
  Signature out;
  std::copy_n(compact.begin(), 32, out.r.begin());
  std::copy_n(compact.begin() + 32, 32, out.s.begin());
  out.y_parity = static_cast<std::uint8_t>(recovery_id);
  return out;
}

Signer::Signed Signer::sign_transaction(const Eip1559Transaction& tx) const {
  Signed out;
  out.raw = encode_signed(tx, sign(signing_hash(tx)));
  out.hash = keccak256(out.raw);
  return out;
}

std::optional<Address> recover_address(const Word& hash, const Signature& signature) {
  std::array<std::uint8_t, 64> compact{};
  std::copy(signature.r.begin(), signature.r.end(), compact.begin());
  std::copy(signature.s.begin(), signature.s.end(), compact.begin() + 32);
  secp256k1_ecdsa_recoverable_signature sig;
  if (signature.y_parity > 1 || secp256k1_ecdsa_recoverable_signature_parse_compact(
                                    context(), &sig, compact.data(), signature.y_parity) != 1)
    return std::nullopt;
  secp256k1_pubkey pubkey;
  if (secp256k1_ecdsa_recover(context(), &pubkey, &sig, hash.data()) != 1) return std::nullopt;
  return address_of(pubkey);
}

}  // namespace reskflow::chain::eth
