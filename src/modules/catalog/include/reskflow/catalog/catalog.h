// The catalog module's public interface: merchants (with virtual brands), their opening hours,
// delivery zones and menus. Carts price lines through Catalog; `reskflow seed` loads the demo
// city through it; discovery indexes its events (events.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "reskflow/core/errors.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/authenticator.h"
#include "reskflow/modules/geo.h"
#include "reskflow/modules/module.h"
#include "reskflow/modules/money.h"
#include "reskflow/modules/opening_hours.h"
#include "reskflow/store/database.h"

namespace reskflow::catalog {

namespace geo = modules::geo;
namespace hours = modules::hours;

// Who carries a merchant's orders: the platform's couriers (dispatched by deliveries) or the
// merchant's own ("merchant delivery", where its staff move the order to picked_up and delivered).
enum class DeliveryMode { platform, merchant };

// "platform", "merchant" (the API's names).
std::string_view delivery_mode_name(DeliveryMode mode);
std::optional<DeliveryMode> parse_delivery_mode(std::string_view name);

struct Address {
  std::string line1;
  std::optional<std::string> line2;
  std::string city;
  std::string postal_code;
  std::string country;  // ISO 3166-1 alpha-2
};

// What an owner sets (create, PATCH). A virtual brand's address, location, time zone and
// currency are its kitchen's.
struct MerchantProfile {
  std::string name;
  std::optional<std::string> description;
  std::optional<std::string> phone;
  Address address;
  geo::Point location;
  std::string time_zone;  // IANA
  std::string currency;   // ISO 4217
  std::vector<std::string> cuisines;
  std::int64_t price_level = 1;
  std::optional<std::string> photo_url;
  std::int64_t prep_time_minutes = 15;
  // In `currency`, which an owner may change on its own: a Money here could disagree with it.
  std::int64_t minimum_order_minor = 0;
  geo::Zone delivery_zone;
  hours::OpeningHours opening_hours;
  DeliveryMode delivery_mode = DeliveryMode::platform;
};

// Reads a POST /v1/merchants body (the HTTP API's rules: unknown fields, bounds, known
// cuisines and time zones) for the operator's path; validation_failed with a field error per
// problem.
Result<MerchantProfile> read_merchant_document(const boost::json::object& document);
// Reads a POST /v1/merchants/{merchant_id}/brands body the same way; the address, location,
// time zone and currency stay empty: a brand takes its kitchen's.
Result<MerchantProfile> read_brand_document(const boost::json::object& document);

struct Menu;  // the catalog's menu model

// A whole menu read by read_menu_document from a PUT /v1/merchants/{merchant_id}/menu body and
// held to the same rules; Catalog::replace_menu gives each of its objects a new id.
class MenuDraft {
 public:
  explicit MenuDraft(std::shared_ptr<const Menu> menu) : menu_(std::move(menu)) {}
  const Menu& menu() const { return *menu_; }

 private:
  std::shared_ptr<const Menu> menu_;
};
Result<MenuDraft> read_menu_document(const boost::json::object& document);

struct MerchantSummary {
  std::string id;
  std::string kitchen_id;  // the host kitchen of a virtual brand; empty for a kitchen itself
  std::string name;
  std::string slug;
  std::string currency;   // ISO 4217
  std::string time_zone;  // IANA
  std::string address;    // one line: street, postal code and city
  modules::Money minimum_order;
  geo::Point location;
  bool active = false;  // not suspended or deleted
  bool paused = false;  // "busy, back in 20 min"
  bool open_now = false;
  std::int64_t prep_time_minutes = 15;
  geo::Zone delivery_zone;  // where it delivers (geo::covers)
  hours::OpeningHours opening_hours;
  DeliveryMode delivery_mode = DeliveryMode::platform;
};

// The temperature an item must be kept in on the way, in degrees Celsius.
struct ColdRange {
  double min_c = 0;
  double max_c = 0;
};

// How an item must be carried: what delivery operations need to know of each ordered item.
struct ItemHandling {
  std::string item_id;
  bool age_restricted = false;
  std::optional<ColdRange> cold_chain;  // set for cold-chain items
};

// One cart line as a customer chose it.
struct LineRequest {
  std::string item_id;
  std::int64_t quantity = 1;
  std::vector<std::string> option_ids;
};

struct PricedOption {
  std::string id;
  std::string group_id;
  std::string name;
  modules::Money price_delta;
};

// A line priced against the current menu: unit price = item price + option deltas.
struct PricedLine {
  std::string item_id;
  std::string name;
  std::int64_t quantity = 0;
  modules::Money unit_price;  // in the merchant's currency
  modules::Money total;
  bool age_restricted = false;
  std::vector<PricedOption> options;
};

// An item and how many of it an order takes.
struct StockLine {
  std::string item_id;
  std::int64_t quantity = 0;
};

struct MerchantRef {
  std::string id;
  std::string slug;
};

// Thread-safe; blocking (call from the worker pool).
class Catalog {
 public:
  virtual ~Catalog() = default;

