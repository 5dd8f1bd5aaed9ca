// Validation of menu documents: the whole menu (PUT), its categories, items and modifier
// groups (the granular routes) and stock changes, with field paths such as
// "categories[2].items[0].price_minor".
#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "input.h"
#include "vocabulary.h"

namespace reskflow::catalog {
namespace {

using json::ObjectReader;

std::string indexed(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

std::vector<int> read_days(ObjectReader& w) {
  std::vector<int> days;
  const auto* list = w.array("days", 7);
  if (list == nullptr) return days;
  for (const auto& v : *list) {
    const auto day = v.is_string() ? weekday_of(v.as_string()) : std::nullopt;
    if (!day) {
      w.add_error("days", "must list days as mon, tue, wed, thu, fri, sat, sun");
      return {};
    }
    if (std::find(days.begin(), days.end(), *day) != days.end()) {
      w.add_error("days", "lists " + std::string(v.as_string()) + " twice");
      return {};
    }
    days.push_back(*day);
  }
  if (days.empty()) w.add_error("days", "must list at least one day");
  std::sort(days.begin(), days.end());
  return days;
}

Window read_window(ObjectReader& w) {
  Window out;
  out.days = read_days(w);
  for (const std::string_view key : {"start", "end"}) {
    const auto text = w.string(key, {true, 5, 5});
    if (!text) continue;
    const auto minute = parse_local_time(*text, key == "end");
    if (!minute) {
      w.add_error(key, key == "end" ? "must be a local time HH:MM from 00:00 to 24:00"
                                    : "must be a local time HH:MM from 00:00 to 23:59");
      continue;
    }
    (key == "start" ? out.start_minute : out.end_minute) = *minute;
  }
  return out;
}

std::vector<Window> read_windows(ObjectReader& in, Errors& errors) {
  std::vector<Window> out;
  const auto* list = in.array("availability", windows_max, false);
  if (list == nullptr) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto path = indexed(in.path("availability"), i);
    if (!(*list)[i].is_object()) {
      errors.add(path, "must be an object");
      continue;
    }
    ObjectReader w((*list)[i].as_object(), path);
    out.push_back(read_window(w));
    errors.collect(w);
  }
  return out;
}

std::vector<std::string> read_tags(ObjectReader& in, std::string_view key,
                                   std::span<const std::string_view> allowed) {
  std::vector<std::string> out;
  const auto* list = in.array(key, allowed.size(), false);
  if (list == nullptr) return out;
  for (const auto& v : *list) {
    if (!v.is_string() || !contains(allowed, v.as_string())) {
      std::string names;
      for (const auto a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
      in.add_error(key, "must list tags among: " + names);
      return {};
    }
    std::string tag(v.as_string());
    if (std::find(out.begin(), out.end(), tag) != out.end()) {
      in.add_error(key, "lists " + tag + " twice");
      return {};
    }
    out.push_back(std::move(tag));
  }
  return out;
}

std::vector<std::string> read_photo_urls(ObjectReader& in) {
  std::vector<std::string> out;
  const auto* list = in.array("photo_urls", photo_urls_max, false);
  if (list == nullptr) return out;
  for (const auto& v : *list) {
    if (!v.is_string() || v.as_string().empty() || v.as_string().size() > photo_url_chars_max ||
        !valid_photo_url(v.as_string())) {
      in.add_error("photo_urls", "must list paths starting with / or https URLs (500 chars max)");
      return {};
    }
    out.emplace_back(v.as_string());
  }
  return out;
}

// Create: absent or null means none. PATCH: absent keeps the value, null clears it.
void read_description(const boost::json::object& body, ObjectReader& in, bool patch,
                      std::optional<std::string>& field) {
  if (patch && !body.contains("description")) return;
  field = in.string("description", {false, 1, description_chars_max, /*multiline=*/true});
}

// The fields a GET document carries that a PUT ignores, so a menu can be read and put back.
void skip_read_only(ObjectReader& in, std::initializer_list<std::string_view> keys) {
  for (const auto key : keys) {
    if (key == "available_now" || key == "required")
      (void)in.boolean(key, false);
    else if (key == "version")
      (void)in.integer(key, {false});
    else
      (void)in.string(key, {false, 0, id_chars_max});
  }
}

void read_category_fields(const boost::json::object& body, ObjectReader& in, Errors& errors,
                          bool patch, Category& c) {
  if (present(body, "name", patch))
    c.name = in.string("name", {true, 1, name_chars_max}).value_or("");
  read_description(body, in, patch, c.description);
  if (body.contains("position"))
    c.position = in.integer("position", {true, 0, position_max}).value_or(c.position);
  if (present(body, "availability", patch)) c.availability = read_windows(in, errors);
}

// "cold_chain": {"min_c", "max_c"} in degrees Celsius, min below max; null: none.
void read_cold_chain(ObjectReader& in, Errors& errors, Item& item) {
  const auto* range = in.object("cold_chain", false);
  item.cold_chain.reset();
  if (range == nullptr) return;
  ObjectReader nested(*range, in.path("cold_chain"));
  const auto min_c = nested.number("min_c", {true, -60, 60});
  const auto max_c = nested.number("max_c", {true, -60, 60});
  if (min_c && max_c && *min_c >= *max_c) nested.add_error("max_c", "must be above min_c");
  if (min_c && max_c && *min_c < *max_c) item.cold_chain = ColdRange{*min_c, *max_c};
  errors.collect(nested);
}

void read_item_fields(const boost::json::object& body, ObjectReader& in, Errors& errors, bool patch,
                      Item& item) {
  if (present(body, "name", patch))
    item.name = in.string("name", {true, 1, name_chars_max}).value_or("");
  read_description(body, in, patch, item.description);
  if (present(body, "price_minor", patch))
    item.price_minor = in.integer("price_minor", {true, 0, price_minor_max}).value_or(0);
  if (present(body, "photo_urls", patch)) item.photo_urls = read_photo_urls(in);
  if (present(body, "dietary", patch)) item.dietary = read_tags(in, "dietary", dietary_tags());
  if (present(body, "allergens", patch)) item.allergens = read_tags(in, "allergens", allergens());
  if (body.contains("age_restricted"))
    item.age_restricted = in.boolean("age_restricted").value_or(false);
  if (present(body, "calories", patch))
    item.calories = in.integer("calories", {false, 0, calories_max});
  if (body.contains("position"))
    item.position = in.integer("position", {true, 0, position_max}).value_or(item.position);
  if (present(body, "availability", patch)) item.availability = read_windows(in, errors);
  if (body.contains("stock_count"))
    item.stock_count = in.integer("stock_count", {false, 0, stock_count_max});
  if (body.contains("sold_out")) item.sold_out = in.boolean("sold_out").value_or(false);
  if (present(body, "cold_chain", patch)) read_cold_chain(in, errors, item);
}

// Option ids of `kept` survive; others get new ids.
void read_options(ObjectReader& in, Errors& errors, const std::set<std::string>& kept,
                  std::set<std::string>& used, const IdSource& ids, ModifierGroup& g) {
  const auto* list = in.array("options", options_per_group_max);
  if (list == nullptr) return;
  g.options.clear();
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto path = indexed(in.path("options"), i);
    if (!(*list)[i].is_object()) {
      errors.add(path, "must be an object");
      continue;
    }
    ObjectReader o((*list)[i].as_object(), path);
    Option option;
    const auto given = o.string("id", {false, 1, id_chars_max});
    option.id = given && kept.contains(*given) ? *given : ids();
    if (!used.insert(option.id).second) o.add_error("id", "is used twice in this document");
    option.name = o.string("name", {true, 1, name_chars_max}).value_or("");
    option.price_delta_minor =
        o.integer("price_delta_minor", {false, 0, price_minor_max}).value_or(0);
    option.sold_out = o.boolean("sold_out", false).value_or(false);
    errors.collect(o);
    g.options.push_back(std::move(option));
  }
  if (g.options.empty()) in.add_error("options", "must list at least one option");
}

void read_group_fields(const boost::json::object& body, ObjectReader& in, bool patch,
                       ModifierGroup& g) {
  if (present(body, "name", patch))
    g.name = in.string("name", {true, 1, name_chars_max}).value_or("");
  if (present(body, "min_selections", patch))
    g.min_selections = in.integer("min_selections", {true, 0, options_per_group_max}).value_or(0);
  if (present(body, "max_selections", patch))
    g.max_selections = in.integer("max_selections", {true, 1, options_per_group_max}).value_or(1);
  if (body.contains("position"))
    g.position = in.integer("position", {true, 0, position_max}).value_or(g.position);
  (void)in.boolean("required", false);  // derived from min_selections; accepted, not stored
}

// Rules of one group that involve several fields.
void check_group(const ModifierGroup& g, const std::string& path, Errors& errors) {
  const auto field = path.empty() ? std::string("min_selections") : path + ".min_selections";
  const auto least = std::to_string(g.min_selections);
  if (g.min_selections > g.max_selections)
    errors.add(field, "Customers cannot choose at least " + least +
                          " when they may choose at most " + std::to_string(g.max_selections) +
                          ": lower the first number or raise the second.");
  if (!g.options.empty() && g.min_selections > static_cast<std::int64_t>(g.options.size()))
    errors.add(field, "Customers cannot choose at least " + least + " of " +
                          std::to_string(g.options.size()) +
                          " options: add options or lower the number.");
}

std::set<std::string> option_ids(const Menu& menu) {
  std::set<std::string> out;
  for (const auto& g : menu.groups) {
    for (const auto& o : g.options) out.insert(o.id);
  }
  return out;
}

std::int64_t next_position(auto&& positions) {
  std::int64_t next = 0;
  for (const auto p : positions) next = std::max(next, p + 1);
  return std::min(next, position_max);
}

// Reads a whole menu document; ids follow the rule of read_menu.
class MenuReader {
 public:
  MenuReader(const Menu& current, const IdSource& ids)
      : current_(current), ids_(ids), kept_options_(option_ids(current)) {}

