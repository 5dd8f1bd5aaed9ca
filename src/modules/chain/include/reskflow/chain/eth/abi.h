// The contract ABI encoding (Solidity docs, "Contract ABI Specification") for the types the
// registry's functions take: unsigned integers, bytes32, address, bool and bytes32[].
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "reskflow/chain/eth/bytes.h"

namespace reskflow::chain::eth::abi {

using Selector = std::array<std::uint8_t, 4>;

// The first four bytes of keccak256("anchorBatch(uint64,bytes32,uint32)").
Selector selector(std::string_view signature);

// An argument: uintN (any N up to 64 here), bytes32, address or bytes32[].
using Value = std::variant<std::uint64_t, Word, Address, std::vector<Word>>;

// Call data: the selector, then the head of every argument (a dynamic one's head is the offset of
// its tail), then the tails.
Bytes encode_call(const Selector& selector, const std::vector<Value>& arguments);
// The arguments alone (constructor arguments follow the bytecode like this).
Bytes encode_arguments(const std::vector<Value>& arguments);

// The 32-byte words of a return value; nullopt when `data` is not a whole number of words.
std::optional<std::vector<Word>> decode_words(std::span<const std::uint8_t> data);
// A returned `string` (its offset word, its length word, then its bytes padded to whole words);
// nullopt when `data` is not one well-formed string of at most `bytes_max` bytes.
std::optional<std::string> decode_string(std::span<const std::uint8_t> data, std::size_t bytes_max);
// A word as a bool or a uint64; nullopt when it holds anything larger.
std::optional<bool> word_to_bool(const Word& word);
std::optional<std::uint64_t> word_to_uint(const Word& word);
Word uint_word(std::uint64_t value);

}  // namespace reskflow::chain::eth::abi
