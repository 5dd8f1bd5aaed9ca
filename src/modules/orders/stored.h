// The JSON text the orders tables keep for documents read and written whole: the price
// breakdown, the delivery details and a line's options. Written by this module only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "order.h"

namespace reskflow::orders::stored {

std::string price_text(const PriceBreakdown& price);
PriceBreakdown price_of(std::string_view text, const std::string& currency);
std::string delivery_text(const Delivery& delivery);
Delivery delivery_of(std::string_view text);
std::string names_text(const std::vector<std::string>& names);
std::vector<std::string> names_of(std::string_view text);

}  // namespace reskflow::orders::stored
