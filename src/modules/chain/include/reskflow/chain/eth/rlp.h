// Recursive Length Prefix encoding (Ethereum yellow paper, appendix B): what transactions are
// serialised with before they are signed and sent.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "reskflow/chain/eth/bytes.h"

namespace reskflow::chain::eth::rlp {

// One byte string, its prefix included.
Bytes encode_bytes(std::span<const std::uint8_t> bytes);
// An unsigned integer: its minimal big-endian bytes (0 is the empty string).
Bytes encode_uint(std::uint64_t value);
// A list of already-encoded items.
Bytes encode_list(const std::vector<Bytes>& items);

}  // namespace reskflow::chain::eth::rlp
