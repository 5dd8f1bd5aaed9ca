// Lookups and display order of a menu.
#include "model.h"

#include <algorithm>
#include <functional>
#include <tuple>

namespace reskflow::catalog {
namespace {

template <class T>
const T* find_by_id(const std::vector<T>& list, std::string_view id) {
  const auto it = std::find_if(list.begin(), list.end(), [id](const T& e) { return e.id == id; });
  return it == list.end() ? nullptr : &*it;
}

}  // namespace

std::string_view delivery_mode_name(DeliveryMode mode) {
  return mode == DeliveryMode::merchant ? "merchant" : "platform";
}

std::optional<DeliveryMode> parse_delivery_mode(std::string_view name) {
  if (name == "platform") return DeliveryMode::platform;
  if (name == "merchant") return DeliveryMode::merchant;
  return std::nullopt;
}

const Category* Menu::category(std::string_view id) const { return find_by_id(categories, id); }
const Item* Menu::item(std::string_view id) const { return find_by_id(items, id); }
const ModifierGroup* Menu::group(std::string_view id) const { return find_by_id(groups, id); }

void Menu::sort() {
  const auto by_position = [](const auto& a, const auto& b) {
    return std::tie(a.position, a.id) < std::tie(b.position, b.id);
  };
  std::sort(categories.begin(), categories.end(), by_position);
  std::sort(groups.begin(), groups.end(), by_position);
  // Items in display order: by their category's place, then their own.
  const auto place = [this](const Item& item) {
    const auto it = std::find_if(categories.begin(), categories.end(),
                                 [&item](const Category& c) { return c.id == item.category_id; });
    return it - categories.begin();
  };
  std::sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
    return std::make_tuple(place(a), a.position, std::cref(a.id)) <
           std::make_tuple(place(b), b.position, std::cref(b.id));
  });
}

}  // namespace reskflow::catalog