  Result<Menu> read(const boost::json::object& body) {
    ObjectReader in(body);
    skip_read_only(in, {"merchant_id", "currency", "version", "updated_at"});
    read_groups(in);
    read_categories(in);
    errors_.collect(in);
    if (auto ok = errors_.finish(); !ok) return std::unexpected(ok.error());
    out_.sort();
    if (auto ok = check_menu(out_); !ok) return std::unexpected(ok.error());
    return std::move(out_);
  }

 private:
  // An id of the current menu's objects of this kind is kept; anything else is a label.
  std::string resolve(ObjectReader& in, bool known) {
    const auto given = in.string("id", {false, 1, id_chars_max});
    std::string id = given && known ? *given : ids_();
    if (!used_.insert(id).second) in.add_error("id", "is used twice in this document");
    return id;
  }

  void read_groups(ObjectReader& in) {
    const auto* list = in.array("modifier_groups", groups_max, false);
    if (list == nullptr) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto path = indexed("modifier_groups", i);
      if (!(*list)[i].is_object()) {
        errors_.add(path, "must be an object");
        continue;
      }
      const auto& body = (*list)[i].as_object();
      ObjectReader g(body, path);
      const auto* given = body.if_contains("id");
      const bool labelled = given != nullptr && given->is_string();
      const std::string label = labelled ? std::string(given->as_string()) : std::string();
      ModifierGroup group;
      group.position = static_cast<std::int64_t>(i);
      group.id = resolve(g, labelled && current_.group(label) != nullptr);
      if (labelled && !group_ids_.emplace(label, group.id).second)
        g.add_error("id", "is used twice in this document");
      read_group_fields(body, g, false, group);
      read_options(g, errors_, kept_options_, used_, ids_, group);
      check_group(group, path, errors_);
      errors_.collect(g);
      out_.groups.push_back(std::move(group));
    }
  }

