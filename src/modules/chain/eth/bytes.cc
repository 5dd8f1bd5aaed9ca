// Hex, big-endian integers and Keccak-256 (Crypto++'s Keccak_256: Ethereum's, not FIPS SHA3-256).
#include "reskflow/chain/eth/bytes.h"

#include <cryptopp/keccak.h>

namespace reskflow::chain::eth {
namespace {

int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view strip_0x(std::string_view hex) {
  if (hex.starts_with("0x") || hex.starts_with("0X")) hex.remove_prefix(2);
  return hex;
}

template <std::size_t N>
std::optional<std::array<std::uint8_t, N>> fixed_from_hex(std::string_view hex) {
  const auto bytes = from_hex(hex);
  if (!bytes || bytes->size() != N) return std::nullopt;
  std::array<std::uint8_t, N> out{};
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

}  // namespace

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out = "0x";
  out.reserve(2 + bytes.size() * 2);
  for (const auto b : bytes) {
    out.push_back(digits[b >> 4U]);
    out.push_back(digits[b & 15U]);
  }
  return out;
}

std::optional<Bytes> from_hex(std::string_view hex) {
  hex = strip_0x(hex);
  if (hex.size() % 2 != 0) return std::nullopt;
  Bytes out(hex.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = nibble(hex[2 * i]);
    const int lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return out;
}

std::optional<Word> word_from_hex(std::string_view hex) { return fixed_from_hex<32>(hex); }
std::optional<Address> address_from_hex(std::string_view hex) { return fixed_from_hex<20>(hex); }

Bytes minimal_big_endian(std::uint64_t value) {
  Bytes out;
  for (; value != 0; value >>= 8U) out.insert(out.begin(), static_cast<std::uint8_t>(value));
  return out;
}

std::string quantity_hex(std::uint64_t value) {
  if (value == 0) return "0x0";
  auto hex = to_hex(minimal_big_endian(value));
  if (hex[2] == '0') hex.erase(2, 1);
  return hex;
}

std::optional<std::uint64_t> quantity_from_hex(std::string_view hex) {
  if (!hex.starts_with("0x")) return std::nullopt;
  hex.remove_prefix(2);
  if (hex.empty() || hex.size() > 16) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : hex) {
    const int n = nibble(c);
    if (n < 0) return std::nullopt;
    value = value * 16 + static_cast<std::uint64_t>(n);
  }
  return value;
}

Word keccak256(std::span<const std::uint8_t> data) {
  CryptoPP::Keccak_256 hash;
  hash.Update(data.data(), data.size());
  Word out{};
  hash.Final(out.data());
  return out;
}

Word keccak256(std::string_view text) {
  return keccak256(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

}  // namespace reskflow::chain::eth
