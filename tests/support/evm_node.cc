// The local EVM node of the tests and the transactions they send to it.
#include "reskflow/testing/evm_node.h"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace reskflow::testing {
namespace {

namespace eth = chain::eth;

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 256> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) out += buffer.data();
  ::pclose(pipe);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace

EvmNode::EvmNode(std::string_view name)
    : dir_(std::filesystem::temp_directory_path() /
           (std::string(name) + "-" + std::to_string(::getpid()))) {
  std::filesystem::remove_all(dir_);
  url_ = run("scripts/ganache.sh start " + dir_.string() + " " + std::string(evm_funded_key));
  rpc_ = std::make_unique<eth::RpcClient>(url_.empty() ? "http://127.0.0.1:1" : url_,
                                          std::chrono::seconds(30));
}

EvmNode::~EvmNode() {
  run("scripts/ganache.sh stop " + dir_.string() + " 2>/dev/null");
  std::filesystem::remove_all(dir_);
}

std::optional<eth::Receipt> EvmNode::send(const eth::Signer& from,
                                          const std::optional<eth::Address>& to,
                                          const eth::Bytes& data, std::uint64_t value) {
  const auto nonce = rpc_->transaction_count(from.address(), "pending");
  if (!nonce) return std::nullopt;
  eth::Eip1559Transaction tx;
  tx.chain_id = evm_chain_id;
  tx.nonce = *nonce;
  tx.max_priority_fee_per_gas = 1'000'000'000;
  tx.max_fee_per_gas = 10'000'000'000;
  tx.gas_limit = to ? 200'000 : 2'000'000;
  tx.to = to;
  tx.value = value;
  tx.data = data;
  const auto sent = from.sign_transaction(tx);
  if (!rpc_->send_raw_transaction(sent.raw)) return std::nullopt;
  auto receipt = rpc_->receipt(sent.hash);
  if (!receipt || !*receipt || !(*receipt)->succeeded) return std::nullopt;
  return *receipt;
}

bool EvmNode::mine(int blocks) {
  for (int i = 0; i < blocks; ++i) {
    if (!rpc_->call("evm_mine", {})) return false;
  }
  return true;
}

eth::Bytes contract_bytecode(const std::filesystem::path& bin) {
  std::ifstream in(bin);
  std::stringstream text;
  text << in.rdbuf();
  return eth::from_hex(text.str()).value_or(eth::Bytes{});
}

}  // namespace reskflow::testing
