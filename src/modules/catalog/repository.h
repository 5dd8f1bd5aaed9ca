// SQL for the catalog's own tables, inside the caller's transaction: merchants and menus.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"
#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"

namespace reskflow::catalog::repository {

using store::Transaction;

// Merchants.
Result<std::optional<Merchant>> merchant(Transaction& tx, std::string_view id);
// The merchant, its row locked until the transaction ends (PostgreSQL's FOR UPDATE: a concurrent
// locker waits, and in READ COMMITTED then reads the row as committed; SQLite has one writer).
Result<std::optional<Merchant>> merchant_for_update(Transaction& tx, std::string_view id);
Result<std::optional<Merchant>> merchant_by_slug(Transaction& tx, std::string_view slug);
Result<std::vector<Merchant>> brands(Transaction& tx, std::string_view kitchen_id);
Status insert_merchant(Transaction& tx, const Merchant& merchant);
// Writes every mutable column (profile, pause, status, version, times).
Status update_merchant(Transaction& tx, const Merchant& merchant);
// `base` when no merchant uses it, else the first free of base-2, base-3, ...
Result<std::string> free_slug(Transaction& tx, const std::string& base);

struct MerchantFilter {
  std::string name_folded;  // substring of the folded name; empty: any
  std::string status;       // empty: any
  std::string after_id;     // the cursor: ids sort by creation time
  std::int64_t limit = 20;
};
Result<std::vector<Merchant>> search(Transaction& tx, const MerchantFilter& filter);

// Menus.
Result<Menu> menu(Transaction& tx, std::string_view merchant_id);
// Replaces every row of the merchant's menu.
Status replace_menu(Transaction& tx, std::string_view merchant_id, const Menu& menu);
Status save_category(Transaction& tx, std::string_view merchant_id, const Category& category);
// The category and its items.
Status delete_category(Transaction& tx, std::string_view merchant_id, std::string_view id);
Status save_item(Transaction& tx, std::string_view merchant_id, const Item& item);
Status delete_item(Transaction& tx, std::string_view merchant_id, std::string_view id);
Status save_group(Transaction& tx, std::string_view merchant_id, const ModifierGroup& group);
// The group, its options, and its place on items.
Status delete_group(Transaction& tx, std::string_view merchant_id, std::string_view id);

// Stock (repository_stock.cc).
struct ItemStock {
  std::string name;
  std::optional<std::int64_t> stock_count;  // nullopt: not tracked
  bool sold_out = false;
};
Result<std::optional<ItemStock>> item_stock(Transaction& tx, std::string_view merchant_id,
                                            std::string_view item_id);
Status set_stock_count(Transaction& tx, std::string_view merchant_id, std::string_view item_id,
                       std::int64_t stock_count);

}  // namespace reskflow::catalog::repository
