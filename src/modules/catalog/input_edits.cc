// Request bodies as the typed edits the service applies inside its transactions: each edit keeps
// its body and reads it against what the transaction loaded.
#include <boost/json.hpp>

#include "input.h"

namespace reskflow::catalog {

Result<MerchantProfile> read_merchant_document(const boost::json::object& document) {
  auto input = read_new_merchant(document, nullptr, false);
  if (!input) return std::unexpected(input.error());
  return std::move(input->profile);
}

Result<MerchantProfile> read_brand_document(const boost::json::object& document) {
  const MerchantProfile no_site;  // the kitchen's replaces it when the brand is created
  auto input = read_new_merchant(document, &no_site, false);
  if (!input) return std::unexpected(input.error());
  return std::move(input->profile);
}

// Ids local to the draft ("draft-1", ...): replace_menu gives the objects their real ones.
Result<MenuDraft> read_menu_document(const boost::json::object& document) {
  std::int64_t drafted = 0;
  auto menu =
      read_menu(document, Menu{}, [&drafted] { return "draft-" + std::to_string(++drafted); });
  if (!menu) return std::unexpected(menu.error());
  return MenuDraft(std::make_shared<const Menu>(std::move(*menu)));
}

ProfileEdit merchant_patch(boost::json::object body) {
  return [body = std::move(body)](const Merchant& current) {
    return read_merchant_patch(body, current);
  };
}

MenuReplacement menu_replacement(boost::json::object body) {
  return [body = std::move(body)](const Menu& current, const IdSource& ids) {
    return read_menu(body, current, ids);
  };
}

PartEdit<Category> category_edit(boost::json::object body) {
  return [body = std::move(body)](std::optional<Category> current, const Menu& menu,
                                  const IdSource& ids) {
    return read_category(body, std::move(current), menu, ids);
  };
}

PartEdit<Item> item_edit(boost::json::object body) {
  return
      [body = std::move(body)](std::optional<Item> current, const Menu& menu, const IdSource& ids) {
        return read_item(body, std::move(current), menu, ids);
      };
}

PartEdit<ModifierGroup> group_edit(boost::json::object body) {
  return [body = std::move(body)](std::optional<ModifierGroup> current, const Menu& menu,
                                  const IdSource& ids) {
    return read_group(body, std::move(current), menu, ids);
  };
}

StockEdit stock_edit(boost::json::object body) {
  return [body = std::move(body)](Item current) { return read_stock(body, std::move(current)); };
}

bool present(const boost::json::object& body, std::string_view key, bool patch) {
  return !patch || body.contains(key);
}

}  // namespace reskflow::catalog
