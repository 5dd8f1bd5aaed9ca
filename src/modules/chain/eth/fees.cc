// EIP-1559 fees under a cap: a new transaction's offer, and a replacement's (fees.h).
#include "reskflow/chain/eth/fees.h"

#include <algorithm>

namespace reskflow::chain::eth {
namespace {

std::uint64_t bumped(std::uint64_t fee, std::int64_t percent) {
  return fee + fee * static_cast<std::uint64_t>(percent) / 100 + 1;
}

}  // namespace

std::optional<Fees> first_fees(const FeeMarket& market, std::uint64_t cap_wei) {
  const auto priority = std::min(market.priority_fee, cap_wei);
  const auto max_fee = std::min(2 * market.next_base_fee + priority, cap_wei);
  if (max_fee < market.next_base_fee + priority) return std::nullopt;
  return Fees{max_fee, priority};
}

std::optional<Fees> replacement_fees(const Fees& last, const FeeMarket& market,
                                     std::int64_t bump_percent, std::uint64_t cap_wei) {
  const auto priority = std::min(
      std::max(bumped(last.max_priority_fee_per_gas, bump_percent), market.priority_fee), cap_wei);
  const auto max_fee = std::min(
      std::max(bumped(last.max_fee_per_gas, bump_percent), 2 * market.next_base_fee + priority),
      cap_wei);
  if (max_fee <= last.max_fee_per_gas) return std::nullopt;
  return Fees{max_fee, priority};
}

}  // namespace reskflow::chain::eth
