// Validation of the catalog's request documents (merchant create and PATCH, whole menus and
// their parts). HTTP routes and the Catalog interface share these, so an import and a request
// are held to the same rules; every problem is a field error with its path.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "edits.h"
#include "model.h"
#include "reskflow/core/errors.h"
#include "reskflow/core/json_body.h"

namespace reskflow::catalog {

// Bounds of merchant documents.
inline constexpr std::size_t name_chars_max = 120;
inline constexpr std::size_t description_chars_max = 1000;
inline constexpr std::size_t photo_url_chars_max = 500;
inline constexpr std::size_t address_line_chars_max = 200;
inline constexpr std::size_t city_chars_max = 100;
inline constexpr std::size_t postal_code_chars_max = 20;
inline constexpr std::size_t phone_chars_min = 4;
inline constexpr std::size_t phone_chars_max = 32;
inline constexpr std::size_t time_zone_chars_max = 64;
inline constexpr std::size_t pause_reason_chars_max = 200;
inline constexpr std::size_t suspension_reason_chars_max = 500;
inline constexpr std::size_t cuisines_max = 5;
inline constexpr std::int64_t prep_time_minutes_max = 180;
inline constexpr std::int64_t minimum_order_minor_max = 10'000'000;
inline constexpr std::int64_t pause_minutes_max = 1440;

// Bounds of a menu.
inline constexpr std::size_t categories_max = 50;
inline constexpr std::size_t items_max = 500;
inline constexpr std::size_t groups_max = 100;
inline constexpr std::size_t options_per_group_max = 30;
inline constexpr std::size_t groups_per_item_max = 20;
inline constexpr std::size_t photo_urls_max = 5;
inline constexpr std::size_t windows_max = 10;
inline constexpr std::int64_t price_minor_max = 10'000'000;
inline constexpr std::int64_t position_max = 1'000'000;
inline constexpr std::int64_t calories_max = 20'000;
inline constexpr std::int64_t stock_count_max = 1'000'000;
// Ids, and the labels a PUT document may use in their place.
inline constexpr std::size_t id_chars_max = 64;

// Field errors gathered from several readers (nested objects carry their full paths).
class Errors {
 public:
  // Finishes `reader` (unknown fields become errors too) and keeps its errors.
  void collect(json::ObjectReader& reader);
  void add(std::string field, std::string message);
  void add(const std::vector<FieldError>& more);
  bool empty() const { return fields_.empty(); }
  // validation_failed with every error, or success.
  Status finish();

 private:
  std::vector<FieldError> fields_;
};

// Whether to read `key`: a create body reads every field; a field a PATCH body leaves alone is
// absent.
bool present(const boost::json::object& body, std::string_view key, bool patch);

// A POST /v1/merchants body (kitchen == nullptr) or a POST .../brands body, which takes the
// kitchen's address, location, time zone and currency.
struct NewMerchant {
  MerchantProfile profile;
  std::optional<std::string> owner_user_id;  // read when `owner_field` is set (admins)
};
Result<NewMerchant> read_new_merchant(const boost::json::object& body,
                                      const MerchantProfile* kitchen, bool owner_field);

// PATCH /v1/merchants/{id}: the current profile with the body's fields applied (null clears an
// optional field). A brand's address, location, time zone and currency cannot change here.
Result<MerchantProfile> read_merchant_patch(const boost::json::object& body,
                                            const Merchant& current);

// The pause body {"minutes": 1..1440, "reason": optional}.
struct PauseRequest {
  std::int64_t minutes = 0;
  std::optional<std::string> reason;
};
Result<PauseRequest> read_pause(const boost::json::object& body);

// The suspension body {"reason": "..."}: required, one line of 1..500 characters once leading
// and trailing spaces are trimmed. Returns the trimmed reason.
Result<std::string> read_suspension(const boost::json::object& body);

// PUT /v1/merchants/{id}/menu: a whole menu. An `id` naming an object of the same kind on
// `current` keeps it; any other `id` is a label local to the document (modifier_group_ids may
// refer to it) and the object gets a new id.
Result<Menu> read_menu(const boost::json::object& body, const Menu& current, const IdSource& ids);

// The granular routes: a new object (POST, placed after the others unless the body gives a
// position) when `current` is nullopt, else `current` with the body's fields applied (PATCH).
// References (category_id, modifier_group_ids) are checked against `menu`.
Result<Category> read_category(const boost::json::object& body, std::optional<Category> current,
                               const Menu& menu, const IdSource& ids);
Result<Item> read_item(const boost::json::object& body, std::optional<Item> current,
                       const Menu& menu, const IdSource& ids);
Result<ModifierGroup> read_group(const boost::json::object& body,
                                 std::optional<ModifierGroup> current, const Menu& menu,
                                 const IdSource& ids);
// PUT .../stock: {"sold_out": bool} and/or {"stock_count": n or null}.
Result<Item> read_stock(const boost::json::object& body, Item current);

// The request bodies above as the typed edits the service applies (each keeps its body).
ProfileEdit merchant_patch(boost::json::object body);
MenuReplacement menu_replacement(boost::json::object body);
PartEdit<Category> category_edit(boost::json::object body);
PartEdit<Item> item_edit(boost::json::object body);
PartEdit<ModifierGroup> group_edit(boost::json::object body);
StockEdit stock_edit(boost::json::object body);

// The menu with a new id for every category, item, modifier group and option, and the items'
// references to them following (the operator's path: a MenuDraft's ids are local to it).
Menu with_new_ids(const Menu& menu, const IdSource& ids);

// The menu's size limits and cross-references (items' categories and groups exist).
Status check_menu(const Menu& menu);

// "HH:MM" -> minutes since midnight; "24:00" only when allow_midnight_end.
std::optional<int> parse_local_time(std::string_view text, bool allow_midnight_end);
std::string local_time_text(int minute);

// A relative path ("/demo/photos/pizza.svg") or an https URL, without spaces or controls.
bool valid_photo_url(std::string_view url);

}  // namespace reskflow::catalog
