// RLP: a single byte under 0x80 is itself; strings and lists carry a short or long length prefix.
#include "reskflow/chain/eth/rlp.h"

namespace reskflow::chain::eth::rlp {
namespace {

// offset is 0x80 for strings and 0xc0 for lists.
Bytes prefix(std::size_t length, std::uint8_t offset) {
  if (length <= 55) return {static_cast<std::uint8_t>(offset + length)};
  const auto length_bytes = minimal_big_endian(length);
  Bytes out{static_cast<std::uint8_t>(offset + 55 + length_bytes.size())};
  out.insert(out.end(), length_bytes.begin(), length_bytes.end());
  return out;
}

}  // namespace

Bytes encode_bytes(std::span<const std::uint8_t> bytes) {
  if (bytes.size() == 1 && bytes[0] < 0x80) return {bytes[0]};
  auto out = prefix(bytes.size(), 0x80);
  out.insert(out.end(), bytes.begin(), bytes.end());
  return out;
}

Bytes encode_uint(std::uint64_t value) { return encode_bytes(minimal_big_endian(value)); }

Bytes encode_list(const std::vector<Bytes>& items) {
  std::size_t length = 0;
  for (const auto& item : items) length += item.size();
  auto out = prefix(length, 0xc0);
  for (const auto& item : items) out.insert(out.end(), item.begin(), item.end());
  return out;
}

}  // namespace reskflow::chain::eth::rlp
