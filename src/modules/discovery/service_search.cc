// GET /v1/search: merchants and menu items matching a text query, ranked by relevance, then
// distance (with a point), then name; with a point, only merchants delivering there and their
// items.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <tuple>

#include "query.h"
#include "reskflow/core/log.h"
#include "score.h"
#include "service.h"

namespace reskflow::discovery {
namespace {

struct Hit {
  std::int64_t score = 0;
  std::int64_t distance_m = 0;  // 0 without a point
  std::string name;
  std::string id;
  std::optional<double> exact_distance_m;
  std::size_t index = 0;  // into the rows read

  bool operator<(const Hit& other) const {
    return std::tie(other.score, distance_m, name, id) <
           std::tie(score, other.distance_m, other.name, other.id);
  }
};

// Keeps the hits ranked first; `hits` is reordered.
void keep_best(std::vector<Hit>& hits, std::size_t limit) {
  const auto end = std::min(hits.size(), limit);
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(end), hits.end());
  hits.resize(end);
}

// Scores `rows` (merchants or items) for the words; drops non-delivering ones when at is set.
template <class Row, class Fields, class MerchantOf>
std::vector<Hit> rank(const std::vector<Row>& rows, const std::vector<std::string>& words,
                      std::optional<geo::Point> at, std::size_t limit, Fields fields,
                      MerchantOf merchant_of) {
  std::vector<Hit> hits;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const StoredMerchant& merchant = *merchant_of(rows[i]);
    Hit hit;
    if (at) {
      hit.exact_distance_m = distance_if_delivering(merchant, *at);
      if (!hit.exact_distance_m) continue;
      hit.distance_m = std::llround(*hit.exact_distance_m);
    }
    hit.score = score(words, fields(rows[i]));
    if (hit.score == 0) continue;
    hit.name = rows[i].name;
    hit.id = rows[i].id;
    hit.index = i;
    hits.push_back(std::move(hit));
  }
  keep_best(hits, limit);
  return hits;
}

ItemHit item_hit(const StoredItem& item, std::int64_t score) {
  return {item.id,      item.merchant.id, item.merchant.name,
          item.name,    item.description, {item.price_minor, item.currency},
          item.dietary, item.photo_url,   score};
}

struct Matches {
  std::vector<StoredMerchant> merchants;
  std::vector<StoredItem> items;
};

}  // namespace

Result<SearchResults> Service::search(const SearchQuery& query, std::int64_t now_us) {
  const auto started = std::chrono::steady_clock::now();
  if (query.limit < 1 || query.limit > search_results_max)
    return fail(ErrorCode::validation_failed, "the query is invalid",
                {{"limit", "must be between 1 and " + std::to_string(search_results_max)}});
  if (query.at && !geo::valid(*query.at))
    return fail(ErrorCode::validation_failed, "the query is invalid",
                {{"lat", "the point must be a valid latitude/longitude"}});
  auto words = query_words(query.q, "q");
  if (!words) return std::unexpected(words.error());
  auto matches = db_.read([&](store::Transaction& tx) -> Result<Matches> {
    auto terms = term_query(tx, *words);
    if (!terms) return std::unexpected(terms.error());
    auto merchants = merchant_matches(tx, *terms, query.at, settings_.candidates_max);
    if (!merchants) return std::unexpected(merchants.error());
    auto items = item_matches(tx, *terms, query.at, settings_.candidates_max);
    if (!items) return std::unexpected(items.error());
    return Matches{std::move(*merchants), std::move(*items)};
  });
  if (!matches) return std::unexpected(matches.error());
  if (matches->merchants.size() >= settings_.candidates_max ||
      matches->items.size() >= settings_.candidates_max) {
    metrics_.candidates_truncated.inc();
    log::warn("discovery_candidates_truncated", {{"query", query.q}});
  }
  SearchResults results;
  const auto merchant_hits = rank(matches->merchants, *words, query.at, query.limit,
                                  merchant_fields, [](const StoredMerchant& m) { return &m; });
  for (const auto& hit : merchant_hits) {
    auto card = card_of(matches->merchants[hit.index], hit.exact_distance_m, now_us);
    card.score = hit.score;
    results.merchants.push_back(std::move(card));
  }
  const auto item_hits = rank(matches->items, *words, query.at, query.limit, item_fields,
                              [](const StoredItem& i) { return &i.merchant; });
  for (const auto& hit : item_hits)
    results.items.push_back(item_hit(matches->items[hit.index], hit.score));
  metrics_.searches.inc();
  metrics_.search_seconds.observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return results;
}

}  // namespace reskflow::discovery
