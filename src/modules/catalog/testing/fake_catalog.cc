// The fake catalog's menus and pricing: the validation rules of Catalog::price_line (quantity,
// sold out, unknown options, each group's min and max) on menus a test sets up.
#include "fake_catalog.h"

namespace reskflow::catalog::testing {
namespace {

constexpr std::int64_t quantity_max = 99;

std::unexpected<Error> invalid(std::string field, std::string message) {
  return fail(ErrorCode::validation_failed, "the line does not fit the menu",
              {{std::move(field), std::move(message)}});
}

Status not_offered() {
  return fail(ErrorCode::internal, "the fake catalog does not create or import merchants");
}

}  // namespace

MerchantSummary FakeCatalog::open_merchant(std::string id, std::string name,
                                           modules::Money minimum_order) {
  MerchantSummary m;
  m.slug = id;
  m.id = std::move(id);
  m.name = std::move(name);
  m.currency = minimum_order.currency;
  m.time_zone = "Europe/Paris";
  m.minimum_order = std::move(minimum_order);
  m.active = true;
  m.open_now = true;
  m.location = {48.8566, 2.3522};
  m.delivery_zone = {modules::geo::Zone::Kind::radius, m.location, 3000, {}};
  for (int day = 0; day < 7; ++day) m.opening_hours.weekly.push_back({day, {0, 1440}});
  return m;
}

void FakeCatalog::add_merchant(MerchantSummary merchant) {
  const std::lock_guard lock(mutex_);
  auto id = merchant.id;
  merchants_[std::move(id)] = std::move(merchant);
}

void FakeCatalog::add_group(FakeGroup group) {
  const std::lock_guard lock(mutex_);
  auto id = group.id;
  groups_[std::move(id)] = std::move(group);
}

void FakeCatalog::add_item(const std::string& merchant_id, FakeItem item) {
  const std::lock_guard lock(mutex_);
  auto id = item.id;
  menus_[merchant_id][std::move(id)] = std::move(item);
}

void FakeCatalog::set_active(const std::string& merchant_id, bool active) {
  const std::lock_guard lock(mutex_);
  merchants_[merchant_id].active = active;
}

void FakeCatalog::set_price(const std::string& item_id, std::int64_t price_minor) {
  const std::lock_guard lock(mutex_);
  for (auto& [merchant, menu] : menus_) {
    if (auto it = menu.find(item_id); it != menu.end()) it->second.price_minor = price_minor;
  }
}

void FakeCatalog::set_sold_out(const std::string& item_id, bool sold_out) {
  const std::lock_guard lock(mutex_);
  for (auto& [merchant, menu] : menus_) {
    if (auto it = menu.find(item_id); it != menu.end()) it->second.sold_out = sold_out;
  }
}

void FakeCatalog::remove_item(const std::string& item_id) {
  const std::lock_guard lock(mutex_);
  for (auto& [merchant, menu] : menus_) menu.erase(item_id);
}

void FakeCatalog::set_stock(const std::string& merchant_id, const std::string& item_id,
                            std::optional<std::int64_t> stock_count) {
  const std::lock_guard lock(mutex_);
  menus_[merchant_id][item_id].stock_count = stock_count;
}

std::optional<std::int64_t> FakeCatalog::stock(const std::string& merchant_id,
                                               const std::string& item_id) const {
  const std::lock_guard lock(mutex_);
  return menus_.at(merchant_id).at(item_id).stock_count;
}

Result<std::vector<ItemHandling>> FakeCatalog::item_handling(
    std::string_view merchant_id, const std::vector<std::string>& item_ids) {
  const std::lock_guard lock(mutex_);
  if (!merchants_.contains(merchant_id)) return fail(ErrorCode::not_found, "no such merchant");
  std::vector<ItemHandling> out;
  const auto menu = menus_.find(merchant_id);
  for (const auto& id : item_ids) {
    if (menu == menus_.end()) break;
    if (const auto item = menu->second.find(id); item != menu->second.end())
      out.push_back({id, item->second.age_restricted, item->second.cold_chain});
  }
  return out;
}

Status FakeCatalog::reserve_stock(store::Transaction&, std::string_view merchant_id,
                                  const std::vector<StockLine>& lines) {
  const std::lock_guard lock(mutex_);
  const auto menu = menus_.find(merchant_id);
  if (menu == menus_.end()) return fail(ErrorCode::not_found, "no such merchant");
  std::map<std::string, std::int64_t> wanted;
  for (const auto& line : lines) wanted[line.item_id] += line.quantity;
  for (const auto& [item_id, quantity] : wanted) {
    const auto item = menu->second.find(item_id);
    if (item == menu->second.end())
      return fail(ErrorCode::not_found, "no such item on this menu: " + item_id);
    const auto& stock = item->second.stock_count;
    if (item->second.sold_out || (stock && *stock < quantity)) {
      Error error{ErrorCode::conflict, item->second.name + " is sold out", {}, {}};
      error.members.push_back({"item_id", item_id});
      return std::unexpected(std::move(error));
    }
  }
  for (const auto& [item_id, quantity] : wanted) {
    if (auto& stock = menu->second.at(item_id).stock_count) *stock -= quantity;
  }
  return {};
}

Status FakeCatalog::release_stock(store::Transaction&, std::string_view merchant_id,
                                  const std::vector<StockLine>& lines) {
  const std::lock_guard lock(mutex_);
  const auto menu = menus_.find(merchant_id);
  if (menu == menus_.end()) return {};
  for (const auto& line : lines) {
    const auto item = menu->second.find(line.item_id);
    if (item != menu->second.end() && item->second.stock_count)
      *item->second.stock_count += line.quantity;
  }
  return {};
}

std::int64_t FakeCatalog::merchant_reads() const {
  const std::lock_guard lock(mutex_);
  return merchant_reads_;
}

std::int64_t FakeCatalog::lines_priced() const {
  const std::lock_guard lock(mutex_);
  return lines_priced_;
}

Result<MerchantSummary> FakeCatalog::merchant(std::string_view merchant_id) {
  const std::lock_guard lock(mutex_);
  ++merchant_reads_;
  const auto it = merchants_.find(merchant_id);
  if (it == merchants_.end()) return fail(ErrorCode::not_found, "no such merchant");
  return it->second;
}

Result<PricedLine> FakeCatalog::price_line(std::string_view merchant_id, const LineRequest& line,
                                           std::int64_t) {
  const std::lock_guard lock(mutex_);
  ++lines_priced_;
  const auto merchant = merchants_.find(merchant_id);
  if (merchant == merchants_.end()) return fail(ErrorCode::not_found, "no such merchant");
  const auto menu = menus_.find(merchant_id);
  if (menu == menus_.end()) return fail(ErrorCode::not_found, "no such item on this menu");
  const auto item = menu->second.find(line.item_id);
  if (item == menu->second.end()) return fail(ErrorCode::not_found, "no such item on this menu");
  return price_locked(merchant->second, item->second, line);
}

Result<PricedLine> FakeCatalog::price_locked(const MerchantSummary& merchant, const FakeItem& item,
                                             const LineRequest& line) const {
  if (line.quantity < 1 || line.quantity > quantity_max)
    return invalid("quantity", "must be from 1 to 99");
  if (item.sold_out || item.stock_count.value_or(1) <= 0) return invalid("item_id", "is sold out");
  if (item.stock_count && line.quantity > *item.stock_count)
    return invalid("quantity", "only " + std::to_string(*item.stock_count) + " left");
  PricedLine out{item.id,
                 item.name,
                 line.quantity,
                 {item.price_minor, merchant.currency},
                 {},
                 item.age_restricted,
                 {}};
  std::map<std::string, std::int64_t> chosen;  // group id -> options chosen
  for (const auto& option_id : line.option_ids) {
    const FakeOption* found = nullptr;
    std::string group_id;
    for (const auto& g : item.group_ids) {
      for (const auto& o : groups_.at(g).options) {
        if (o.id == option_id) {
          found = &o;
          group_id = g;
        }
      }
    }
    if (found == nullptr) return invalid("option_ids", "has an unknown option " + option_id);
    const modules::Money delta{found->delta_minor, merchant.currency};
    RF_TRY(unit, modules::add(out.unit_price, delta));
    out.unit_price = std::move(*unit);
    out.options.push_back({option_id, group_id, found->name, delta});
    ++chosen[group_id];
  }
  for (const auto& group_id : item.group_ids) {
    const auto& g = groups_.at(group_id);
    const auto n = chosen[group_id];
    if (n < g.min || n > g.max)
      return invalid("option_ids", "needs " + std::to_string(g.min) + " to " +
                                       std::to_string(g.max) + " choices in " + g.name);
  }
  RF_TRY(total, modules::multiply(out.unit_price, line.quantity));
  out.total = std::move(*total);
  return out;
}

Result<MerchantRef> FakeCatalog::create_merchant(std::string_view, const MerchantProfile&) {
  return std::unexpected(not_offered().error());
}

Result<MerchantRef> FakeCatalog::create_brand(std::string_view, const MerchantProfile&) {
  return std::unexpected(not_offered().error());
}

Result<std::optional<MerchantRef>> FakeCatalog::merchant_by_slug(std::string_view slug) {
  const std::lock_guard lock(mutex_);
  for (const auto& [id, m] : merchants_) {
    if (m.slug == slug) return std::optional<MerchantRef>{MerchantRef{m.id, m.slug}};
  }
  return std::optional<MerchantRef>{};
}

Status FakeCatalog::replace_menu(std::string_view, const MenuDraft&) { return not_offered(); }

}  // namespace reskflow::catalog::testing
