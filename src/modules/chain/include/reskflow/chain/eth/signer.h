// The anchor account's key (secp256k1 through libsecp256k1) and EIP-1559 transactions signed
// with it: the key is read from a file, kept in memory only here and never printed.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "reskflow/chain/eth/bytes.h"
#include "reskflow/core/errors.h"

namespace reskflow::chain::eth {

// A recoverable ECDSA signature: r, s (low s) and the recovery id (EIP-1559's y parity).
struct Signature {
  Word r{};
  Word s{};
  std::uint8_t y_parity = 0;
};

// An EIP-1559 (type 2) transaction without access list entries. `to` empty creates a contract.
struct Eip1559Transaction {
  std::uint64_t chain_id = 0;
  std::uint64_t nonce = 0;
  std::uint64_t max_priority_fee_per_gas = 0;  // wei
  std::uint64_t max_fee_per_gas = 0;           // wei
  std::uint64_t gas_limit = 0;
  std::optional<Address> to;
  std::uint64_t value = 0;  // wei
  Bytes data;
};

// What is signed: keccak256(0x02 || rlp([chain_id, nonce, ..., data, access_list])).
Word signing_hash(const Eip1559Transaction& tx);
// 0x02 || rlp([..., access_list, y_parity, r, s]): what eth_sendRawTransaction takes.
Bytes encode_signed(const Eip1559Transaction& tx, const Signature& signature);

// A 32-byte secret from a file of 64 hex digits (a "0x" and surrounding whitespace allowed),
// refused when group or others may read the file. `what` names the file in errors ("anchor key"),
// which never contain its contents. The caller wipes the secret once used.
Result<Word> read_key_file(const std::string& path, std::string_view what);

class Signer {
 public:
  // validation_failed for a key that is not a valid secp256k1 secret.
  static Result<Signer> from_secret(const Word& secret);
  // The file holds the key as 64 hex digits (a "0x" and surrounding whitespace allowed). Refused
  // when group or others may read it. The error never contains the file's contents.
  static Result<Signer> from_key_file(const std::string& path);

  Signer(Signer&&) noexcept;
  Signer& operator=(Signer&&) noexcept;
  Signer(const Signer&) = delete;
  Signer& operator=(const Signer&) = delete;
  ~Signer();

  const Address& address() const { return address_; }
  // Deterministic (RFC 6979) recoverable signature of a 32-byte hash.
  Signature sign(const Word& hash) const;
  // The signed transaction, ready to send, and its hash.
  struct Signed {
    Bytes raw;
    Word hash{};
  };
  Signed sign_transaction(const Eip1559Transaction& tx) const;

 private:
  struct Key;
  Signer(std::unique_ptr<Key> key, const Address& address);
  std::unique_ptr<Key> key_;
  Address address_{};
};

// The address that signed `hash`; nullopt for an invalid signature.
std::optional<Address> recover_address(const Word& hash, const Signature& signature);

}  // namespace reskflow::chain::eth
