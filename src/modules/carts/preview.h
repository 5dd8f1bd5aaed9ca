// The price preview: a stored cart re-priced line by line through the catalog at one instant,
// with per-participant shares and plain-words problems for lines that cannot be ordered now.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "repository.h"
#include "reskflow/carts/carts.h"
#include "reskflow/catalog/catalog.h"

namespace reskflow::carts {

// Fails only when the catalog itself fails (storage); a missing merchant or item, or an item
// that cannot be ordered now, is a line problem, not an error.
Result<PricedCart> price_cart(const CartState& state, catalog::Catalog& catalog,
                              std::int64_t at_us);

// What a refusal of Catalog::price_line means for a line already in a cart, in plain words.
std::string line_problem(const Error& refusal);

// "11.50 EUR" (the currency's minor-unit exponent: 0 for JPY, 3 for KWD, 2 for most).
std::string money_text(std::int64_t amount_minor, std::string_view currency);

}  // namespace reskflow::carts
