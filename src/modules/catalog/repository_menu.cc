// SQL for a merchant's menu: categories, items, modifier groups, options and the item-group
// links; whole-menu load and replace, and the single-object writes of the granular routes.
#include <boost/json.hpp>

#include <map>

#include "input.h"
#include "render.h"
#include "repository.h"
#include "repository_util.h"
#include "vocabulary.h"

namespace reskflow::catalog::repository {
namespace {

// Rows per multi-row INSERT: keeps each statement well under both engines' parameter limits.
constexpr std::size_t insert_rows_max = 100;

std::vector<Window> windows_of(std::string_view text) {
  std::vector<Window> out;
  const auto doc = parse_stored(text);
  if (!doc.is_array()) return out;
  for (const auto& v : doc.as_array()) {
    if (!v.is_object()) continue;
    const auto& o = v.as_object();
    Window w;
    if (const auto* days = o.if_contains("days"); days != nullptr && days->is_array()) {
      for (const auto& d : days->as_array()) {
        if (auto day = d.is_string() ? weekday_of(d.as_string()) : std::nullopt)
          w.days.push_back(*day);
      }
    }
    w.start_minute = parse_local_time(stored_text(o, "start"), false).value_or(0);
    w.end_minute = parse_local_time(stored_text(o, "end"), true).value_or(0);
    out.push_back(std::move(w));
  }
  return out;
}

Status insert_rows(Transaction& tx, std::string_view table, std::string_view columns,
                   std::size_t width, const std::vector<store::Params>& rows) {
  for (std::size_t start = 0; start < rows.size(); start += insert_rows_max) {
    const auto end = std::min(rows.size(), start + insert_rows_max);
    std::string sql =
        "INSERT INTO " + std::string(table) + " (" + std::string(columns) + ") VALUES ";
    store::Params params;
    for (std::size_t r = start; r < end; ++r) {
      sql += r == start ? "(" : ", (";
      for (std::size_t c = 0; c < width; ++c) {
        params.push_back(rows[r][c]);
        sql += (c == 0 ? "$" : ", $") + std::to_string(params.size());
      }
      sql += ")";
    }
    RF_TRY(done, tx.exec(sql, params));
  }
  return {};
}

constexpr std::string_view category_columns =
    "id, merchant_id, name, description, position, availability_json";
constexpr std::string_view item_columns =
    "id, merchant_id, category_id, name, description, price_minor, photo_urls_json, "
    "dietary_json, allergens_json, age_restricted, calories, position, availability_json, "
    "stock_count, sold_out, cold_min_c, cold_max_c";
constexpr std::string_view group_columns =
    "id, merchant_id, name, min_selections, max_selections, position";
constexpr std::string_view option_columns =
    "id, merchant_id, group_id, name, price_delta_minor, sold_out, position";
constexpr std::string_view link_columns = "item_id, group_id, merchant_id, position";

store::Params category_row(std::string_view merchant_id, const Category& c) {
  return {c.id,       std::string(merchant_id),
          c.name,     optional_value(c.description),
          c.position, json_text(windows_document(c.availability))};
}

store::Params item_row(std::string_view merchant_id, const Item& i) {
  return {i.id,
          std::string(merchant_id),
          i.category_id,
          i.name,
          optional_value(i.description),
          i.price_minor,
          json_text(strings_document(i.photo_urls)),
          json_text(strings_document(i.dietary)),
          json_text(strings_document(i.allergens)),
          i.age_restricted,
          optional_value(i.calories),
          i.position,
          json_text(windows_document(i.availability)),
          optional_value(i.stock_count),
          i.sold_out,
          i.cold_chain ? store::Value(i.cold_chain->min_c) : store::Value(),
          i.cold_chain ? store::Value(i.cold_chain->max_c) : store::Value()};
}

store::Params group_row(std::string_view merchant_id, const ModifierGroup& g) {
  return {g.id, std::string(merchant_id), g.name, g.min_selections, g.max_selections, g.position};
}

std::vector<store::Params> option_rows(std::string_view merchant_id, const ModifierGroup& g) {
  std::vector<store::Params> rows;
  for (std::size_t i = 0; i < g.options.size(); ++i) {
    const auto& o = g.options[i];
    rows.push_back({o.id, std::string(merchant_id), g.id, o.name, o.price_delta_minor, o.sold_out,
                    static_cast<std::int64_t>(i)});
  }
  return rows;
}

std::vector<store::Params> link_rows(std::string_view merchant_id, const Item& item) {
  std::vector<store::Params> rows;
  for (std::size_t i = 0; i < item.modifier_group_ids.size(); ++i) {
    rows.push_back({item.id, item.modifier_group_ids[i], std::string(merchant_id),
                    static_cast<std::int64_t>(i)});
  }
  return rows;
}

// "INSERT ... ON CONFLICT (id) DO UPDATE SET every other column", never across merchants.
std::string upsert_sql(std::string_view table, std::string_view columns) {
  std::string sql =
      "INSERT INTO " + std::string(table) + " (" + std::string(columns) + ") VALUES (";
  std::string set;
  std::size_t n = 0;
  std::size_t start = 0;
  while (start <= columns.size()) {
    auto comma = columns.find(", ", start);
    const auto column = columns.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    ++n;
    sql += (n == 1 ? "$" : ", $") + std::to_string(n);
    if (column != "id" && column != "merchant_id")
      set += (set.empty() ? "" : ", ") + std::string(column) + " = excluded." + std::string(column);
    if (comma == std::string_view::npos) break;
    start = comma + 2;
  }
  return sql + ") ON CONFLICT (id) DO UPDATE SET " + set + " WHERE " + std::string(table) +
         ".merchant_id = excluded.merchant_id";
}

Status load_categories(Transaction& tx, const std::string& merchant, Menu& menu) {
  RF_TRY(rows, tx.query("SELECT id, name, description, position, availability_json FROM "
                        "catalog_categories WHERE merchant_id = $1",
                        {merchant}));
  for (const auto r : *rows) {
    menu.categories.push_back(
        {r.text(0), r.text(1), r.optional_text(2), r.int64(3), windows_of(r.text_view(4))});
  }
  return {};
}

Status load_items(Transaction& tx, const std::string& merchant, Menu& menu) {
  RF_TRY(rows, tx.query("SELECT id, category_id, name, description, price_minor, "
                        "photo_urls_json, dietary_json, allergens_json, age_restricted, "
                        "calories, position, availability_json, stock_count, sold_out, cold_min_c, "
                        "cold_max_c FROM "
                        "catalog_items WHERE merchant_id = $1",
                        {merchant}));
  for (const auto r : *rows) {
    Item i;
    i.id = r.text(0);
    i.category_id = r.text(1);
    i.name = r.text(2);
    i.description = r.optional_text(3);
    i.price_minor = r.int64(4);
    i.photo_urls = stored_strings(r.text_view(5));
    i.dietary = stored_strings(r.text_view(6));
    i.allergens = stored_strings(r.text_view(7));
    i.age_restricted = r.boolean(8);
    i.calories = r.optional_int64(9);
    i.position = r.int64(10);
    i.availability = windows_of(r.text_view(11));
    i.stock_count = r.optional_int64(12);
    i.sold_out = r.boolean(13);
    if (auto lo = r.optional_real(14), hi = r.optional_real(15); lo && hi)
      i.cold_chain = ColdRange{*lo, *hi};
    menu.items.push_back(std::move(i));
  }
  return {};
}

Status load_groups(Transaction& tx, const std::string& merchant, Menu& menu) {
  RF_TRY(groups, tx.query("SELECT id, name, min_selections, max_selections, position FROM "
                          "catalog_modifier_groups WHERE merchant_id = $1",
                          {merchant}));
  std::map<std::string, std::vector<Option>> options;
  RF_TRY(rows, tx.query("SELECT group_id, id, name, price_delta_minor, sold_out FROM "
                        "catalog_modifier_options WHERE merchant_id = $1 ORDER BY group_id, "
                        "position",
                        {merchant}));
  for (const auto r : *rows)
    options[r.text(0)].push_back({r.text(1), r.text(2), r.int64(3), r.boolean(4)});
  for (const auto r : *groups) {
    menu.groups.push_back(
        {r.text(0), r.text(1), r.int64(2), r.int64(3), r.int64(4), std::move(options[r.text(0)])});
  }
  return {};
}

Status load_links(Transaction& tx, const std::string& merchant, Menu& menu) {
  RF_TRY(rows, tx.query("SELECT item_id, group_id FROM catalog_item_modifier_groups WHERE "
                        "merchant_id = $1 ORDER BY item_id, position",
                        {merchant}));
  std::map<std::string, std::vector<std::string>> links;
  for (const auto r : *rows) links[r.text(0)].push_back(r.text(1));
  for (auto& item : menu.items) item.modifier_group_ids = std::move(links[item.id]);
  return {};
}

Status delete_where(Transaction& tx, std::string_view table, std::string_view where,
                    const store::Params& params) {
  RF_TRY(done,
         tx.exec("DELETE FROM " + std::string(table) + " WHERE " + std::string(where), params));
  return {};
}

}  // namespace

Result<Menu> menu(Transaction& tx, std::string_view merchant_id) {
  const std::string merchant(merchant_id);
  Menu out;
  for (auto load : {load_categories, load_items, load_groups, load_links}) {
    if (auto ok = load(tx, merchant, out); !ok) return std::unexpected(ok.error());
  }
  out.sort();
  return out;
}

Status replace_menu(Transaction& tx, std::string_view merchant_id, const Menu& menu) {
  const store::Params merchant{std::string(merchant_id)};
  for (const auto table : {"catalog_item_modifier_groups", "catalog_modifier_options",
                           "catalog_items", "catalog_modifier_groups", "catalog_categories"}) {
    if (auto ok = delete_where(tx, table, "merchant_id = $1", merchant); !ok) return ok;
  }
  std::vector<store::Params> categories, items, groups, options, links;
  for (const auto& c : menu.categories) categories.push_back(category_row(merchant_id, c));
  for (const auto& g : menu.groups) {
    groups.push_back(group_row(merchant_id, g));
    for (auto& o : option_rows(merchant_id, g)) options.push_back(std::move(o));
  }
  for (const auto& i : menu.items) {
    items.push_back(item_row(merchant_id, i));
    for (auto& l : link_rows(merchant_id, i)) links.push_back(std::move(l));
  }
  if (auto ok = insert_rows(tx, "catalog_categories", category_columns, 6, categories); !ok)
    return ok;
  if (auto ok = insert_rows(tx, "catalog_modifier_groups", group_columns, 6, groups); !ok)
    return ok;
  if (auto ok = insert_rows(tx, "catalog_modifier_options", option_columns, 7, options); !ok)
    return ok;
  if (auto ok = insert_rows(tx, "catalog_items", item_columns, 17, items); !ok) return ok;
  return insert_rows(tx, "catalog_item_modifier_groups", link_columns, 4, links);
}

Status save_category(Transaction& tx, std::string_view merchant_id, const Category& category) {
  RF_TRY(done, tx.exec(upsert_sql("catalog_categories", category_columns),
                       category_row(merchant_id, category)));
  return {};
}

Status delete_category(Transaction& tx, std::string_view merchant_id, std::string_view id) {
  const store::Params params{std::string(merchant_id), std::string(id)};
  if (auto ok = delete_where(tx, "catalog_item_modifier_groups",
                             "merchant_id = $1 AND item_id IN (SELECT id FROM catalog_items "
                             "WHERE merchant_id = $1 AND category_id = $2)",
                             params);
      !ok)
    return ok;
  if (auto ok = delete_where(tx, "catalog_items", "merchant_id = $1 AND category_id = $2", params);
      !ok)
    return ok;
  return delete_where(tx, "catalog_categories", "merchant_id = $1 AND id = $2", params);
}

Status save_item(Transaction& tx, std::string_view merchant_id, const Item& item) {
  RF_TRY(done, tx.exec(upsert_sql("catalog_items", item_columns), item_row(merchant_id, item)));
  if (auto ok =
          delete_where(tx, "catalog_item_modifier_groups", "merchant_id = $1 AND item_id = $2",
                       {std::string(merchant_id), item.id});
      !ok)
    return ok;
  return insert_rows(tx, "catalog_item_modifier_groups", link_columns, 4,
                     link_rows(merchant_id, item));
}

Status delete_item(Transaction& tx, std::string_view merchant_id, std::string_view id) {
  const store::Params params{std::string(merchant_id), std::string(id)};
  if (auto ok = delete_where(tx, "catalog_item_modifier_groups",
                             "merchant_id = $1 AND item_id = $2", params);
      !ok)
    return ok;
  return delete_where(tx, "catalog_items", "merchant_id = $1 AND id = $2", params);
}

Status save_group(Transaction& tx, std::string_view merchant_id, const ModifierGroup& group) {
  RF_TRY(done, tx.exec(upsert_sql("catalog_modifier_groups", group_columns),
                       group_row(merchant_id, group)));
  if (auto ok = delete_where(tx, "catalog_modifier_options", "merchant_id = $1 AND group_id = $2",
                             {std::string(merchant_id), group.id});
      !ok)
    return ok;
  return insert_rows(tx, "catalog_modifier_options", option_columns, 7,
                     option_rows(merchant_id, group));
}

Status delete_group(Transaction& tx, std::string_view merchant_id, std::string_view id) {
  const store::Params params{std::string(merchant_id), std::string(id)};
  for (const auto table : {"catalog_item_modifier_groups", "catalog_modifier_options"}) {
    if (auto ok = delete_where(tx, table, "merchant_id = $1 AND group_id = $2", params); !ok)
      return ok;
  }
  return delete_where(tx, "catalog_modifier_groups", "merchant_id = $1 AND id = $2", params);
}

}  // namespace reskflow::catalog::repository
