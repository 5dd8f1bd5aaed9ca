// Pricing of a cart line against the current menu: the item must be orderable now (stock,
// availability windows), the quantity within bounds and stock, and the options must satisfy
// every modifier group of the item.
#include <algorithm>
#include <map>
#include <set>

#include "availability.h"
#include "reskflow/modules/utc_time.h"
#include "service.h"
#include "text.h"

namespace reskflow::catalog {
namespace {

constexpr std::int64_t quantity_max = 99;

// Why the item cannot be ordered at at_us, or an empty string when it can.
std::string unavailable_reason(const Item& item, const Category* category, const Merchant& merchant,
                               std::int64_t at_us) {
  if (!item.orderable_stock()) return "is sold out";
  static const std::vector<Window> none;
  const auto& category_windows = category != nullptr ? category->availability : none;
  const auto& zone = merchant.profile.time_zone;
  const bool now = inside(item.availability, zone, at_us).value_or(false) &&
                   inside(category_windows, zone, at_us).value_or(false);
  if (now) return {};
  const auto next = next_inside(item.availability, category_windows, zone, at_us);
  if (next && *next)
    return "is not available at this time; next available at " + modules::iso_utc(**next);
  return "is not available at this time";
}

struct Choice {
  const ModifierGroup* group = nullptr;
  const Option* option = nullptr;
};

// Finds each option among the item's groups; field errors for unknown, repeated or sold-out
// options.
std::vector<Choice> choices_of(const LineRequest& line, const Item& item, const Menu& menu,
                               Errors& errors) {
  std::vector<Choice> out;
  std::set<std::string> seen;
  for (const auto& option_id : line.option_ids) {
    if (!seen.insert(option_id).second) {
      errors.add("option_ids", "lists option " + option_id + " twice");
      continue;
    }
    Choice choice;
    for (const auto& group_id : item.modifier_group_ids) {
      const auto* group = menu.group(group_id);
      if (group == nullptr) continue;
      for (const auto& o : group->options) {
        if (o.id == option_id) choice = {group, &o};
      }
    }
    if (choice.option == nullptr) {
      errors.add("option_ids", "option " + option_id + " is not offered with this item");
    } else if (choice.option->sold_out) {
      errors.add("option_ids", choice.option->name + " is sold out");
    } else {
      out.push_back(choice);
    }
  }
  return out;
}

void check_group_counts(const Item& item, const Menu& menu, const std::vector<Choice>& choices,
                        Errors& errors) {
  for (const auto& group_id : item.modifier_group_ids) {
    const auto* group = menu.group(group_id);
    if (group == nullptr) continue;
    const auto chosen = std::count_if(choices.begin(), choices.end(),
                                      [group](const Choice& c) { return c.group == group; });
    if (chosen < group->min_selections || chosen > group->max_selections) {
      errors.add("option_ids", group->name + ": choose " + std::to_string(group->min_selections) +
                                   " to " + std::to_string(group->max_selections) + " (got " +
                                   std::to_string(chosen) + ")");
    }
  }
}

}  // namespace

Result<PricedLine> Service::price_line(std::string_view merchant_id, const LineRequest& line,
                                       std::int64_t at_us) {
  auto snap = snapshot(merchant_id);
  if (!snap) return std::unexpected(snap.error());
  const auto& [merchant, menu] = **snap;
  const auto* item = menu.item(line.item_id);
  if (item == nullptr) return fail(ErrorCode::not_found, "no such item on this menu");
  Errors errors;
  if (line.quantity < 1 || line.quantity > quantity_max) {
    errors.add("quantity", "must be between 1 and " + std::to_string(quantity_max));
  } else if (item->stock_count && *item->stock_count > 0 && line.quantity > *item->stock_count) {
    errors.add("quantity", "only " + std::to_string(*item->stock_count) + " left");
  }
  if (auto why = unavailable_reason(*item, menu.category(item->category_id), merchant, at_us);
      !why.empty())
    errors.add("item_id", item->name + " " + why);
  const auto choices = choices_of(line, *item, menu, errors);
  check_group_counts(*item, menu, choices, errors);
  if (auto ok = errors.finish(); !ok) {
    metrics_.lines_refused.inc();
    return std::unexpected(ok.error());
  }
  const auto& currency = merchant.profile.currency;
  PricedLine out{
      item->id, item->name, line.quantity, {item->price_minor, currency}, {}, item->age_restricted,
      {}};
  for (const auto& c : choices) {
    const modules::Money delta{c.option->price_delta_minor, currency};
    RF_TRY(unit, modules::add(out.unit_price, delta));
    out.unit_price = std::move(*unit);
    out.options.push_back({c.option->id, c.group->id, c.option->name, delta});
  }
  RF_TRY(total, modules::multiply(out.unit_price, out.quantity));
  out.total = std::move(*total);
  metrics_.lines_priced.inc();
  return out;
}

}  // namespace reskflow::catalog
