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
// The same with the merchant as the caller already read it (Catalog::merchant's answer), so a
// request that read it to validate a line does not read it again.
Result<PricedCart> price_cart(const CartState& state,
                              const Result<catalog::MerchantSummary>& merchant,
                              catalog::Catalog& catalog, std::int64_t at_us);

// What a refusal of Catalog::price_line means for a line already in a cart, in plain words.
std::string line_problem(const Error& refusal);

}  // namespace reskflow::carts
