// Menu documents from dish pools: a deterministic choice of dishes per merchant, prices scaled
// by price level, the modifier groups the chosen items use, drinks, and the breakfast window.
#include "menus.h"

#include <boost/json.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "reskflow/demo/photos.h"

namespace reskflow::demo {
namespace {

constexpr std::string_view breakfast_category = "Breakfast";

// One item to put on the menu: a dish, optionally expanded with one option of its protein group.
struct Pick {
  const Dish* dish = nullptr;
  const Option* protein = nullptr;
  std::string_view protein_group;
};

std::vector<std::string_view> words(std::string_view list) {
  std::vector<std::string_view> out;
  while (!list.empty()) {
    const auto space = list.find(' ');
    if (space != 0) out.push_back(list.substr(0, space));
    if (space == std::string_view::npos) break;
    list.remove_prefix(space + 1);
  }
  return out;
}

boost::json::array word_array(const std::vector<std::string_view>& list) {
  boost::json::array out;
  for (const auto w : list) out.emplace_back(w);
  return out;
}

bool is_protein_group(std::string_view key) { return key.starts_with("protein"); }

std::string_view protein_group_of(const Dish& d) {
  for (const auto g : words(d.groups)) {
    if (is_protein_group(g)) return g;
  }
  return {};
}

std::string lowercase_first(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z')
    out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return out;
}

std::int64_t scaled_price(std::int64_t base, std::int64_t permille) {
  return (base * permille / 1000 + 5) / 10 * 10;
}

// A deterministic shuffle (Fisher-Yates on Rng).
template <class T>
void shuffle(std::vector<T>& v, Rng& rng) {
  for (std::size_t i = v.size(); i > 1; --i) {
    const auto j = static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(i) - 1));
    std::swap(v[i - 1], v[j]);
  }
}

std::vector<std::string_view> category_order(std::span<const Dish> dishes) {
  std::vector<std::string_view> out;
  for (const auto& d : dishes) {
    if (std::find(out.begin(), out.end(), d.category) == out.end()) out.push_back(d.category);
  }
  return out;
}

std::vector<const Dish*> drinks_for(const MenuPlan& plan, Rng& rng, std::size_t plain_count) {
  std::vector<const Dish*> plain;
  for (const auto& d : shared_drinks()) {
    if (!d.age_restricted) plain.push_back(&d);
  }
  shuffle(plain, rng);
  plain.resize(std::min(plain.size(), plain_count));
  std::vector<const Dish*> out(plain.begin(), plain.end());
  for (const auto& d : plan.cuisine->drinks) {
    if (!d.age_restricted || plan.licensed) out.push_back(&d);
  }
  if (plan.licensed) {
    for (const auto& d : shared_drinks()) {
      if (d.age_restricted) out.push_back(&d);
    }
  }
  return out;
}

// Regular menus: at least two dishes of each category (when it has two), then more at random
// up to the target, in the pool's order.
std::vector<Pick> regular_picks(const MenuPlan& plan, Rng& rng, std::size_t drinks) {
  const auto pool = plan.cuisine->dishes;
  const auto categories = category_order(pool);
  const auto target = static_cast<std::size_t>(rng.between(14, 24));
  std::size_t food = std::max(target > drinks ? target - drinks : 0, 2 * categories.size());
  food = std::min(food, pool.size());
  std::vector<std::size_t> chosen;
  for (const auto category : categories) {
    std::vector<std::size_t> in_category;
    for (std::size_t i = 0; i < pool.size(); ++i) {
      if (pool[i].category == category) in_category.push_back(i);
    }
    shuffle(in_category, rng);
    for (std::size_t k = 0; k < std::min<std::size_t>(2, in_category.size()); ++k)
      chosen.push_back(in_category[k]);
  }
  std::vector<std::size_t> rest;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    if (std::find(chosen.begin(), chosen.end(), i) == chosen.end()) rest.push_back(i);
  }
  shuffle(rest, rng);
  for (std::size_t k = 0; chosen.size() < food && k < rest.size(); ++k) chosen.push_back(rest[k]);
  std::sort(chosen.begin(), chosen.end());
  std::vector<Pick> out;
  for (const auto i : chosen) out.push_back({&pool[i], nullptr, {}});
  return out;
}

// Large menus: every dish; dishes with a protein choice become one item per protein, with as
// many proteins as keep the menu near the target size.
std::vector<Pick> large_picks(const MenuPlan& plan, std::size_t drinks) {
  const auto pool = plan.cuisine->dishes;
  std::size_t with_protein = 0;
  for (const auto& d : pool) {
    if (!protein_group_of(d).empty()) ++with_protein;
  }
  const auto target = static_cast<std::size_t>(large_menu_items_target);
  const auto others = pool.size() - with_protein + drinks;
  const auto room = target - std::min(others, target);
  const std::size_t per_dish =
      with_protein == 0 ? 0 : std::max<std::size_t>(1, room / with_protein);
  std::vector<Pick> out;
  for (const auto& d : pool) {
    const auto key = protein_group_of(d);
    if (key.empty()) {
      out.push_back({&d, nullptr, {}});
      continue;
    }
    const auto options = group(key)->options;
    for (std::size_t k = 0; k < std::min(per_dish, options.size()); ++k)
      out.push_back({&d, &options[k], key});
  }
  return out;
}

