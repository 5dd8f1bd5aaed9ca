// Token units: decimal text, ABI words and money.
#include "crypto_units.h"

#include <algorithm>
#include <limits>

namespace reskflow::payments::crypto {
namespace {

constexpr std::size_t units_digits_max = 39;  // 2^128 - 1 has 39 digits

std::optional<Units> power_of_ten(int exponent) {
  if (exponent < 0 || exponent >= static_cast<int>(units_digits_max)) return std::nullopt;
  Units out = 1;
  for (int i = 0; i < exponent; ++i) out *= 10;
  return out;
}

}  // namespace

std::string units_text(Units units) {
  if (units == 0) return "0";
  std::string out;
  while (units > 0) {
    out.push_back(static_cast<char>('0' + static_cast<int>(units % 10)));
    units /= 10;
  }
  std::ranges::reverse(out);
  return out;
}

std::optional<Units> parse_units(std::string_view text) {
  if (text.empty() || text.size() > units_digits_max) return std::nullopt;
  Units out = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto digit = static_cast<Units>(c - '0');
    if (out > (std::numeric_limits<Units>::max() - digit) / 10) return std::nullopt;
    out = out * 10 + digit;
  }
  return out;
}

std::optional<Units> units_from_word(const chain::eth::Word& word) {
  if (std::any_of(word.begin(), word.begin() + 16, [](std::uint8_t b) { return b != 0; }))
    return std::nullopt;
  Units out = 0;
  for (std::size_t i = 16; i < word.size(); ++i) out = (out << 8) | word[i];
  return out;
}

chain::eth::Word units_word(Units units) {
  chain::eth::Word out{};
  for (std::size_t i = out.size(); i-- > 16;) {
    out[i] = static_cast<std::uint8_t>(units & 0xFF);
    units >>= 8;
  }
  return out;
}

std::optional<Units> units_of(const modules::Money& money, int decimals) {
  if (money.amount_minor < 0) return std::nullopt;
  const auto scale = power_of_ten(decimals - modules::minor_exponent(money.currency));
  if (!scale) return std::nullopt;
  const auto minor = static_cast<Units>(money.amount_minor);
  // int64 minor units times at most 10^36 would overflow: refuse instead of wrapping.
  if (minor != 0 && *scale > std::numeric_limits<Units>::max() / minor) return std::nullopt;
  return minor * *scale;
}

std::optional<std::int64_t> minor_of(Units units, std::string_view currency, int decimals) {
  const auto scale = power_of_ten(decimals - modules::minor_exponent(currency));
  if (!scale) return std::nullopt;
  const auto minor = units / *scale;
  if (minor > static_cast<Units>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
  return static_cast<std::int64_t>(minor);
}

}  // namespace reskflow::payments::crypto
