// Summaries of merchant and menu changes for the audit log, computed by comparing the JSON
// documents of the object before and after the change.
#include "audit.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include <boost/json/array.hpp>

#include "render.h"

namespace reskflow::catalog {
namespace {

// Which keys of a document a summary leaves out (derived from the clock or bookkeeping) and
// which it shows with their old and new values.
struct SummaryRules {
  std::span<const std::string_view> ignored;
  std::span<const std::string_view> valued;
};

constexpr std::array<std::string_view, 4> merchant_ignored{"version", "updated_at",
                                                           "menu_updated_at", "created_at"};
constexpr std::array<std::string_view, 6> merchant_valued{
    "status",      "paused_until",        "pause_reason",
    "price_level", "minimum_order_minor", "prep_time_minutes"};
constexpr std::array<std::string_view, 2> category_ignored{"available_now", "items"};
constexpr std::array<std::string_view, 1> item_ignored{"available_now"};
constexpr std::array<std::string_view, 3> item_valued{"price_minor", "stock_count", "sold_out"};

bool contains(std::span<const std::string_view> keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

boost::json::value value_at(const boost::json::object& doc, std::string_view key) {
  const auto* found = doc.if_contains(key);
  return found == nullptr ? boost::json::value() : *found;
}

// `before` or `after` is empty for a creation or a deletion: then only valued keys are shown.
boost::json::object changes_between(const boost::json::object& before,
                                    const boost::json::object& after, const SummaryRules& rules) {
  boost::json::object out;
  boost::json::array changed;
  const auto& keys = after.empty() ? before : after;
  for (const auto& field : keys) {
    const std::string_view key = field.key();
    if (contains(rules.ignored, key)) continue;
    auto old_value = value_at(before, key);
    auto new_value = value_at(after, key);
    if (old_value == new_value) continue;
    if (!before.empty() && !after.empty()) changed.emplace_back(key);
    if (contains(rules.valued, key))
      out[key] = boost::json::object{{"from", std::move(old_value)}, {"to", std::move(new_value)}};
  }
  if (!before.empty() && !after.empty()) out["changed"] = std::move(changed);
  return out;
}

// The object's id and name under "<part>_id" and "<part>", then its changes.
boost::json::object part_changes(std::string_view part, const boost::json::object& before,
                                 const boost::json::object& after, const SummaryRules& rules) {
  const auto& current = after.empty() ? before : after;
  boost::json::object out{{std::string(part) + "_id", value_at(current, "id")},
                          {part, value_at(current, "name")}};
  for (auto& field : changes_between(before, after, rules)) out[field.key()] = field.value();
  return out;
}

}  // namespace

Status record_change(const Recorder& record, store::Transaction& tx, const Merchant& merchant,
                     const AuditNote& note) {
  if (!record) return {};
  return record(tx, merchant, note);
}

boost::json::object merchant_changes(const Merchant& before, const Merchant& after) {
  return changes_between(merchant_document(before, std::nullopt),
                         merchant_document(after, std::nullopt),
                         {merchant_ignored, merchant_valued});
}

boost::json::object category_changes(const Category* before, const Category* after,
                                     const Menu& menu, const Merchant& merchant) {
  const auto doc = [&](const Category* c) {
    return c == nullptr ? boost::json::object() : category_document(*c, menu, merchant, 0);
  };
  return part_changes("category", doc(before), doc(after), {category_ignored, {}});
}

boost::json::object item_changes(const Item* before, const Item* after, const Menu& menu,
                                 const Merchant& merchant) {
  const auto doc = [&](const Item* i) {
    return i == nullptr ? boost::json::object() : item_document(*i, menu, merchant, 0);
  };
  auto out = part_changes("item", doc(before), doc(after), {item_ignored, item_valued});
  if (out.contains("price_minor")) out["currency"] = merchant.profile.currency;
  return out;
}

boost::json::object group_changes(const ModifierGroup* before, const ModifierGroup* after) {
  const auto doc = [](const ModifierGroup* g) {
    return g == nullptr ? boost::json::object() : group_document(*g);
  };
  return part_changes("modifier_group", doc(before), doc(after), {});
}

std::string part_action(std::string_view part, bool existed, bool exists) {
  const std::string_view what = !existed ? "_created" : exists ? "_updated" : "_deleted";
  return "menu." + std::string(part) + std::string(what);
}

boost::json::object menu_counts(const Menu& menu) {
  return {{"categories", static_cast<std::int64_t>(menu.categories.size())},
          {"items", static_cast<std::int64_t>(menu.items.size())},
          {"modifier_groups", static_cast<std::int64_t>(menu.groups.size())}};
}

}  // namespace reskflow::catalog