  // not_found when there is no such merchant (deleted ones included).
  virtual Result<MerchantSummary> merchant(std::string_view merchant_id) = 0;

  // Validates a line against the merchant's menu at UTC instant at_us and prices it:
  //   not_found          the item is not on this merchant's menu
  //   validation_failed  field errors: "quantity" (1..99, within stock), "item_id" (sold out,
  //                      or outside its availability window: the message says which and when it
  //                      is next available), "option_ids" (unknown option, a required group
  //                      missing, fewer or more than a group's min/max: the message names the
  //                      group and its bounds)
  virtual Result<PricedLine> price_line(std::string_view merchant_id, const LineRequest& line,
                                        std::int64_t at_us) = 0;

  // How each of the merchant's items in `item_ids` must be carried; ids no longer on the menu
  // are left out. not_found when there is no such merchant.
  virtual Result<std::vector<ItemHandling>> item_handling(
      std::string_view merchant_id, const std::vector<std::string>& item_ids) = 0;

  // Inside the caller's transaction (orders places an order in the same one): takes the lines
  // from the tracked stock counts of the merchant's items. conflict naming the item (member
  // "item_id") when one is sold out or has fewer left than asked; nothing is taken then.
  // not_found when an item is not on the merchant's menu. Items whose stock is not tracked
  // only refuse when marked sold out.
  virtual Status reserve_stock(store::Transaction& tx, std::string_view merchant_id,
                               const std::vector<StockLine>& lines) = 0;
  // Gives reserved lines back (a rejected or cancelled order); items no longer on the menu or
  // no longer tracked are skipped.
  virtual Status release_stock(store::Transaction& tx, std::string_view merchant_id,
                               const std::vector<StockLine>& lines) = 0;

  // The operator's path (`reskflow seed`, imports): no caller checks; the owner becomes the
  // merchant's owner member. read_merchant_document reads the HTTP API's body into a profile.
  virtual Result<MerchantRef> create_merchant(std::string_view owner_user_id,
                                              const MerchantProfile& profile) = 0;
  // A virtual brand of the kitchen: its address, location, time zone and currency become the
  // kitchen's, and a radius zone is centred on the kitchen (read_brand_document reads a body).
  virtual Result<MerchantRef> create_brand(std::string_view kitchen_id,
                                           const MerchantProfile& brand) = 0;
  virtual Result<std::optional<MerchantRef>> merchant_by_slug(std::string_view slug) = 0;
  // Replaces the whole menu (read_menu_document reads a body).
  virtual Status replace_menu(std::string_view merchant_id, const MenuDraft& menu) = 0;
};

class CatalogModule : public modules::Module {
 public:
  virtual Catalog& catalog() = 0;
};

// The public interfaces catalog needs.
struct Deps {
  identity::Directory& directory;         // merchant staff and their levels, audit of admin actions
  modules::Authenticator& authenticator;  // who asks, where signed-in callers see more
};

// Fails when a RESKFLOW_CATALOG_* setting is malformed or unknown.
Result<std::unique_ptr<CatalogModule>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::catalog