  void read_categories(ObjectReader& in) {
    const auto* list = in.array("categories", categories_max);
    if (list == nullptr) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto path = indexed("categories", i);
      if (!(*list)[i].is_object()) {
        errors_.add(path, "must be an object");
        continue;
      }
      const auto& body = (*list)[i].as_object();
      ObjectReader c(body, path);
      Category category;
      category.position = static_cast<std::int64_t>(i);
      const auto* given = body.if_contains("id");
      category.id = resolve(
          c, given != nullptr && given->is_string() && current_.category(given->as_string()));
      read_category_fields(body, c, errors_, false, category);
      (void)c.boolean("available_now", false);
      read_items(c, category.id);
      errors_.collect(c);
      out_.categories.push_back(std::move(category));
    }
  }

  void read_items(ObjectReader& c, const std::string& category_id) {
    const auto* list = c.array("items", items_max, false);
    if (list == nullptr) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto path = indexed(c.path("items"), i);
      if (!(*list)[i].is_object()) {
        errors_.add(path, "must be an object");
        continue;
      }
      const auto& body = (*list)[i].as_object();
      ObjectReader in(body, path);
      Item item;
      item.position = static_cast<std::int64_t>(i);
      item.category_id = category_id;
      const auto* given = body.if_contains("id");
      item.id =
          resolve(in, given != nullptr && given->is_string() && current_.item(given->as_string()));
      read_item_fields(body, in, errors_, false, item);
      (void)in.boolean("available_now", false);
      skip_read_only(in, {"category_id"});  // an item belongs to the category it is listed in
      read_item_groups(in, item);
      errors_.collect(in);
      out_.items.push_back(std::move(item));
    }
  }

  // Entries name a group of this document by its id or label.
  void read_item_groups(ObjectReader& in, Item& item) {
    const auto* list = in.array("modifier_group_ids", groups_per_item_max, false);
    if (list == nullptr) return;
    for (const auto& v : *list) {
      const auto found =
          v.is_string() ? group_ids_.find(std::string(v.as_string())) : group_ids_.end();
      if (found == group_ids_.end()) {
        in.add_error("modifier_group_ids", "must name modifier groups of this document");
        return;
      }
      if (std::find(item.modifier_group_ids.begin(), item.modifier_group_ids.end(),
                    found->second) != item.modifier_group_ids.end()) {
        in.add_error("modifier_group_ids", "names a group twice");
        return;
      }
      item.modifier_group_ids.push_back(found->second);
    }
  }

  const Menu& current_;
  const IdSource& ids_;
  std::set<std::string> kept_options_;
  std::set<std::string> used_;
  std::map<std::string, std::string> group_ids_;
  Errors errors_;
  Menu out_;
};

