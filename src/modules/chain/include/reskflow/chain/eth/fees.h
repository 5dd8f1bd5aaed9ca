// EIP-1559 fees for the transactions the server signs (anchoring, stablecoin payouts): a new
// transaction's offer from the fee market, and the replacement of one that waited too long (the
// same nonce with higher fees), both under a cap per gas.
#pragma once

#include <cstdint>
#include <optional>

#include "reskflow/chain/eth/rpc.h"

namespace reskflow::chain::eth {

struct Fees {
  std::uint64_t max_fee_per_gas = 0;           // wei
  std::uint64_t max_priority_fee_per_gas = 0;  // wei
};

// A new transaction's fees: the market's priority fee, and room for the base fee to double,
// each at most `cap_wei`; nullopt when the cap is below the next base fee plus the priority fee
// (the transaction could not be mined now: wait).
std::optional<Fees> first_fees(const FeeMarket& market, std::uint64_t cap_wei);

// The fees of a replacement for a transaction sent with `last`: each raised by `bump_percent`
// and one wei (nodes take a replacement only when both fees rise), at least what the market asks
// now, at most `cap_wei`; nullopt when the max fee cannot rise any more ("pending at the fee cap").
std::optional<Fees> replacement_fees(const Fees& last, const FeeMarket& market,
                                     std::int64_t bump_percent, std::uint64_t cap_wei);

}  // namespace reskflow::chain::eth
