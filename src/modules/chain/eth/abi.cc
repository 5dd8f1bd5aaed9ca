// ABI heads and tails: static values in place, a bytes32[] as an offset in the head and its length
// and elements in the tail.
#include "reskflow/chain/eth/abi.h"

#include <algorithm>

namespace reskflow::chain::eth::abi {
namespace {

void append(Bytes& out, const Word& word) { out.insert(out.end(), word.begin(), word.end()); }

Word address_word(const Address& address) {
  Word word{};
  std::copy(address.begin(), address.end(), word.begin() + 12);
  return word;
}

}  // namespace

Word uint_word(std::uint64_t value) {
  Word word{};
  for (std::size_t i = 0; i < 8; ++i) word[31 - i] = static_cast<std::uint8_t>(value >> (8 * i));
  return word;
}

Selector selector(std::string_view signature) {
  const auto hash = keccak256(signature);
  return {hash[0], hash[1], hash[2], hash[3]};
}

Bytes encode_arguments(const std::vector<Value>& arguments) {
  Bytes head;
  Bytes tail;
  const std::size_t head_bytes = arguments.size() * 32;
  for (const auto& argument : arguments) {
    if (const auto* n = std::get_if<std::uint64_t>(&argument)) {
      append(head, uint_word(*n));
    } else if (const auto* w = std::get_if<Word>(&argument)) {
      append(head, *w);
    } else if (const auto* a = std::get_if<Address>(&argument)) {
      append(head, address_word(*a));
    } else {
      const auto& words = std::get<std::vector<Word>>(argument);
      append(head, uint_word(head_bytes + tail.size()));
      append(tail, uint_word(words.size()));
      for (const auto& w2 : words) append(tail, w2);
    }
  }
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

Bytes encode_call(const Selector& selector, const std::vector<Value>& arguments) {
  Bytes out(selector.begin(), selector.end());
  const auto encoded = encode_arguments(arguments);
  out.insert(out.end(), encoded.begin(), encoded.end());
  return out;
}

std::optional<std::vector<Word>> decode_words(std::span<const std::uint8_t> data) {
  if (data.size() % 32 != 0) return std::nullopt;
  std::vector<Word> words(data.size() / 32);
  for (std::size_t i = 0; i < words.size(); ++i)
    std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(i * 32), 32, words[i].begin());
  return words;
}

std::optional<std::string> decode_string(std::span<const std::uint8_t> data,
                                         std::size_t bytes_max) {
  const auto words = decode_words(data);
  if (!words || words->size() < 2) return std::nullopt;
  const auto offset = word_to_uint((*words)[0]);
  if (!offset || *offset % 32 != 0 || *offset / 32 >= words->size()) return std::nullopt;
  const auto length = word_to_uint((*words)[*offset / 32]);
  const auto start = *offset + 32;
  if (!length || *length > bytes_max || *length > data.size() - start) return std::nullopt;
  const auto* first = data.data() + start;
  return std::string(first, first + *length);
}

std::optional<std::uint64_t> word_to_uint(const Word& word) {
  if (!std::all_of(word.begin(), word.begin() + 24, [](std::uint8_t b) { return b == 0; }))
    return std::nullopt;
  std::uint64_t value = 0;
  for (std::size_t i = 24; i < 32; ++i) value = (value << 8U) | word[i];
  return value;
}

std::optional<bool> word_to_bool(const Word& word) {
  const auto value = word_to_uint(word);
  if (!value || *value > 1) return std::nullopt;
  return *value == 1;
}

}  // namespace reskflow::chain::eth::abi
