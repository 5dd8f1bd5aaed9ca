// Discovery's rules: applying events to the read model, and answering listings and searches
// from its in-memory index (exact zone test, delivery estimate, open now, relevance, sort and
// cursor pages). No HTTP.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "cursor.h"
#include "index.h"
#include "metrics.h"
#include "model.h"
#include "repository.h"
#include "reskflow/bus/event.h"
#include "reskflow/discovery/discovery.h"
#include "reskflow/drivers/drivers.h"
#include "reskflow/store/database.h"
#include "settings.h"

namespace reskflow::discovery {

// The delivery estimate: prep time + the courier's predicted travel time from the merchant to
// the point (drivers' travel model), rounded up to whole minutes, + a fixed handover.
inline constexpr std::int64_t handover_minutes = 5;
std::int64_t delivery_minutes(std::int64_t prep_time_minutes, double travel_seconds);

// What a query computed for one merchant it shows; the merchant is held by the index.
struct CardFacts {
  const IndexedMerchant* merchant = nullptr;
  std::optional<double> distance_m;              // with a point
  std::optional<std::int64_t> delivery_minutes;  // with a point
  bool open_now = false;
  std::int64_t score = 0;  // text relevance; 0 without text
};

// A listing page as found in the index, which it keeps alive; cards in page order.
struct ListingFound {
  std::shared_ptr<const Index> index;
  std::vector<CardFacts> cards;
  bool has_more = false;
  std::string next_cursor;  // empty when !has_more
  std::int64_t now_us = 0;  // the time open_now and paused_until were decided at
};

struct ItemFound {
  const IndexedItem* item = nullptr;
  std::int64_t score = 0;
};

struct SearchFound {
  std::shared_ptr<const Index> index;
  std::vector<CardFacts> merchants;
  std::vector<ItemFound> items;
  std::int64_t now_us = 0;
};

// A listing query's words and cursor, read before the index is.
struct PreparedListing {
  std::vector<std::string> words;
  std::uint64_t fingerprint = 0;
  std::optional<SortKey> after;
};

// The card of a merchant as the public interface returns it.
MerchantCard card_of(const CardFacts& facts, std::int64_t now_us);

class Service final : public Discovery {
 public:
  Service(store::Database& db, DiscoverySettings settings, DiscoveryMetrics& metrics,
          const drivers::Drivers& drivers);

  Result<ListingPage> list_merchants(const ListingQuery& query, std::int64_t now_us) override;
  Result<SearchResults> search(const SearchQuery& query, std::int64_t now_us) override;

  // The same queries as found in the index, without copying (the routes render them directly).
  // Blocking when a change made the index stale: run on a worker.
  Result<ListingFound> find_merchants(const ListingQuery& query, std::int64_t now_us);
  Result<SearchFound> find(const SearchQuery& query, std::int64_t now_us);
  // Never blocking, for the I/O thread: the answer from the index as loaded, or nullopt when
  // the index must be loaded or the query has more than inline_candidates_max candidates.
  std::optional<Result<ListingFound>> find_merchants_inline(const ListingQuery& query,
                                                            std::int64_t now_us);
  std::optional<Result<SearchFound>> find_inline(const SearchQuery& query, std::int64_t now_us);

  // Event handlers (idempotent: deduplicated by event id, then by version).
  Status on_merchant_updated(const bus::Envelope& event);
  Status on_menu_updated(const bus::Envelope& event);
  Status on_rating_updated(const bus::Envelope& event);

  // Another node changed the read model (discovery.merchant.indexed): the next query reloads
  // the index. This node's own changes do so as they commit.
  void invalidate();

 private:
  template <class Read, class Apply>
  Status consume(const bus::Envelope& event, std::string_view consumer, Read read, Apply apply);
  // The index as of the last change, loaded by the first query after it (one load at a time;
  // a load that raced with a change serves its query and is replaced by the next).
  Result<std::shared_ptr<const Index>> index();
  // The index as of the last change when it is loaded, else null; never blocks on a load.
  std::shared_ptr<const Index> held_index();
  // The estimate from `merchant` to `at`, leaving now.
  std::int64_t estimate(const IndexedMerchant& merchant, geo::Point at, std::int64_t now_us) const;
  // The facts of a card a query shows: its estimate (when it has a distance) and open_now.
  CardFacts facts(const IndexedMerchant& merchant, std::optional<double> distance_m,
                  std::optional<geo::Point> at, std::int64_t now_us) const;
  // The listing's candidates: in the zone boxes holding the point, matching the text, passing
  // the column filters.
  std::vector<const IndexedMerchant*> listing_rows(const Index& index, const ListingQuery& query,
                                                   const PreparedListing& prepared);
  ListingFound listing_page(std::shared_ptr<const Index> index,
                            const std::vector<const IndexedMerchant*>& rows,
                            const ListingQuery& query, const PreparedListing& prepared,
                            std::int64_t now_us, std::chrono::steady_clock::time_point started);
  // The search's candidates (merchants and items matching the text, near the point).
  struct SearchRows {
    std::vector<std::size_t> merchants;  // into the index's merchants
    std::vector<std::size_t> items;      // into the index's items
  };
  SearchRows search_rows(const Index& index, const SearchQuery& query,
                         const std::vector<std::string>& words);
  SearchFound search_results(std::shared_ptr<const Index> index, const SearchRows& rows,
                             const SearchQuery& query, const std::vector<std::string>& words,
                             std::int64_t now_us, std::chrono::steady_clock::time_point started);

  store::Database& db_;
  DiscoverySettings settings_;
  DiscoveryMetrics& metrics_;
  const drivers::Drivers& drivers_;
  std::atomic<std::uint64_t> generation_{1};  // bumped by every change
  std::mutex load_mutex_;                     // held while loading
  std::mutex index_mutex_;                    // guards index_ and index_generation_
  std::shared_ptr<const Index> index_;
  std::uint64_t index_generation_ = 0;
};

// Consumer names (the relay keeps one position per name).
inline constexpr std::string_view consumer_merchants = "discovery.merchants";
inline constexpr std::string_view consumer_menus = "discovery.menus";
inline constexpr std::string_view consumer_ratings = "discovery.ratings";
// Per node: discovery.merchant.indexed drops this node's index (a stable name resumes).
inline constexpr std::string_view consumer_index_prefix = "discovery.index.";

}  // namespace reskflow::discovery
