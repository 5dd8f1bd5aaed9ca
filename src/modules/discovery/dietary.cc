// The dietary rule of listings (dietary.h): dishes per tag against the number of dishes.
#include "dietary.h"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

#include "text.h"

namespace reskflow::discovery {
namespace {

// Folded words that, ending a category's name, make it one of drinks.
constexpr auto drink_words = std::to_array<std::string_view>(
    {"beer",      "beers",      "beverage", "beverages", "cocktail", "cocktails", "coffee",
     "coffees",   "drink",      "drinks",   "getranke",  "juice",    "juices",    "lemonade",
     "lemonades", "milkshakes", "shake",    "shakes",    "smoothie", "smoothies", "soda",
     "sodas",     "tea",        "teas",     "wine",      "wines"});

// What a dish's tag implies: a vegan dish has neither meat nor dairy.
std::vector<std::string> implied_tags(const std::vector<std::string>& dietary) {
  std::vector<std::string> out = dietary;
  if (std::find(out.begin(), out.end(), "vegan") != out.end()) {
    out.emplace_back("vegetarian");
    out.emplace_back("dairy_free");
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

bool is_drink(const MenuItemRecord& item) {
  const auto words = words_of(item.category);
  return !words.empty() &&
         std::find(drink_words.begin(), drink_words.end(), words.back()) != drink_words.end();
}

std::vector<std::string> earned_dietary(const std::vector<MenuItemRecord>& items) {
  std::size_t dishes = 0;
  std::map<std::string, std::size_t> carrying;
  for (const auto& item : items) {
    if (is_drink(item)) continue;
    ++dishes;
    for (const auto& tag : implied_tags(item.dietary)) ++carrying[tag];
  }
  std::vector<std::string> out;
  for (const auto& [tag, n] : carrying) {
    if (n >= dietary_dishes_min && n * dietary_dishes_share_one_in >= dishes) out.push_back(tag);
  }
  return out;
}

}  // namespace reskflow::discovery
