// The catalog's rules: merchants and brands, pause and suspension, menus and stock, pricing of
// cart lines, the per-merchant version, the events, and the menu caches. No HTTP and no JSON
// here (request bodies arrive as typed edits, edits.h); every change runs in one transaction
// together with the events it publishes.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "edits.h"
#include "input.h"
#include "menu_cache.h"
#include "metrics.h"
#include "model.h"
#include "repository.h"
#include "reskflow/catalog/catalog.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/clock.h"
#include "reskflow/store/database.h"
#include "settings.h"

namespace reskflow::catalog {

// A rendered menu and what the route needs to decide who may see it.
struct RenderedMenu {
  std::shared_ptr<const MenuSnapshot> snapshot;
  std::shared_ptr<const http::Representation> representation;
};

// A single-object menu write: the merchant and menu after it, and the object's id.
struct MenuEdit {
  MenuSnapshot snapshot;
  std::string id;
};

// Edits a loaded menu and writes the rows it changed, inside the change's transaction.
using MenuChange = std::function<Status(store::Transaction&, const Merchant&, Menu&)>;

class Service {
 public:
  Service(store::Database& database, identity::Directory& directory, CatalogSettings settings,
          CatalogMetrics& metrics, modules::Clock clock = {}, IdSource ids = {});

  std::int64_t now() const { return clock_(); }
  MenuCache& cache() { return cache_; }
  const CatalogSettings& settings() const { return settings_; }

  // Merchants (service_merchants.cc). not_found when there is no such merchant.
  Result<Merchant> merchant(std::string_view id);
  Result<std::optional<Merchant>> merchant_by_slug(std::string_view slug);
  // `owner_user_id` becomes its owner in the same transaction.
  Result<Merchant> create_merchant(std::string_view owner_user_id, const MerchantProfile& profile);
  // The brand takes its kitchen's address, location, time zone and currency.
  Result<Merchant> create_brand(std::string_view kitchen_id, MerchantProfile brand);
  // A kitchen's move takes its brands along, each with its own version and event. Each change
  // below runs `record` in its transaction with what it changed (the caller's audit row).
  Result<Merchant> update_merchant(std::string_view id, const ProfileEdit& edit,
                                   const Recorder& record = {});
  Result<Merchant> pause(std::string_view id, const PauseRequest& request,
                         const Recorder& record = {});
  Result<Merchant> resume(std::string_view id, const Recorder& record = {});
  // suspended or active; a merchant already in that state is returned unchanged and nothing is
  // recorded. The admin's reason goes into the audit summary.
  Result<Merchant> set_status(std::string_view id, std::string_view status, std::string_view reason,
                              const Recorder& record = {});
  Result<std::vector<Merchant>> active_brands(std::string_view kitchen_id);
  Result<std::vector<Merchant>> search(const repository::MerchantFilter& filter);

  // Menus (service_menu.cc).
  // The merchant and its menu, from the cache when fresh.
  Result<std::shared_ptr<const MenuSnapshot>> snapshot(std::string_view merchant_id);
  Result<MenuSnapshot> replace_menu(std::string_view merchant_id,
                                    const MenuReplacement& replacement,
                                    const Recorder& record = {});
  // Loads the merchant and menu in a write transaction, lets `change` edit the menu and write
  // its rows, checks the menu's limits, bumps the version and publishes catalog.menu.updated.
  Result<MenuSnapshot> change_menu(std::string_view merchant_id, const MenuChange& change);

  // The granular routes: create (id nullopt) or change (PATCH) one object, or delete it;
  // not_found for an id that is not on this merchant's menu. Each runs `record` as above.
  Result<MenuEdit> put_category(std::string_view merchant_id, std::optional<std::string> id,
                                const PartEdit<Category>& edit, const Recorder& record = {});
  Status delete_category(std::string_view merchant_id, std::string_view id,
                         const Recorder& record = {});
  Result<MenuEdit> put_item(std::string_view merchant_id, std::optional<std::string> id,
                            const PartEdit<Item>& edit, const Recorder& record = {});
  Status delete_item(std::string_view merchant_id, std::string_view id,
                     const Recorder& record = {});
  Result<MenuEdit> put_group(std::string_view merchant_id, std::optional<std::string> id,
                             const PartEdit<ModifierGroup>& edit, const Recorder& record = {});
  Status delete_group(std::string_view merchant_id, std::string_view id,
                      const Recorder& record = {});
  Result<MenuEdit> set_stock(std::string_view merchant_id, std::string_view item_id,
                             const StockEdit& edit, const Recorder& record = {});

  // Stock taken by orders (service_stock.cc), inside the caller's transaction: see
  // Catalog::reserve_stock and release_stock. A tracked count that changes bumps the merchant's
  // version and publishes catalog.menu.updated, whose delivery refreshes every node's cache.
  enum class StockChange { reserve, release };
  Status change_stock(store::Transaction& tx, std::string_view merchant_id,
                      const std::vector<StockLine>& lines, StockChange change);

  // Pricing (service_pricing.cc).
  Result<PricedLine> price_line(std::string_view merchant_id, const LineRequest& line,
                                std::int64_t at_us);

  // Drops the merchant's cached menu here (a change on this node, or an event from another).
  void invalidate(std::string_view merchant_id);

 private:
  Result<Merchant> insert_new(const std::optional<std::string>& kitchen_id,
                              std::string_view owner_user_id, const MerchantProfile& profile);
  // Loads, lets `change` edit the merchant, bumps version and updated_at, writes and publishes
  // catalog.merchant.updated, and records `note` with the fields changed added to its summary;
  // also moves a kitchen's brands. false from `change`: no change, nothing recorded.
  using MerchantChange = std::function<Result<bool>(Merchant&)>;
  Result<Merchant> change_merchant(std::string_view id, const MerchantChange& change,
                                   const Recorder& record, AuditNote note);
  Status follow_kitchen(store::Transaction& tx, const Merchant& kitchen,
                        std::vector<std::string>& changed);
  Status publish_merchant(store::Transaction& tx, const Merchant& merchant);
  Result<std::shared_ptr<const MenuSnapshot>> load_snapshot(std::string_view merchant_id);

  store::Database& db_;
  identity::Directory& directory_;
  CatalogSettings settings_;
  CatalogMetrics& metrics_;
  modules::Clock clock_;
  IdSource ids_;
  MenuCache cache_;
};

}  // namespace reskflow::catalog