bool has(const std::vector<std::string_view>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// The dish's own tags and those of the kitchen's certifications that it qualifies for.
std::vector<std::string_view> dietary_of(const Dish& d, std::string_view certified,
                                         const std::vector<std::string_view>& allergens) {
  auto tags = words(d.dietary);
  if (d.category == "Drinks") return tags;
  for (const auto tag : words(certified)) {
    const bool fits = tag == "kosher"     ? has(tags, "vegetarian") || has(tags, "vegan")
                      : tag == "nut_free" ? !has(allergens, "nuts") && !has(allergens, "peanuts")
                                          : true;
    if (fits && !has(tags, tag)) tags.push_back(tag);
  }
  return tags;
}

boost::json::object item_document(const Pick& pick, const MenuPlan& plan, std::int64_t permille,
                                  std::set<std::string_view>& used_groups) {
  const auto& d = *pick.dish;
  auto allergens = words(d.allergens);
  std::vector<std::string_view> group_keys;
  for (const auto g : words(d.groups)) {
    if (pick.protein != nullptr && g == pick.protein_group) continue;
    group_keys.push_back(g);
    used_groups.insert(g);
  }
  std::string name(d.name);
  std::int64_t price = d.price_minor;
  if (pick.protein != nullptr) {
    name += " with " + lowercase_first(pick.protein->name);
    price += pick.protein->price_delta_minor;
    for (const auto a : words(pick.protein->allergens)) {
      if (std::find(allergens.begin(), allergens.end(), a) == allergens.end())
        allergens.push_back(a);
    }
  }
  boost::json::object item{{"name", name},
                           {"description", d.description},
                           {"price_minor", scaled_price(price, permille)},
                           {"photo_urls", boost::json::array{photo_url(plan.cuisine->key)}},
                           {"dietary", word_array(dietary_of(d, plan.certified, allergens))},
                           {"allergens", word_array(allergens)},
                           {"age_restricted", d.age_restricted},
                           {"calories", d.calories}};
  if (!group_keys.empty()) item["modifier_group_ids"] = word_array(group_keys);
  return item;
}

boost::json::object category_document(std::string_view name) {
  boost::json::object c{{"name", name}, {"items", boost::json::array{}}};
  if (name == breakfast_category) {
    c["description"] = "Served from 07:00 to 11:00.";
    c["availability"] =
        boost::json::array{{{"days", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}},
                            {"start", "07:00"},
                            {"end", "11:00"}}};
  }
  return c;
}

boost::json::array group_documents(const std::set<std::string_view>& used) {
  boost::json::array out;
  for (const auto& g : groups()) {
    if (!used.contains(g.key)) continue;
    boost::json::array options;
    for (const auto& o : g.options)
      options.push_back({{"name", o.name}, {"price_delta_minor", o.price_delta_minor}});
    out.push_back({{"id", g.key},
                   {"name", g.name},
                   {"min_selections", g.min_selections},
                   {"max_selections", g.max_selections},
                   {"options", std::move(options)}});
  }
  return out;
}

std::int64_t price_permille(std::int64_t level, Rng& rng) {
  const std::int64_t base = level <= 1 ? 940 : level == 2 ? 1000 : 1150;
  return base + rng.between(-30, 30);
}

}  // namespace

boost::json::object menu_document(const MenuPlan& plan, Rng& rng) {
  const bool large = plan.size == MenuSize::large;
  const auto drinks =
      drinks_for(plan, rng, large ? 3 : static_cast<std::size_t>(rng.between(3, 4)));
  auto picks = large ? large_picks(plan, drinks.size()) : regular_picks(plan, rng, drinks.size());
  for (const auto* d : drinks) picks.push_back({d, nullptr, {}});
  // Categories in the pool's order (a pool may list a category's dishes apart), drinks last.
  const auto order = category_order(plan.cuisine->dishes);
  std::vector<std::pair<std::ptrdiff_t, std::size_t>> keys;  // (category rank, position)
  for (std::size_t i = 0; i < picks.size(); ++i) {
    const auto rank = std::find(order.begin(), order.end(), picks[i].dish->category);
    keys.emplace_back(rank - order.begin(), i);
  }
  std::sort(keys.begin(), keys.end());
  std::vector<Pick> sorted;
  for (const auto& [rank, i] : keys) sorted.push_back(picks[i]);
  picks = std::move(sorted);
  const auto permille = price_permille(plan.price_level, rng);
  std::set<std::string_view> used_groups;
  boost::json::array categories;
  for (const auto& pick : picks) {
    const auto name = pick.dish->category;
    if (categories.empty() || categories.back().as_object().at("name").as_string() != name)
      categories.push_back(category_document(name));
    categories.back().as_object()["items"].as_array().push_back(
        item_document(pick, plan, permille, used_groups));
  }
  if (plan.one_sold_out && categories.size() > 1) {
    auto& items = categories.at(1).as_object()["items"].as_array();
    items.at(items.size() - 1).as_object()["sold_out"] = true;
  }
  return {{"modifier_groups", group_documents(used_groups)}, {"categories", std::move(categories)}};
}

}  // namespace reskflow::demo
