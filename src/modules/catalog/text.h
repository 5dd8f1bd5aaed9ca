// Text helpers of the catalog: URL slugs from names, case- and accent-folded search keys, and
// ISO 8601 UTC timestamps for documents.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace reskflow::catalog {

// Lower case, Latin accents folded to ASCII ("Crêperie Ça Va" -> "creperie ca va"); other
// characters are kept as they are.
std::string fold(std::string_view text);

// "Luigi's Pizzeria" -> "luigis-pizzeria": folded, ASCII letters and digits, words joined by
// '-', at most slug_chars_max characters; "merchant" when nothing is left.
inline constexpr std::size_t slug_chars_max = 60;
std::string slug_of(std::string_view name);

}  // namespace reskflow::catalog
