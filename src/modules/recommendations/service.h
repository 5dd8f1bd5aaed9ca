// The recommendation rules on typed values: the counters each delivered order adds to (and a
// customer's erasure removes), and the ranked candidates of "order again", "popular near you" and
// "often ordered together". Whether a candidate can be ordered now is shelf.h's. No HTTP, no
// JSON, no SQL here.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics.h"
#include "reskflow/bus/event.h"
#include "reskflow/modules/clock.h"
#include "reskflow/modules/geo.h"
#include "reskflow/store/database.h"
#include "settings.h"

namespace reskflow::recommendations {

// Durable consumer names (the relay keeps a position per name: never rename them).
inline constexpr std::string_view consumer_orders = "recommendations.orders";
inline constexpr std::string_view consumer_erasure = "recommendations.user_erased";

// Bounds: an answer holds 1..answer_items_max items; at most candidates_max candidates are read
// for one; the pairs of an order are counted among its first pair_items_max distinct items.
inline constexpr std::int64_t answer_items_max = 50;
inline constexpr std::int64_t answer_items_default = 10;
inline constexpr std::int64_t candidates_max = 200;
inline constexpr std::size_t pair_items_max = 20;

// One distinct item of a delivered order (its lines with the same item summed).
struct OrderedItem {
  std::string item_id;
  std::string name;
  std::int64_t quantity = 0;
};

// What orders.order.delivered tells recommendations.
struct DeliveredOrder {
  std::string order_id;
  std::string customer_id;
  std::string merchant_id;
  std::int64_t delivered_at_us = 0;
  std::vector<OrderedItem> items;
  // Where the merchant is (looked up from catalog when counted); none: not counted as popular.
  std::optional<modules::geo::Point> merchant_location;
};

// An item or a merchant to recommend, before anyone asked whether it can be ordered now.
struct Candidate {
  std::string item_id;  // empty for a merchant
  std::string merchant_id;
  std::string name;         // the item's name as last ordered
  std::int64_t score = 0;   // millionths of an order, decayed to now (pairs: orders)
  std::int64_t orders = 0;  // how many delivered orders held it
  std::int64_t last_ordered_at_us = 0;
};

// Where a merchant is (catalog's, in the module); nullopt for a merchant no longer there. Called
// outside any transaction of this module.
using LocateMerchant =
    std::function<Result<std::optional<modules::geo::Point>>(std::string_view merchant_id)>;

class Service {
 public:
  Service(store::Database& db, LocateMerchant locate, const RecommendationsSettings& settings,
          RecommendationsMetrics& metrics, modules::Clock clock);

  // The consumers (each event once, through bus::handle_once). A malformed payload is logged,
  // counted and skipped.
  Status on_order_delivered(const bus::Envelope& event);
  Status on_user_erased(const bus::Envelope& event);
  // Adds one delivered order to every counter, inside the caller's transaction.
  Status count_order(store::Transaction& tx, const DeliveredOrder& order);

  // The customer's items and merchants, best first (recency-weighted order counts), at most
  // candidates_max of each.
  Result<std::vector<Candidate>> order_again_items(std::string_view customer_id);
  Result<std::vector<Candidate>> order_again_merchants(std::string_view customer_id);
  // Items of merchants located in the cell of `at` and its neighbours, by orders in the window
  // decayed to now.
  Result<std::vector<Candidate>> popular_near(modules::geo::Point at);
  // The merchant's items most often delivered in the same order as item_id.
  Result<std::vector<Candidate>> ordered_with(std::string_view merchant_id,
                                              std::string_view item_id);

  std::int64_t now_us() const { return clock_(); }

 private:
  Status rejected(const bus::Envelope& event);
  Status count_customer(store::Transaction& tx, const DeliveredOrder& order);
  Status count_cell(store::Transaction& tx, const DeliveredOrder& order);
  Status count_pairs(store::Transaction& tx, const DeliveredOrder& order);
  Result<std::vector<Candidate>> customer_candidates(std::string_view scope,
                                                     std::string_view customer_id);

  store::Database& db_;
  LocateMerchant locate_;
  RecommendationsSettings settings_;
  RecommendationsMetrics& metrics_;
  modules::Clock clock_;
};

}  // namespace reskflow::recommendations
