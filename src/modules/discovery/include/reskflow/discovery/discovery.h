// The discovery module's public interface: listing the merchants that deliver to a point, with
// filters and sorts, and searching merchants and menu items together. Discovery is a read model
// fed by catalog's and reviews' events; it never reads their tables.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/modules/geo.h"
#include "reskflow/modules/module.h"
#include "reskflow/modules/money.h"

namespace reskflow::drivers {
class Drivers;
}  // namespace reskflow::drivers

namespace reskflow::discovery {

namespace geo = modules::geo;

enum class Sort : std::uint8_t { relevance, distance, rating, delivery_time };

// Pages hold 1..100 merchants (20 by default); search returns up to 50 of each kind.
inline constexpr std::size_t page_merchants_default = 20;
inline constexpr std::size_t page_merchants_max = 100;
inline constexpr std::size_t search_results_default = 20;
inline constexpr std::size_t search_results_max = 50;

struct ListingQuery {
  geo::Point at;                           // the delivery address
  std::string q;                           // empty: no text filter
  std::vector<std::string> cuisines;       // any of them
  std::vector<std::string> dietary;        // one item carries every tag
  std::vector<std::int64_t> price_levels;  // any of them (1..4)
  bool open_now = false;
  std::optional<std::int64_t> max_delivery_minutes;
  std::optional<double> min_rating;
  std::optional<Sort> sort;  // default: relevance with q, distance without
  std::string cursor;        // from the previous page; empty for the first
  std::size_t limit = page_merchants_default;
};

struct Rating {
  double average = 0;
  std::int64_t count = 0;
};

struct MerchantCard {
  std::string id;
  std::string name;
  std::string slug;
  std::vector<std::string> cuisines;
  std::int64_t price_level = 1;
  std::optional<std::string> photo_url;
  std::optional<Rating> rating;                  // none before the first review
  std::optional<std::int64_t> distance_m;        // none when searching without a point
  std::optional<std::int64_t> delivery_minutes;  // prep + travel + handover; none without a point
  bool open_now = false;                         // hours in its time zone; paused is closed
  std::optional<std::int64_t> paused_until_us;
  modules::Money minimum_order;           // in the merchant's currency
  std::optional<std::string> kitchen_id;  // set for virtual brands
  std::int64_t score = 0;                 // text relevance; 0 without q
};

struct ListingPage {
  std::vector<MerchantCard> data;
  bool has_more = false;
  std::string next_cursor;  // empty when !has_more
};

struct SearchQuery {
  std::string q;
  std::optional<geo::Point> at;  // only merchants delivering there (and their items)
  std::size_t limit = search_results_default;
};

struct ItemHit {
  std::string item_id;
  std::string merchant_id;
  std::string merchant_name;
  std::string name;
  std::optional<std::string> description;
  modules::Money price;
  std::vector<std::string> dietary;
  std::optional<std::string> photo_url;
  std::int64_t score = 0;
};

struct SearchResults {
  std::vector<MerchantCard> merchants;
  std::vector<ItemHit> items;
};

// Thread-safe; blocking (call from the worker pool). `now_us` (UTC microseconds) decides
// open_now. validation_failed with field errors for a bad query (q, cursor, sort).
class Discovery {
 public:
  virtual ~Discovery() = default;
  virtual Result<ListingPage> list_merchants(const ListingQuery& query, std::int64_t now_us) = 0;
  virtual Result<SearchResults> search(const SearchQuery& query, std::int64_t now_us) = 0;
};

class DiscoveryModule : public modules::Module {
 public:
  virtual Discovery& discovery() = 0;
};

// The public interfaces discovery needs (its merchants come from catalog's and reviews' events).
struct Deps {
  const drivers::Drivers& drivers;  // the travel model behind the delivery estimate
};

// Fails when a RESKFLOW_DISCOVERY_* setting is malformed or unknown.
Result<std::unique_ptr<DiscoveryModule>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::discovery
