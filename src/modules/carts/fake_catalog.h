// Test doubles of the carts module's neighbours for unit tests: a catalog that prices from a
// small fixed menu (which a test can change: prices, sold-out items, suspended merchants) with
// the validation rules Catalog::price_line promises, and an identity Directory that knows
// which users passed ID verification.
#pragma once

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "reskflow/catalog/catalog.h"
#include "reskflow/identity/identity.h"

namespace reskflow::carts::testing {

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
};

// Merchants "luigi" (EUR, minimum 1500) and "m0".."m24" share one menu: a pizza with a
// required Size (Small +0, Large +300) and optional Toppings (up to 3 of Olives +50, Ham +150,
// Basil +0, Cheese +100), a soda, a beer (age-restricted) and a sold-out calzone.
class FakeCatalog final : public catalog::Catalog {
 public:
  FakeCatalog() {
    groups_["size"] = {"size", "Size", 1, 1, {{"small", "Small", 0}, {"large", "Large", 300}}};
    groups_["toppings"] = {"toppings",
                           "Toppings",
                           0,
                           3,
                           {{"olive", "Olives", 50},
                            {"ham", "Ham", 150},
                            {"basil", "Basil", 0},
                            {"cheese", "Cheese", 100}}};
    items_["pizza"] = {"pizza", "Margherita", 1000, {"size", "toppings"}};
    items_["soda"] = {"soda", "Soda", 250, {}};
    items_["beer"] = {"beer", "Lager", 500, {}, false, true};
    items_["calzone"] = {"calzone", "Calzone", 1200, {}, true};
    add_merchant("luigi", "Luigi's", 1500);
    for (int i = 0; i < 25; ++i) add_merchant("m" + std::to_string(i), "M", 0);
  }

  void add_merchant(const std::string& id, const std::string& name, std::int64_t minimum) {
    std::lock_guard lock(mutex_);
    catalog::MerchantSummary m;
    m.id = id;
    m.name = name;
    m.slug = id;
    m.currency = "EUR";
    m.time_zone = "Europe/Paris";
    m.minimum_order_minor = minimum;
    m.active = true;
    m.open_now = true;
    merchants_[id] = m;
  }
  void set_active(const std::string& merchant, bool active) {
    std::lock_guard lock(mutex_);
    merchants_[merchant].active = active;
  }
  void set_price(const std::string& item, std::int64_t price_minor) {
    std::lock_guard lock(mutex_);
    items_[item].price_minor = price_minor;
  }
  void set_sold_out(const std::string& item, bool sold_out) {
    std::lock_guard lock(mutex_);
    items_[item].sold_out = sold_out;
  }
  void remove_item(const std::string& item) {
    std::lock_guard lock(mutex_);
    items_.erase(item);
  }

  Result<catalog::MerchantSummary> merchant(std::string_view merchant_id) override {
    std::lock_guard lock(mutex_);
    const auto it = merchants_.find(std::string(merchant_id));
    if (it == merchants_.end()) return fail(ErrorCode::not_found, "no such merchant");
    return it->second;
  }

  Result<catalog::PricedLine> price_line(std::string_view merchant_id,
                                         const catalog::LineRequest& line, std::int64_t) override {
    std::lock_guard lock(mutex_);
    if (!merchants_.contains(std::string(merchant_id)))
      return fail(ErrorCode::not_found, "no such merchant");
    const auto it = items_.find(line.item_id);
    if (it == items_.end()) return fail(ErrorCode::not_found, "no such item");
    const FakeItem& item = it->second;
    if (line.quantity < 1 || line.quantity > 99) return invalid("quantity", "must be from 1 to 99");
    if (item.sold_out) return invalid("item_id", "is sold out");
    catalog::PricedLine out{item.id, item.name, line.quantity,       item.price_minor,
                            0,       "EUR",     item.age_restricted, {}};
    std::map<std::string, std::int64_t> chosen;  // group id -> options chosen
    for (const auto& option_id : line.option_ids) {
      const auto found = find_option(item, option_id);
      if (!found) return invalid("option_ids", "has an unknown option " + option_id);
      out.options.push_back(
          {option_id, found->first, found->second.name, found->second.delta_minor});
      out.unit_price_minor += found->second.delta_minor;
      ++chosen[found->first];
    }
    for (const auto& group_id : item.group_ids) {
      const auto& g = groups_.at(group_id);
      const auto n = chosen[group_id];
      if (n < g.min || n > g.max)
        return invalid("option_ids", "needs " + std::to_string(g.min) + " to " +
                                         std::to_string(g.max) + " choices in " + g.name);
    }
    out.total_minor = out.unit_price_minor * line.quantity;
    return out;
  }

  Result<catalog::MerchantRef> create_merchant(std::string_view,
                                               const boost::json::object&) override {
    return fail(ErrorCode::internal, "not used by carts");
  }
  Result<catalog::MerchantRef> create_brand(std::string_view, const boost::json::object&) override {
    return fail(ErrorCode::internal, "not used by carts");
  }
  Result<std::optional<catalog::MerchantRef>> merchant_by_slug(std::string_view) override {
    return fail(ErrorCode::internal, "not used by carts");
  }
  Status replace_menu(std::string_view, const boost::json::object&) override {
    return fail(ErrorCode::internal, "not used by carts");
  }

 private:
  static std::unexpected<Error> invalid(std::string field, std::string message) {
    return fail(ErrorCode::validation_failed, "the line does not fit the menu",
                {{std::move(field), std::move(message)}});
  }
  // (group id, option) of an option the item offers.
  std::optional<std::pair<std::string, FakeOption>> find_option(const FakeItem& item,
                                                                const std::string& option_id) {
    for (const auto& group_id : item.group_ids) {
      for (const auto& o : groups_.at(group_id).options) {
        if (o.id == option_id) return std::pair{group_id, o};
      }
    }
    return std::nullopt;
  }

  std::mutex mutex_;
  std::map<std::string, catalog::MerchantSummary> merchants_;
  std::map<std::string, FakeItem> items_;
  std::map<std::string, FakeGroup> groups_;
};

class FakeDirectory final : public identity::Directory {
 public:
  void verify_age(const std::string& user_id) {
    std::lock_guard lock(mutex_);
    verified_.insert(user_id);
  }
  Result<std::optional<identity::MerchantLevel>> merchant_level(std::string_view,
                                                                std::string_view) override {
    return std::optional<identity::MerchantLevel>{};
  }
  Status require_merchant_staff(const http::Principal&, std::string_view,
                                identity::MerchantLevel) override {
    return fail(ErrorCode::not_found, "no such merchant");
  }
  Status put_merchant_member(store::Transaction&, std::string_view, std::string_view,
                             identity::MerchantLevel) override {
    return fail(ErrorCode::internal, "not used by carts");
  }
  Result<std::vector<identity::MerchantMember>> merchants_of(std::string_view) override {
    return std::vector<identity::MerchantMember>{};
  }
  Result<bool> age_verified(std::string_view user_id) override {
    std::lock_guard lock(mutex_);
    return verified_.contains(std::string(user_id));
  }
  Status append_audit(store::Transaction&, const http::Request&, std::string_view, std::string_view,
                      std::string_view) override {
    return fail(ErrorCode::internal, "not used by carts");
  }

 private:
  std::mutex mutex_;
  std::set<std::string> verified_;
};

}  // namespace reskflow::carts::testing
