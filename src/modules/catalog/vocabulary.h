// The fixed word lists merchant and menu documents are validated against: cuisines, dietary
// tags, allergens, currencies and weekdays (docs/commerce.md lists the same).
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace reskflow::catalog {

std::span<const std::string_view> cuisines();
std::span<const std::string_view> dietary_tags();
// The EU's 14 allergens (Regulation 1169/2011, Annex II).
std::span<const std::string_view> allergens();
// Active ISO 4217 codes.
bool known_currency(std::string_view code);

bool contains(std::span<const std::string_view> list, std::string_view word);

// "mon" .. "sun" <-> 0 .. 6.
std::optional<int> weekday_of(std::string_view name);
std::string_view weekday_name(int day);

}  // namespace reskflow::catalog
