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

ProfileEdit merchant_patch(boost::json::object body) {
  return [body = std::move(body)](const Merchant& current) {
    return read_merchant_patch(body, current);
  };
}

BrandProfile brand_profile(boost::json::object body) {
  return [body = std::move(body)](const MerchantProfile& kitchen) -> Result<MerchantProfile> {
    auto input = read_new_merchant(body, &kitchen, false);
    if (!input) return std::unexpected(input.error());
    return std::move(input->profile);
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

}  // namespace reskflow::catalog
