// A local EVM node for tests (ganache from npm, started on a free loopback port by
// scripts/ganache.sh, its chain in a temp dir) and an account that sends transactions to it,
// signed here: what the stablecoin tests share to deploy a token, fund accounts and pay.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "reskflow/chain/eth/rpc.h"
#include "reskflow/chain/eth/signer.h"

namespace reskflow::testing {

// Ganache funds this key's account with 1000 ETH (the web3.js documentation's example key; test
// chains only).
inline constexpr std::string_view evm_funded_key =
    "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
inline constexpr std::uint64_t evm_chain_id = 1337;

class EvmNode {
 public:
  // Starts the node; url() is empty when it did not start. Run from the source directory.
  explicit EvmNode(std::string_view name);
  ~EvmNode();
  EvmNode(const EvmNode&) = delete;
  EvmNode& operator=(const EvmNode&) = delete;

  const std::string& url() const { return url_; }
  chain::eth::RpcClient& rpc() { return *rpc_; }

  // Signs and sends a transaction from `from`; ganache mines it at once. The receipt, or nullopt
  // when it was refused or reverted.
  std::optional<chain::eth::Receipt> send(const chain::eth::Signer& from,
                                          const std::optional<chain::eth::Address>& to,
                                          const chain::eth::Bytes& data, std::uint64_t value = 0);
  // Mines `blocks` empty blocks.
  bool mine(int blocks);

 private:
  std::filesystem::path dir_;
  std::string url_;
  std::unique_ptr<chain::eth::RpcClient> rpc_;
};

// The contract's creation bytecode from a compiled `<name>.bin`; empty when missing.
chain::eth::Bytes contract_bytecode(const std::filesystem::path& bin);

}  // namespace reskflow::testing