// Entries name groups of `menu` by id.
void read_item_group_ids(ObjectReader& in, const Menu& menu, Item& item) {
  const auto* list = in.array("modifier_group_ids", groups_per_item_max, false);
  if (list == nullptr) return;
  item.modifier_group_ids.clear();
  for (const auto& v : *list) {
    if (!v.is_string() || menu.group(v.as_string()) == nullptr) {
      in.add_error("modifier_group_ids", "must name modifier groups of this menu");
      return;
    }
    std::string id(v.as_string());
    if (std::find(item.modifier_group_ids.begin(), item.modifier_group_ids.end(), id) !=
        item.modifier_group_ids.end()) {
      in.add_error("modifier_group_ids", "names a group twice");
      return;
    }
    item.modifier_group_ids.push_back(std::move(id));
  }
}

}  // namespace

Result<Menu> read_menu(const boost::json::object& body, const Menu& current, const IdSource& ids) {
  return MenuReader(current, ids).read(body);
}

Menu with_new_ids(const Menu& menu, const IdSource& ids) {
  Menu out = menu;
  std::map<std::string, std::string, std::less<>> renamed;
  const auto rename = [&](std::string& id) {
    auto it = renamed.find(id);
    if (it == renamed.end()) it = renamed.emplace(id, ids()).first;
    id = it->second;
  };
  for (auto& c : out.categories) rename(c.id);
  for (auto& g : out.groups) {
    rename(g.id);
    for (auto& o : g.options) rename(o.id);
  }
  for (auto& i : out.items) {
    rename(i.id);
    rename(i.category_id);
    for (auto& g : i.modifier_group_ids) rename(g);
  }
  out.sort();
  return out;
}

Result<Category> read_category(const boost::json::object& body, std::optional<Category> current,
                               const Menu& menu, const IdSource& ids) {
  ObjectReader in(body);
  Errors errors;
  const bool patch = current.has_value();
  Category c = patch ? std::move(*current) : Category{};
  if (!patch) {
    c.id = ids();
    std::vector<std::int64_t> positions;
    for (const auto& other : menu.categories) positions.push_back(other.position);
    c.position = next_position(positions);
  }
  read_category_fields(body, in, errors, patch, c);
  errors.collect(in);
  if (auto ok = errors.finish(); !ok) return std::unexpected(ok.error());
  return c;
}

