// A blocking Ethereum JSON-RPC 2.0 client over HTTP(S) (libcurl), with a deadline on every call,
// and the handful of methods the anchoring uses.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "reskflow/chain/eth/bytes.h"
#include "reskflow/core/errors.h"

namespace reskflow::chain::eth {

// What a mined transaction's receipt says.
struct Receipt {
  Word transaction_hash{};
  std::uint64_t block_number = 0;
  bool succeeded = false;
  std::uint64_t gas_used = 0;
  std::uint64_t effective_gas_price = 0;  // wei
  std::optional<Address> contract_address;
};

// The fee market from eth_feeHistory: the next block's base fee and a recent priority fee.
struct FeeMarket {
  std::uint64_t next_base_fee = 0;  // wei
  std::uint64_t priority_fee = 0;   // wei: the median of the recent blocks' reward percentile
};

// Thread-safe: calls are serialised on one connection.
class RpcClient {
 public:
  // url: http:// or https://; its text never appears in errors (it may carry an API key).
  RpcClient(std::string url, std::chrono::milliseconds timeout);
  ~RpcClient();
  RpcClient(const RpcClient&) = delete;
  RpcClient& operator=(const RpcClient&) = delete;

  // The result of `method`. unavailable when the node cannot be reached or answers no JSON-RPC,
  // timeout past the deadline, conflict with the node's message for a JSON-RPC error answer.
  Result<boost::json::value> call(std::string_view method, boost::json::array params);

  Result<std::uint64_t> chain_id();
  Result<std::uint64_t> block_number();
  // "latest" or "pending".
  Result<std::uint64_t> transaction_count(const Address& account, std::string_view block);
  // The account's native balance in wei at the latest block, as a big-endian uint256.
  Result<Word> balance(const Address& account);
  Result<FeeMarket> fee_market(std::uint64_t blocks, double reward_percentile);
  Result<Word> send_raw_transaction(const Bytes& raw);
  // nullopt while the transaction is not mined (or unknown to the node).
  Result<std::optional<Receipt>> receipt(const Word& transaction_hash);
  // True when the node knows the transaction (in its pool or mined).
  Result<bool> knows_transaction(const Word& transaction_hash);
  Result<Bytes> call_contract(const Address& to, const Bytes& data);
  Result<std::uint64_t> estimate_gas(const Address& from, const std::optional<Address>& to,
                                     const Bytes& data);

 private:
  Result<std::string> post(const std::string& body);

  std::string url_;
  std::chrono::milliseconds timeout_;
  std::mutex mutex_;
  void* curl_ = nullptr;       // CURL*, guarded by mutex_
  std::uint64_t next_id_ = 1;  // guarded by mutex_
};

}  // namespace reskflow::chain::eth
