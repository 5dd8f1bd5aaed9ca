// Menu rules: cached loads, whole-menu replacement and the single-object changes,
// each bumping the merchant's version and publishing catalog.menu.updated in its transaction.
#include <algorithm>

#include "render.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/payload.h"
#include "service.h"

namespace reskflow::catalog {

Result<std::shared_ptr<const MenuSnapshot>> Service::load_snapshot(std::string_view merchant_id) {
  return db_.read([&](store::Transaction& tx) -> Result<std::shared_ptr<const MenuSnapshot>> {
    RF_TRY(found, repository::merchant(tx, merchant_id));
    if (!*found) return fail(ErrorCode::not_found, "no such merchant");
    RF_TRY(menu, repository::menu(tx, merchant_id));
    return std::make_shared<const MenuSnapshot>(MenuSnapshot{std::move(**found), std::move(*menu)});
  });
}

Result<std::shared_ptr<const MenuSnapshot>> Service::snapshot(std::string_view merchant_id) {
  if (auto cached = cache_.snapshot(merchant_id)) return cached;
  const auto generation = cache_.generation(merchant_id);
  auto loaded = load_snapshot(merchant_id);
  if (!loaded) return loaded;
  cache_.put_snapshot(std::string(merchant_id), *loaded, generation);
  return loaded;
}

Result<MenuSnapshot> Service::change_menu(std::string_view merchant_id, const MenuChange& change) {
  auto result = db_.write([&](store::Transaction& tx) -> Result<MenuSnapshot> {
    RF_TRY(found, repository::merchant(tx, merchant_id));
    if (!*found) return fail(ErrorCode::not_found, "no such merchant");
    Merchant m = std::move(**found);
    RF_TRY(menu, repository::menu(tx, merchant_id));
    RF_TRY(changed, change(tx, m, *menu));
    menu->sort();
    RF_TRY(checked, check_menu(*menu));
    m.version += 1;
    m.menu_updated_at_us = clock_();
    RF_TRY(updated, repository::update_merchant(tx, m));
    RF_TRY(published, bus::publish(tx, {std::string(events::menu_updated), m.id,
                                        modules::payload::to_payload(menu_event(m, *menu))}));
    return MenuSnapshot{std::move(m), std::move(*menu)};
  });
  if (result) {
    invalidate(merchant_id);
    metrics_.invalidations_local.inc();
    metrics_.menu_changes.inc();
  }
  return result;
}

Result<MenuSnapshot> Service::replace_menu(std::string_view merchant_id,
                                           const MenuReplacement& replacement_of,
                                           const Recorder& record) {
  return change_menu(merchant_id,
                     [&](store::Transaction& tx, const Merchant& m, Menu& menu) -> Status {
                       auto replacement = replacement_of(menu, ids_);
                       if (!replacement) return std::unexpected(replacement.error());
                       menu = std::move(*replacement);
                       RF_TRY(replaced, repository::replace_menu(tx, merchant_id, menu));
                       return record_change(record, tx, m, {"menu.replaced", menu_counts(menu)});
                     });
}

namespace {

template <class T>
T* find_in(std::vector<T>& list, std::string_view id) {
  const auto it = std::find_if(list.begin(), list.end(), [id](const T& e) { return e.id == id; });
  return it == list.end() ? nullptr : &*it;
}

template <class T>
void put_in(std::vector<T>& list, T value) {
  if (auto* existing = find_in(list, value.id))
    *existing = std::move(value);
  else
    list.push_back(std::move(value));
}

Status missing(std::string_view what) {
  return fail(ErrorCode::not_found, "no such " + std::string(what) + " on this menu");
}

Result<MenuEdit> edited(Result<MenuSnapshot> snapshot, std::string id) {
  if (!snapshot) return std::unexpected(snapshot.error());
  return MenuEdit{std::move(*snapshot), std::move(id)};
}

Status done(const Result<MenuSnapshot>& snapshot) {
  if (!snapshot) return std::unexpected(snapshot.error());
  return {};
}

}  // namespace

Result<MenuEdit> Service::put_category(std::string_view merchant_id, std::optional<std::string> id,
                                       const PartEdit<Category>& edit, const Recorder& record) {
  std::string changed_id;
  auto snapshot = change_menu(
      merchant_id, [&](store::Transaction& tx, const Merchant& m, Menu& menu) -> Status {
        std::optional<Category> current;
        if (id) {
          auto* found = find_in(menu.categories, *id);
          if (found == nullptr) return missing("category");
          current = *found;
        }
        auto category = edit(std::move(current), menu, ids_);
        if (!category) return std::unexpected(category.error());
        changed_id = category->id;
        RF_TRY(saved, repository::save_category(tx, merchant_id, *category));
        // `current` was moved into the edit; the menu still holds the old object.
        const auto* before = id ? find_in(menu.categories, *id) : nullptr;
        RF_TRY(recorded, record_change(record, tx, m,
                                       {part_action("category", id.has_value(), true),
                                        category_changes(before, &*category, menu, m)}));
        put_in(menu.categories, std::move(*category));
        return {};
      });
  return edited(std::move(snapshot), std::move(changed_id));
}

Status Service::delete_category(std::string_view merchant_id, std::string_view id,
                                const Recorder& record) {
  return done(change_menu(
      merchant_id, [&](store::Transaction& tx, const Merchant& m, Menu& menu) -> Status {
        const auto* found = find_in(menu.categories, id);
        if (found == nullptr) return missing("category");
        RF_TRY(recorded, record_change(record, tx, m,
                                       {part_action("category", true, false),
                                        category_changes(found, nullptr, menu, m)}));
        std::erase_if(menu.categories, [id](const Category& c) { return c.id == id; });
        std::erase_if(menu.items, [id](const Item& i) { return i.category_id == id; });
        return repository::delete_category(tx, merchant_id, id);
      }));
}

Result<MenuEdit> Service::put_item(std::string_view merchant_id, std::optional<std::string> id,
                                   const PartEdit<Item>& edit, const Recorder& record) {
  std::string changed_id;
  auto snapshot = change_menu(
      merchant_id, [&](store::Transaction& tx, const Merchant& m, Menu& menu) -> Status {
        std::optional<Item> current;
        if (id) {
          auto* found = find_in(menu.items, *id);
          if (found == nullptr) return missing("item");
          current = *found;
        }
        auto item = edit(std::move(current), menu, ids_);
        if (!item) return std::unexpected(item.error());
        changed_id = item->id;
        RF_TRY(saved, repository::save_item(tx, merchant_id, *item));
        const auto* before = id ? find_in(menu.items, *id) : nullptr;
        RF_TRY(recorded, record_change(record, tx, m,
                                       {part_action("item", id.has_value(), true),
                                        item_changes(before, &*item, menu, m)}));
        put_in(menu.items, std::move(*item));
        return {};
      });
  return edited(std::move(snapshot), std::move(changed_id));
}

Status Service::delete_item(std::string_view merchant_id, std::string_view id,
                            const Recorder& record) {
  return done(change_menu(
      merchant_id, [&](store::Transaction& tx, const Merchant& m, Menu& menu) -> Status {
        const auto* found = find_in(menu.items, id);
        if (found == nullptr) return missing("item");
        RF_TRY(recorded, record_change(record, tx, m,
                                       {part_action("item", true, false),
                                        item_changes(found, nullptr, menu, m)}));
        std::erase_if(menu.items, [id](const Item& i) { return i.id == id; });
        return repository::delete_item(tx, merchant_id, id);
      }));
}

Result<MenuEdit> Service::put_group(std::string_view merchant_id, std::optional<std::string> id,
                                    const PartEdit<ModifierGroup>& edit, const Recorder& record) {
  std::string changed_id;
  auto snapshot = change_menu(
      merchant_id, [&](store::Transaction& tx, const Merchant& m, Menu& menu) -> Status {
        std::optional<ModifierGroup> current;
        if (id) {
          auto* found = find_in(menu.groups, *id);
          if (found == nullptr) return missing("modifier group");
          current = *found;
        }
        auto group = edit(std::move(current), menu, ids_);
        if (!group) return std::unexpected(group.error());
        changed_id = group->id;
        RF_TRY(saved, repository::save_group(tx, merchant_id, *group));
        const auto* before = id ? find_in(menu.groups, *id) : nullptr;
        RF_TRY(recorded, record_change(record, tx, m,
                                       {part_action("modifier_group", id.has_value(), true),
                                        group_changes(before, &*group)}));
        put_in(menu.groups, std::move(*group));
        return {};
      });
  return edited(std::move(snapshot), std::move(changed_id));
}

Status Service::delete_group(std::string_view merchant_id, std::string_view id,
                             const Recorder& record) {
  return done(change_menu(
      merchant_id, [&](store::Transaction& tx, const Merchant& m, Menu& menu) -> Status {
        const auto* found = find_in(menu.groups, id);
        if (found == nullptr) return missing("modifier group");
        RF_TRY(recorded, record_change(record, tx, m,
                                       {part_action("modifier_group", true, false),
                                        group_changes(found, nullptr)}));
        std::erase_if(menu.groups, [id](const ModifierGroup& g) { return g.id == id; });
        for (auto& item : menu.items) std::erase(item.modifier_group_ids, std::string(id));
        return repository::delete_group(tx, merchant_id, id);
      }));
}

Result<MenuEdit> Service::set_stock(std::string_view merchant_id, std::string_view item_id,
                                    const StockEdit& edit, const Recorder& record) {
  auto snapshot = change_menu(
      merchant_id, [&](store::Transaction& tx, const Merchant& m, Menu& menu) -> Status {
        auto* found = find_in(menu.items, item_id);
        if (found == nullptr) return missing("item");
        auto item = edit(*found);
        if (!item) return std::unexpected(item.error());
        RF_TRY(recorded,
               record_change(record, tx, m,
                             {"menu.stock_updated", item_changes(found, &*item, menu, m)}));
        *found = std::move(*item);
        return repository::save_item(tx, merchant_id, *found);
      });
  return edited(std::move(snapshot), std::string(item_id));
}

}  // namespace reskflow::catalog
