// The catalog's data as plain C++ values: a merchant with its profile, and a menu (categories,
// items, modifier groups and their options) as loaded from storage or read from a request.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reskflow/catalog/catalog.h"
#include "reskflow/modules/geo.h"
#include "reskflow/modules/opening_hours.h"

namespace reskflow::catalog {

// Merchant statuses; "deleted" appears in events only.
inline constexpr std::string_view status_active = "active";
inline constexpr std::string_view status_suspended = "suspended";

struct Merchant {
  std::string id;
  std::optional<std::string> kitchen_id;
  std::string slug;
  MerchantProfile profile;
  std::optional<std::int64_t> paused_until_us;
  std::optional<std::string> pause_reason;
  std::string status{status_active};
  std::int64_t version = 0;
  std::int64_t menu_updated_at_us = 0;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;

  // Whose staff run it: the kitchen's for a virtual brand.
  const std::string& staff_merchant_id() const { return kitchen_id ? *kitchen_id : id; }
  bool active() const { return status == status_active; }
  bool paused_at(std::int64_t at_us) const { return paused_until_us && *paused_until_us > at_us; }
};

// A weekly availability window in the merchant's time zone: on `days` (0 = Monday), from
// start to end minute; an end at or before the start runs past midnight.
struct Window {
  std::vector<int> days;
  int start_minute = 0;
  int end_minute = 0;
};

struct Category {
  std::string id;
  std::string name;
  std::optional<std::string> description;
  std::int64_t position = 0;
  std::vector<Window> availability;
};

struct Item {
  std::string id;
  std::string category_id;
  std::string name;
  std::optional<std::string> description;
  // In the merchant's currency, which its profile holds once for the whole menu.
  std::int64_t price_minor = 0;
  std::vector<std::string> photo_urls;
  std::vector<std::string> dietary;
  std::vector<std::string> allergens;
  bool age_restricted = false;
  std::optional<ColdRange> cold_chain;  // nullopt: carried at any temperature
  std::optional<std::int64_t> calories;
  std::int64_t position = 0;
  std::vector<Window> availability;
  std::optional<std::int64_t> stock_count;  // nullopt: not tracked
  bool sold_out = false;                    // the manual toggle
  std::vector<std::string> modifier_group_ids;

  bool orderable_stock() const { return !sold_out && stock_count.value_or(1) > 0; }
};

struct Option {
  std::string id;
  std::string name;
  std::int64_t price_delta_minor = 0;  // in the merchant's currency, as Item::price_minor
  bool sold_out = false;
};

struct ModifierGroup {
  std::string id;
  std::string name;
  std::int64_t min_selections = 0;
  std::int64_t max_selections = 1;
  std::int64_t position = 0;
  std::vector<Option> options;
};

// A whole menu in display order: categories and groups by (position, id), items by their
// category's place and then (position, id).
struct Menu {
  std::vector<Category> categories;
  std::vector<Item> items;
  std::vector<ModifierGroup> groups;

  const Category* category(std::string_view id) const;
  const Item* item(std::string_view id) const;
  const ModifierGroup* group(std::string_view id) const;
  void sort();
};

}  // namespace reskflow::catalog
