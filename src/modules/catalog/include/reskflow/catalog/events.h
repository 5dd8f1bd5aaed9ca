// The events catalog publishes (bus, at least once; the subject is the merchant id) and their
// payloads. Every payload carries the merchant's `version`, which grows with every change to the
// merchant or its menu: consumers ignore a version at or below the one they hold, so
// redelivery and reordering are harmless (docs/commerce.md, "Events").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "reskflow/modules/geo.h"
#include "reskflow/modules/money.h"

namespace reskflow::catalog::events {

inline constexpr std::string_view merchant_updated = "catalog.merchant.updated";
inline constexpr std::string_view menu_updated = "catalog.menu.updated";

// catalog.merchant.updated: the merchant document of GET /v1/merchants/{id} without open_now.
// A tombstone (status "deleted") carries only id, status and version.
struct MerchantUpdated {
  std::string id;
  std::optional<std::string> kitchen_id;  // set for a virtual brand
  std::string slug;
  std::string name;
  std::optional<std::string> description;
  std::optional<std::string> phone;
  boost::json::value address;  // the merchant document's address object
  modules::geo::Point location;
  std::string time_zone;  // IANA
  std::string currency;   // ISO 4217
  std::vector<std::string> cuisines;
  std::int64_t price_level = 1;
  std::optional<std::string> photo_url;
  std::int64_t prep_time_minutes = 0;
  modules::Money minimum_order;      // JSON: minimum_order_minor, in `currency`
  boost::json::value delivery_zone;  // the zone document (modules::geo::zone_document)
  boost::json::value opening_hours;  // the opening-hours document
  std::string delivery_mode;         // platform, merchant (absent from older events: platform)
  std::optional<std::int64_t> paused_until_us;
  std::optional<std::string> pause_reason;
  std::string status;  // active, suspended, deleted
  std::int64_t version = 0;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;

  bool deleted() const { return status == "deleted"; }
};

// One menu item as search needs it.
struct MenuItem {
  std::string id;
  std::string name;
  std::optional<std::string> description;
  std::string category;  // its category's name
  modules::Money price;  // JSON: price_minor and currency
  std::vector<std::string> dietary;
  std::vector<std::string> allergens;
  bool sold_out = false;                 // sold out, or a stock count of 0
  std::optional<std::string> photo_url;  // the first photo
};

// catalog.menu.updated: every item of the menu, in display order.
struct MenuUpdated {
  std::string merchant_id;
  std::int64_t version = 0;
  std::vector<MenuItem> items;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const MerchantUpdated& event);
boost::system::result<MerchantUpdated> tag_invoke(
    const boost::json::try_value_to_tag<MerchantUpdated>&, const boost::json::value& in);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const MenuItem& item);
boost::system::result<MenuItem> tag_invoke(const boost::json::try_value_to_tag<MenuItem>&,
                                           const boost::json::value& in);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const MenuUpdated& event);
boost::system::result<MenuUpdated> tag_invoke(const boost::json::try_value_to_tag<MenuUpdated>&,
                                              const boost::json::value& in);

}  // namespace reskflow::catalog::events
