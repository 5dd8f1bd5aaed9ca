// Discovery's rules: applying events to the read model, and answering listings and searches
// from its in-memory index (exact zone test, delivery estimate, open now, relevance, sort and
// cursor pages). No HTTP.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "index.h"
#include "metrics.h"
#include "model.h"
#include "repository.h"
#include "reskflow/bus/event.h"
#include "reskflow/discovery/discovery.h"
#include "reskflow/store/database.h"
#include "settings.h"

namespace reskflow::discovery {

// The delivery estimate: prep time + great-circle distance x circuity at a city courier's speed,
// rounded up to whole minutes, + a fixed handover.
inline constexpr double road_circuity = 1.3;
inline constexpr double courier_speed_m_per_minute = 18'000.0 / 60.0;  // 18 km/h
inline constexpr std::int64_t handover_minutes = 5;
std::int64_t delivery_minutes(std::int64_t prep_time_minutes, double distance_m);

// The card of a merchant; distance and delivery estimate only when `distance_m` is set.
MerchantCard card_of(const IndexedMerchant& merchant, std::optional<double> distance_m,
                     std::int64_t now_us);

class Service final : public Discovery {
 public:
  Service(store::Database& db, DiscoverySettings settings, DiscoveryMetrics& metrics);

  Result<ListingPage> list_merchants(const ListingQuery& query, std::int64_t now_us) override;
  Result<SearchResults> search(const SearchQuery& query, std::int64_t now_us) override;

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

  store::Database& db_;
  DiscoverySettings settings_;
  DiscoveryMetrics& metrics_;
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
