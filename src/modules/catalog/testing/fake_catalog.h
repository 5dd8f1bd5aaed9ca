// A fake of catalog::Catalog for other modules' tests: merchants and menus a test sets up (and
// changes: prices, sold-out items, suspended merchants), priced with the rules
// Catalog::price_line promises, and counts of the calls so a test can see what was read.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reskflow/catalog/catalog.h"

namespace reskflow::catalog::testing {

// Prices in the merchant's currency, as in catalog's menu model (model.h).
struct FakeOption {
  std::string id;
  std::string name;
  std::int64_t delta_minor = 0;
};

struct FakeGroup {
  std::string id;
  std::string name;
  std::int64_t min = 0;
  std::int64_t max = 1;
  std::vector<FakeOption> options;
};

struct FakeItem {
  std::string id;
  std::string name;
  std::int64_t price_minor = 0;
  std::vector<std::string> group_ids;
  bool sold_out = false;
  bool age_restricted = false;
  std::optional<std::int64_t> stock_count;  // nullopt: not tracked
  std::optional<ColdRange> cold_chain;
};

// Thread-safe, like the real catalog. Starts empty; merchants are active and open unless the
// summary says otherwise (open_merchant: open every day, delivering within 10 km of Paris). The
// operator's paths (create_merchant, ...) are refused: a test of another module has no use for
// them.
class FakeCatalog final : public Catalog {
 public:
  // An active, open merchant in the minimum order's currency (Europe/Paris) with its id as slug,
  // in the centre of Paris and delivering 3 km around it.
  static MerchantSummary open_merchant(std::string id, std::string name,
                                       modules::Money minimum_order = {0, "EUR"});

  void add_merchant(MerchantSummary merchant);
  void add_group(FakeGroup group);
  // Puts the item on the merchant's menu (its groups must have been added).
  void add_item(const std::string& merchant_id, FakeItem item);
  void set_active(const std::string& merchant_id, bool active);
  // On every menu that has the item.
  void set_price(const std::string& item_id, std::int64_t price_minor);
  void set_sold_out(const std::string& item_id, bool sold_out);
  void remove_item(const std::string& item_id);
  // The item's tracked stock on the merchant's menu (nullopt: not tracked).
  void set_stock(const std::string& merchant_id, const std::string& item_id,
                 std::optional<std::int64_t> stock_count);
  std::optional<std::int64_t> stock(const std::string& merchant_id,
                                    const std::string& item_id) const;

  // Calls so far of merchant() and price_line().
  std::int64_t merchant_reads() const;
  std::int64_t lines_priced() const;

  Result<MerchantSummary> merchant(std::string_view merchant_id) override;
  Result<PricedLine> price_line(std::string_view merchant_id, const LineRequest& line,
                                std::int64_t at_us) override;
  Result<std::vector<ItemHandling>> item_handling(
      std::string_view merchant_id, const std::vector<std::string>& item_ids) override;
  // Stock changes at once, not with the caller's transaction: a test that rolls back must
  // release what it reserved.
  Status reserve_stock(store::Transaction& tx, std::string_view merchant_id,
                       const std::vector<StockLine>& lines) override;
  Status release_stock(store::Transaction& tx, std::string_view merchant_id,
                       const std::vector<StockLine>& lines) override;
  Result<MerchantRef> create_merchant(std::string_view owner_user_id,
                                      const MerchantProfile& profile) override;
  Result<MerchantRef> create_brand(std::string_view kitchen_id,
                                   const MerchantProfile& brand) override;
  Result<std::optional<MerchantRef>> merchant_by_slug(std::string_view slug) override;
  Status replace_menu(std::string_view merchant_id, const MenuDraft& menu) override;

 private:
  Result<PricedLine> price_locked(const MerchantSummary& merchant, const FakeItem& item,
                                  const LineRequest& line) const;

  mutable std::mutex mutex_;
  std::map<std::string, MerchantSummary, std::less<>> merchants_;
  std::map<std::string, std::map<std::string, FakeItem>, std::less<>> menus_;  // by merchant
  std::map<std::string, FakeGroup> groups_;
  std::int64_t merchant_reads_ = 0;
  std::int64_t lines_priced_ = 0;
};

}  // namespace reskflow::catalog::testing
