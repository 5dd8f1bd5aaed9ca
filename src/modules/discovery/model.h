// What discovery keeps of catalog's and reviews' events, read from their payloads
// (docs/commerce.md, "Events"), and the rows its queries return.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/discovery/discovery.h"
#include "reskflow/modules/geo.h"
#include "reskflow/modules/opening_hours.h"

namespace reskflow::discovery {

namespace hours = modules::hours;

// catalog.merchant.updated: the merchant document.
struct MerchantRecord {
  std::string id;
  std::int64_t version = 0;
  std::string status;  // active, suspended, deleted
  std::optional<std::string> kitchen_id;
  std::string slug;
  std::string name;
  std::optional<std::string> description;
  std::vector<std::string> cuisines;
  std::int64_t price_level = 1;
  std::optional<std::string> photo_url;
  geo::Point location;
  geo::Zone zone;
  std::string zone_json;   // the zone document as received
  std::string hours_json;  // the opening-hours document as received
  std::string time_zone;
  std::string currency;
  std::int64_t prep_time_minutes = 0;
  modules::Money minimum_order;  // in `currency`
  std::optional<std::int64_t> paused_until_us;
};

struct MenuItemRecord {
  std::string id;
  std::string name;
  std::optional<std::string> description;
  std::string category;
  modules::Money price;
  std::vector<std::string> dietary;
  bool sold_out = false;
  std::optional<std::string> photo_url;
};

// catalog.menu.updated: the whole menu, flattened.
struct MenuRecord {
  std::string merchant_id;
  std::int64_t version = 0;
  std::vector<MenuItemRecord> items;
};

// reviews.rating.updated.
struct RatingRecord {
  std::string merchant_id;
  std::int64_t version = 0;
  double average = 0;
  std::int64_t count = 0;
};

// validation_failed naming the first malformed field.
Result<MerchantRecord> read_merchant_event(std::string_view payload_json);
Result<MenuRecord> read_menu_event(std::string_view payload_json);
Result<RatingRecord> read_rating_event(std::string_view payload_json);

// A listed merchant as the queries read it.
struct StoredMerchant {
  std::int64_t seq = 0;
  std::string id;
  std::optional<std::string> kitchen_id;
  std::string slug;
  std::string name;
  std::vector<std::string> cuisines;
  std::int64_t price_level = 1;
  std::optional<std::string> photo_url;
  geo::Point location;
  std::optional<double> zone_radius_m;
  std::string zone_json;
  std::string hours_json;
  std::string time_zone;
  std::string currency;
  std::int64_t prep_time_minutes = 0;
  modules::Money minimum_order;  // in `currency`
  std::optional<std::int64_t> paused_until_us;
  std::optional<Rating> rating;
  // Read only when a query has text to match.
  std::optional<std::string> description;
  std::string menu_text;
};

// A menu item with its (listed) merchant.
struct StoredItem {
  std::int64_t seq = 0;
  std::string id;
  std::string name;
  std::optional<std::string> description;
  std::string category;
  modules::Money price;
  std::vector<std::string> dietary;
  std::optional<std::string> photo_url;
  StoredMerchant merchant;  // without description and menu_text
};

// ",a,b," <-> {"a","b"}: how tag lists are stored.
std::string tag_list(const std::vector<std::string>& tags);
std::vector<std::string> tags_of(std::string_view stored);

}  // namespace reskflow::discovery
