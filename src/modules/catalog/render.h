// The catalog's JSON documents (docs/commerce.md): merchants, menus and their parts, and the
// payloads of the events catalog publishes.
#pragma once

#include <cstdint>

#include <boost/json/object.hpp>

#include "model.h"
#include "reskflow/catalog/events.h"
#include "reskflow/core/errors.h"

namespace reskflow::catalog {

class Service;
struct RenderedMenu;

// The GET response of the merchant's menu, rendered from the service's snapshot and kept in its
// cache (only active merchants' menus are cached).
Result<RenderedMenu> rendered_menu(Service& service, std::string_view merchant_id);

// Active, not paused, and inside its opening hours at at_us in its time zone.
bool open_now(const Merchant& merchant, std::int64_t at_us);

// The merchant document; `open_now` is left out when at_us is nullopt (the event payload).
boost::json::object merchant_document(const Merchant& merchant, std::optional<std::int64_t> at_us);

boost::json::object category_document(const Category& category, const Menu& menu,
                                      const Merchant& merchant, std::int64_t at_us);
boost::json::object item_document(const Item& item, const Menu& menu, const Merchant& merchant,
                                  std::int64_t at_us);
boost::json::object group_document(const ModifierGroup& group);
boost::json::object menu_document(const Merchant& merchant, const Menu& menu, std::int64_t at_us);

// catalog.menu.updated: every item, flattened for the search index.
// The payloads of catalog.merchant.updated and catalog.menu.updated.
events::MerchantUpdated merchant_event(const Merchant& merchant);
events::MenuUpdated menu_event(const Merchant& merchant, const Menu& menu);

// JSON text of the nested documents stored as columns.
boost::json::value address_document(const Address& address);
boost::json::value windows_document(const std::vector<Window>& windows);
boost::json::value strings_document(const std::vector<std::string>& list);

}  // namespace reskflow::catalog
