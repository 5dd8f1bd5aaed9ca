// Token amounts in the token's smallest units (a USD stablecoin with 6 decimals counts 1.00 USD as
// 1,000,000 units): 128 bits, which hold any amount of money in any token of up to 36 decimals,
// with their decimal text (how they are stored) and their 32-byte ABI word (how the chain has
// them).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "reskflow/chain/eth/bytes.h"
#include "reskflow/modules/money.h"

namespace reskflow::payments::crypto {

// GCC's and Clang's 128-bit integer (__extension__: not ISO C++).
__extension__ typedef unsigned __int128 Units;  // NOLINT(modernize-use-using)

inline constexpr int token_decimals_max = 36;

std::string units_text(Units units);
// Decimal digits only, at most 2^128 - 1; nullopt otherwise.
std::optional<Units> parse_units(std::string_view text);
// nullopt when the word holds more than 128 bits (no token supply comes near).
std::optional<Units> units_from_word(const chain::eth::Word& word);
chain::eth::Word units_word(Units units);

// The units of `money` for a token of `decimals` decimals; nullopt for a negative amount or when
// the currency has more minor digits than the token has decimals.
std::optional<Units> units_of(const modules::Money& money, int decimals);
// Whole minor units of `units`, rounded down (a fraction of a cent is not money to us).
std::optional<std::int64_t> minor_of(Units units, std::string_view currency, int decimals);

}  // namespace reskflow::payments::crypto