Result<Item> read_item(const boost::json::object& body, std::optional<Item> current,
                       const Menu& menu, const IdSource& ids) {
  ObjectReader in(body);
  Errors errors;
  const bool patch = current.has_value();
  Item item = patch ? std::move(*current) : Item{};
  if (!patch) item.id = ids();
  if (present(body, "category_id", patch)) {
    const auto category = in.string("category_id", {true, 1, id_chars_max});
    if (category && menu.category(*category) == nullptr)
      in.add_error("category_id", "names no category of this menu");
    if (category && (!patch || *category != item.category_id) && !body.contains("position")) {
      std::vector<std::int64_t> positions;
      for (const auto& other : menu.items) {
        if (other.category_id == *category) positions.push_back(other.position);
      }
      item.position = next_position(positions);
    }
    if (category) item.category_id = *category;
  }
  read_item_fields(body, in, errors, patch, item);
  read_item_group_ids(in, menu, item);
  errors.collect(in);
  if (auto ok = errors.finish(); !ok) return std::unexpected(ok.error());
  return item;
}

Result<ModifierGroup> read_group(const boost::json::object& body,
                                 std::optional<ModifierGroup> current, const Menu& menu,
                                 const IdSource& ids) {
  ObjectReader in(body);
  Errors errors;
  const bool patch = current.has_value();
  ModifierGroup g = patch ? std::move(*current) : ModifierGroup{};
  std::set<std::string> kept;
  if (patch) {
    for (const auto& o : g.options) kept.insert(o.id);
  } else {
    g.id = ids();
    std::vector<std::int64_t> positions;
    for (const auto& other : menu.groups) positions.push_back(other.position);
    g.position = next_position(positions);
  }
  read_group_fields(body, in, patch, g);
  std::set<std::string> used;
  if (present(body, "options", patch)) read_options(in, errors, kept, used, ids, g);
  check_group(g, "", errors);
  errors.collect(in);
  if (auto ok = errors.finish(); !ok) return std::unexpected(ok.error());
  return g;
}

Result<Item> read_stock(const boost::json::object& body, Item current) {
  ObjectReader in(body);
  if (!body.contains("sold_out") && !body.contains("stock_count"))
    in.add_error("sold_out", "send sold_out, stock_count or both");
  if (body.contains("sold_out")) current.sold_out = in.boolean("sold_out").value_or(false);
  if (body.contains("stock_count"))
    current.stock_count = in.integer("stock_count", {false, 0, stock_count_max});
  if (auto ok = in.finish(); !ok) return std::unexpected(ok.error());
  return current;
}

Status check_menu(const Menu& menu) {
  Errors errors;
  if (menu.categories.size() > categories_max)
    errors.add("categories",
               "a menu has at most " + std::to_string(categories_max) + " categories");
  if (menu.items.size() > items_max)
    errors.add("items", "a menu has at most " + std::to_string(items_max) + " items");
  if (menu.groups.size() > groups_max)
    errors.add("modifier_groups",
               "a menu has at most " + std::to_string(groups_max) + " modifier groups");
  for (const auto& item : menu.items) {
    if (menu.category(item.category_id) == nullptr)
      errors.add("category_id", "item " + item.id + " names no category of this menu");
    for (const auto& g : item.modifier_group_ids) {
      if (menu.group(g) == nullptr)
        errors.add("modifier_group_ids", "item " + item.id + " names an unknown group");
    }
  }
  return errors.finish();
}

std::optional<int> parse_local_time(std::string_view text, bool allow_midnight_end) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (const auto i : {0, 1, 3, 4}) {
    if (text[static_cast<std::size_t>(i)] < '0' || text[static_cast<std::size_t>(i)] > '9')
      return std::nullopt;
  }
  const int h = (text[0] - '0') * 10 + (text[1] - '0');
  const int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (m > 59) return std::nullopt;
  if (h == 24 && m == 0 && allow_midnight_end) return 1440;
  if (h > 23) return std::nullopt;
  return h * 60 + m;
}

std::string local_time_text(int minute) {
  const int h = minute / 60;
  const int m = minute % 60;
  std::string out(5, '0');
  out[0] = static_cast<char>('0' + h / 10);
  out[1] = static_cast<char>('0' + h % 10);
  out[2] = ':';
  out[3] = static_cast<char>('0' + m / 10);
  out[4] = static_cast<char>('0' + m % 10);
  return out;
}

}  // namespace reskflow::catalog
