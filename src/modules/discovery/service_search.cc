// GET /v1/search: merchants and menu items matching a text query, ranked by relevance, then
// distance (with a point), then name; with a point, only merchants delivering there and their
// items.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <string_view>
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
  std::string_view name;        // held by the index
  std::string_view id;
  std::optional<double> exact_distance_m;
  std::size_t index = 0;  // into the index's merchants or items

  bool operator<(const Hit& other) const {
    return std::tie(other.score, distance_m, name, id) <
           std::tie(score, other.distance_m, other.name, other.id);
  }
};

// What ranking reads of a merchant or an item.
std::size_t merchant_position(const IndexedMerchant& /*merchant*/, std::size_t position) {
  return position;
}
std::size_t merchant_position(const IndexedItem& item, std::size_t /*position*/) {
  return item.merchant;
}
const std::string& name_of(const IndexedMerchant& merchant) { return merchant.stored.name; }
const std::string& name_of(const IndexedItem& item) { return item.item.name; }
const std::string& id_of(const IndexedMerchant& merchant) { return merchant.stored.id; }
const std::string& id_of(const IndexedItem& item) { return item.item.id; }

// Keeps the hits ranked first; `hits` is reordered.
void keep_best(std::vector<Hit>& hits, std::size_t limit) {
  const auto end = std::min(hits.size(), limit);
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(end), hits.end());
  hits.resize(end);
}

// The documents (merchants or items) matching the text, within the box of their merchant's
// zone when at is set: at most rows_max, the first in seq order.
template <class Document>
std::vector<std::size_t> matches(const Index& index, const std::vector<Document>& documents,
                                 const WordIndex& words, const TermQuery& text,
                                 std::optional<geo::Point> at, std::size_t rows_max) {
  auto out = words.matching(text);
  if (at) {
    const auto near = index.merchants_near(*at);
    std::erase_if(out, [&](std::size_t position) {
      return !std::binary_search(near.begin(), near.end(),
                                 merchant_position(documents[position], position));
    });
  }
  if (out.size() > rows_max) out.resize(rows_max);
  return out;
}

// Scores the matching documents for the words; drops non-delivering ones when at is set.
template <class Document>
std::vector<Hit> rank(const Index& index, const std::vector<Document>& documents,
                      const std::vector<std::size_t>& positions,
                      const std::vector<std::string>& words, std::optional<geo::Point> at,
                      std::size_t limit) {
  std::vector<Hit> hits;
  for (const auto position : positions) {
    const auto& document = documents[position];
    const auto& merchant = index.merchants()[merchant_position(document, position)];
    Hit hit;
    if (at) {
      hit.exact_distance_m = distance_if_delivering(merchant, *at);
      if (!hit.exact_distance_m) continue;
      hit.distance_m = std::llround(*hit.exact_distance_m);
    }
    hit.score = score(words, document.fields);
    if (hit.score == 0) continue;
    hit.name = name_of(document);
    hit.id = id_of(document);
    hit.index = position;
    hits.push_back(hit);
  }
  keep_best(hits, limit);
  return hits;
}

// Checks the query and reads its words.
Result<std::vector<std::string>> search_words(const SearchQuery& query) {
  if (query.limit < 1 || query.limit > search_results_max)
    return fail(ErrorCode::validation_failed, "the query is invalid",
                {{"limit", "must be between 1 and " + std::to_string(search_results_max)}});
  if (query.at && !geo::valid(*query.at))
    return fail(ErrorCode::validation_failed, "the query is invalid",
                {{"lat", "the point must be a valid latitude/longitude"}});
  return query_words(query.q, "q");
}

}  // namespace

Service::SearchRows Service::search_rows(const Index& index, const SearchQuery& query,
                                         const std::vector<std::string>& words) {
  const auto text = term_query(index, words);
  SearchRows rows;
  rows.merchants = matches(index, index.merchants(), index.merchant_words(), text, query.at,
                           settings_.candidates_max);
  rows.items =
      matches(index, index.items(), index.item_words(), text, query.at, settings_.candidates_max);
  if (rows.merchants.size() >= settings_.candidates_max ||
      rows.items.size() >= settings_.candidates_max) {
    metrics_.candidates_truncated.inc();
    log::warn("discovery_candidates_truncated", {{"query", query.q}});
  }
  return rows;
}

SearchFound Service::search_results(std::shared_ptr<const Index> index, const SearchRows& rows,
                                    const SearchQuery& query, const std::vector<std::string>& words,
                                    std::int64_t now_us,
                                    std::chrono::steady_clock::time_point started) {
  const Index& in = *index;
  SearchFound found{std::move(index), {}, {}, now_us};
  for (const auto& hit : rank(in, in.merchants(), rows.merchants, words, query.at, query.limit)) {
    auto card = facts(in.merchants()[hit.index], hit.exact_distance_m, query.at, now_us);
    card.score = hit.score;
    found.merchants.push_back(card);
  }
  for (const auto& hit : rank(in, in.items(), rows.items, words, query.at, query.limit))
    found.items.push_back({&in.items()[hit.index], hit.score});
  metrics_.searches.inc();
  metrics_.search_seconds.observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return found;
}

Result<SearchFound> Service::find(const SearchQuery& query, std::int64_t now_us) {
  const auto started = std::chrono::steady_clock::now();
  auto words = search_words(query);
  if (!words) return std::unexpected(words.error());
  auto index = this->index();
  if (!index) return std::unexpected(index.error());
  const auto rows = search_rows(**index, query, *words);
  return search_results(std::move(*index), rows, query, *words, now_us, started);
}

std::optional<Result<SearchFound>> Service::find_inline(const SearchQuery& query,
                                                        std::int64_t now_us) {
  const auto started = std::chrono::steady_clock::now();
  auto words = search_words(query);
  if (!words) return std::unexpected(words.error());
  auto index = held_index();
  if (!index) return std::nullopt;
  const auto rows = search_rows(*index, query, *words);
  if (rows.merchants.size() + rows.items.size() > settings_.inline_candidates_max)
    return std::nullopt;
  return search_results(std::move(index), rows, query, *words, now_us, started);
}

Result<SearchResults> Service::search(const SearchQuery& query, std::int64_t now_us) {
  auto found = find(query, now_us);
  if (!found) return std::unexpected(found.error());
  SearchResults results;
  for (const auto& card : found->merchants) results.merchants.push_back(card_of(card, now_us));
  for (const auto& hit : found->items) {
    const StoredItem& item = hit.item->item;
    results.items.push_back({item.id, item.merchant.id, item.merchant.name, item.name,
                             item.description, item.price, item.dietary, item.photo_url,
                             hit.score});
  }
  return results;
}

}  // namespace reskflow::discovery
