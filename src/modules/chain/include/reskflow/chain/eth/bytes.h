// Byte strings, 32-byte words and hex for the Ethereum encodings: what every part of eth/ shares.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace reskflow::chain::eth {

using Bytes = std::vector<std::uint8_t>;
using Word = std::array<std::uint8_t, 32>;  // a Keccak-256 hash, a uint256, a bytes32
using Address = std::array<std::uint8_t, 20>;

// Lowercase hex with "0x" in front.
std::string to_hex(std::span<const std::uint8_t> bytes);
// Reads hex with or without "0x"; nullopt for an odd length or a non-hex character.
std::optional<Bytes> from_hex(std::string_view hex);
// Exactly N bytes of hex; nullopt otherwise.
std::optional<Word> word_from_hex(std::string_view hex);
std::optional<Address> address_from_hex(std::string_view hex);

// Big-endian, without leading zero bytes (0 is the empty string): RLP's and JSON-RPC's integers.
Bytes minimal_big_endian(std::uint64_t value);
// The quantity JSON-RPC wants: "0x0", "0x1a".
std::string quantity_hex(std::uint64_t value);
// Reads "0x1a"; nullopt for anything else or a value over 64 bits.
std::optional<std::uint64_t> quantity_from_hex(std::string_view hex);

Word keccak256(std::span<const std::uint8_t> data);
Word keccak256(std::string_view text);

}  // namespace reskflow::chain::eth
