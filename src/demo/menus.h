// Builds one merchant's whole-menu document (the PUT /v1/merchants/{merchant_id}/menu body)
// from its cuisine's dish pool.
#pragma once

#include <boost/json/object.hpp>

#include "content.h"
#include "rng.h"

namespace reskflow::demo {

inline constexpr std::int64_t regular_menu_items_min = 12;
inline constexpr std::int64_t regular_menu_items_max = 25;
inline constexpr std::int64_t large_menu_items_target = 60;

struct MenuPlan {
  const Cuisine* cuisine = nullptr;
  MenuSize size = MenuSize::regular;
  std::int64_t price_level = 2;  // scales prices: cheaper at 1, dearer at 3 and 4
  bool licensed = false;         // sells the age-restricted drinks
  bool one_sold_out = false;     // one item is marked sold out
  // certified_dietary(): "kosher" tags the vegetarian dishes (a dairy kitchen serves no meat),
  // "nut_free" the dishes without nuts or peanuts among their allergens; drinks keep theirs.
  std::string_view certified;
};

// Regular menus: 12-25 items in 3-6 categories, drinks last; a "Breakfast" category is
// available 07:00-11:00. Large menus list every dish, one item per protein for dishes with a
// protein choice (about large_menu_items_target items).
boost::json::object menu_document(const MenuPlan& plan, Rng& rng);

}  // namespace reskflow::demo
