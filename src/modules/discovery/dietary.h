// The dietary rule of listings: which dietary tags a merchant's menu earns, so that a filter
// such as "vegan" means a real choice of dishes there (docs/commerce.md, "Dietary filters").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model.h"

namespace reskflow::discovery {

// A merchant earns a tag when at least dietary_dishes_min of its dishes carry it and at least
// one dish in dietary_dishes_share_one_in does. Drinks do not count: a vegan cola does not
// make a steakhouse vegan.
inline constexpr std::size_t dietary_dishes_min = 3;
inline constexpr std::size_t dietary_dishes_share_one_in = 3;

// True when the item's category is one of drinks ("Drinks", "Cold drinks", "Coffee",
// "Shakes", "Wine & beer", "Getränke", ...): its last word names a kind of drink.
bool is_drink(const MenuItemRecord& item);

// The tags the menu earns, sorted. A vegan dish counts as vegetarian and dairy free too.
std::vector<std::string> earned_dietary(const std::vector<MenuItemRecord>& items);

}  // namespace reskflow::discovery
