// GET /v1/merchants: the merchants delivering to a point, filtered, sorted and paged, from the
// in-memory index: the grid narrows to the zones whose box holds the point (or the word index
// to the documents matching q), then the filters, exact zone test, estimate, score and order.
#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <iterator>
#include <string_view>

#include "cursor.h"
#include "query.h"
#include "reskflow/core/log.h"
#include "score.h"
#include "service.h"

namespace reskflow::discovery {
namespace {

// A candidate's sort key without allocating: every component ascends (larger-is-better values
// are negated), then the id (held by the index). A cursor's SortKey is made for the page's last
// row only, and orders the same way.
struct RankKey {
  std::array<std::int64_t, 3> keys{};
  std::size_t count = 0;
  std::string_view id;

  bool operator<(const RankKey& other) const {
    const auto order = std::lexicographical_compare_three_way(
        keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(count), other.keys.begin(),
        other.keys.begin() + static_cast<std::ptrdiff_t>(other.count));
    return order != 0 ? order < 0 : id < other.id;
  }
  // `after` (a decoded cursor) < this.
  bool follows(const SortKey& after) const {
    const auto order =
        std::lexicographical_compare_three_way(after.keys.begin(), after.keys.end(), keys.begin(),
                                               keys.begin() + static_cast<std::ptrdiff_t>(count));
    return order != 0 ? order < 0 : std::string_view(after.id) < id;
  }
  SortKey cursor_key() const {
    return {{keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(count)}, std::string(id)};
  }
};

struct Candidate {
  const IndexedMerchant* merchant = nullptr;
  double distance_m = 0;
  std::int64_t delivery_minutes = 0;  // only when the sort or a filter needs it
  std::int64_t score = 0;
  RankKey key;
};

Sort effective_sort(const ListingQuery& q) {
  return q.sort.value_or(q.q.empty() ? Sort::distance : Sort::relevance);
}

std::string number_text(double value) {
  std::array<char, 32> buffer{};
  const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value).ptr;
  return {buffer.data(), end};
}

// Everything that decides the result set and its order, so a cursor only serves its query.
std::string canonical(const ListingQuery& q, const std::vector<std::string>& words) {
  auto sorted = [](auto list) {
    std::sort(list.begin(), list.end());
    return list;
  };
  std::string out = number_text(q.at.lat) + "," + number_text(q.at.lng) + "|";
  for (const auto& w : words) out += w + " ";
  for (const auto& c : sorted(q.cuisines)) out += "|c:" + c;
  for (const auto& d : sorted(q.dietary)) out += "|d:" + d;
  for (const auto p : sorted(q.price_levels)) out += "|p:" + std::to_string(p);
  out += q.open_now ? "|open" : "|any";
  if (q.max_delivery_minutes) out += "|m:" + std::to_string(*q.max_delivery_minutes);
  if (q.min_rating) out += "|r:" + number_text(*q.min_rating);
  return out + "|s:" + std::to_string(static_cast<int>(effective_sort(q)));
}

RankKey sort_key(Sort sort, const Candidate& c) {
  const auto distance = std::llround(c.distance_m);
  const auto& m = c.merchant->stored;
  const auto& rating = m.rating;
  switch (sort) {
    case Sort::relevance: return {{-c.score, distance}, 2, m.id};
    case Sort::rating:
      // Unrated merchants (key 1) come after every rated one (keys <= 0).
      return {{rating ? -std::llround(rating->average * 100) : 1, rating ? -rating->count : 0,
               distance},
              3,
              m.id};
    case Sort::delivery_time: return {{c.delivery_minutes, distance}, 2, m.id};
    case Sort::distance: break;
  }
  return {{distance}, 1, m.id};
}

Status check_query(const ListingQuery& q) {
  std::vector<FieldError> errors;
  if (!geo::valid(q.at)) errors.push_back({"lat", "the point must be a valid latitude/longitude"});
  if (q.limit < 1 || q.limit > page_merchants_max)
    errors.push_back({"limit", "must be between 1 and " + std::to_string(page_merchants_max)});
  if (q.sort == Sort::relevance && q.q.empty())
    errors.push_back({"sort", "relevance needs a text query q"});
  if (errors.empty()) return {};
  return fail(ErrorCode::validation_failed, "the query is invalid", std::move(errors));
}

bool has_tag(const std::vector<std::string>& tags, const std::string& tag) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

// The column filters: any of the cuisines, one of the price levels, the rating, every dietary
// tag asked for.
bool passes_filters(const IndexedMerchant& indexed, const ListingQuery& q) {
  const auto& m = indexed.stored;
  if (!q.cuisines.empty() && std::none_of(q.cuisines.begin(), q.cuisines.end(),
                                          [&](const auto& c) { return has_tag(m.cuisines, c); }))
    return false;
  if (!q.price_levels.empty() && std::find(q.price_levels.begin(), q.price_levels.end(),
                                           m.price_level) == q.price_levels.end())
    return false;
  if (q.min_rating && (!m.rating || m.rating->average < *q.min_rating)) return false;
  return std::all_of(q.dietary.begin(), q.dietary.end(),
                     [&](const auto& d) { return has_tag(indexed.dietary, d); });
}

// Listed merchants whose zone's box holds the point, that match the text (when given) and pass
// the column filters: at most rows_max of them, the first in seq order.
std::vector<const IndexedMerchant*> listing_candidates(const Index& index, const ListingQuery& q,
                                                       const TermQuery& text,
                                                       std::size_t rows_max) {
  const auto& merchants = index.merchants();
  std::vector<std::size_t> positions;
  if (text.empty()) {
    positions = index.merchants_near(q.at);
  } else {
    const auto near = index.merchants_near(q.at);
    const auto matching = index.merchant_words().matching(text);
    std::set_intersection(near.begin(), near.end(), matching.begin(), matching.end(),
                          std::back_inserter(positions));
  }
  std::vector<const IndexedMerchant*> out;
  for (const auto position : positions) {
    if (out.size() >= rows_max) break;
    if (passes_filters(merchants[position], q)) out.push_back(&merchants[position]);
  }
  return out;
}

// The candidates after the cursor that deliver and pass the remaining filters, in page order.
// `estimate(merchant)` is the delivery estimate, asked only when the sort or a filter needs it.
template <class Estimate>
std::vector<Candidate> ranked(const std::vector<const IndexedMerchant*>& rows,
                              const ListingQuery& query, const PreparedListing& prepared,
                              Estimate estimate) {
  const Sort sort = effective_sort(query);
  const bool needs_estimate = sort == Sort::delivery_time || query.max_delivery_minutes;
  const auto& words = prepared.words;
  std::vector<Candidate> candidates;
  candidates.reserve(rows.size());
  for (const auto* m : rows) {
    const auto distance = distance_if_delivering(*m, query.at);
    if (!distance) continue;
    Candidate c{m, *distance, needs_estimate ? estimate(*m) : 0, 0, {}};
    if (query.max_delivery_minutes && c.delivery_minutes > *query.max_delivery_minutes) continue;
    if (!words.empty()) {
      c.score = score(words, m->fields);
      if (c.score == 0) continue;
    }
    c.key = sort_key(sort, c);
    if (prepared.after && !c.key.follows(*prepared.after)) continue;
    candidates.push_back(c);
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const auto& a, const auto& b) { return a.key < b.key; });
  return candidates;
}

// The first limit + 1 candidates open now when asked (one more tells whether another page
// follows).
std::vector<const Candidate*> fill_page(const std::vector<Candidate>& candidates,
                                        const ListingQuery& query, std::int64_t now_us) {
  std::vector<const Candidate*> page;
  for (const auto& c : candidates) {
    if (page.size() > query.limit) break;
    if (query.open_now && !open_now(*c.merchant, now_us)) continue;
    page.push_back(&c);
  }
  return page;
}

// Checks the query and reads its words and cursor.
Result<PreparedListing> prepare(const ListingQuery& query) {
  if (auto ok = check_query(query); !ok) return std::unexpected(ok.error());
  PreparedListing out;
  if (!query.q.empty()) {
    auto parsed = query_words(query.q, "q");
    if (!parsed) return std::unexpected(parsed.error());
    out.words = std::move(*parsed);
  }
  out.fingerprint = fingerprint_of(canonical(query, out.words));
  if (!query.cursor.empty()) {
    out.after = decode_cursor(query.cursor, out.fingerprint);
    if (!out.after)
      return fail(ErrorCode::validation_failed, "the cursor is invalid",
                  {{"cursor", "is not a cursor of this query (filters and sort must not change)"}});
  }
  return out;
}

}  // namespace

Result<ListingFound> Service::find_merchants(const ListingQuery& query, std::int64_t now_us) {
  const auto started = std::chrono::steady_clock::now();
  auto prepared = prepare(query);
  if (!prepared) return std::unexpected(prepared.error());
  auto index = this->index();
  if (!index) return std::unexpected(index.error());
  const auto rows = listing_rows(**index, query, *prepared);
  return listing_page(std::move(*index), rows, query, *prepared, now_us, started);
}

std::optional<Result<ListingFound>> Service::find_merchants_inline(const ListingQuery& query,
                                                                   std::int64_t now_us) {
  const auto started = std::chrono::steady_clock::now();
  auto prepared = prepare(query);
  if (!prepared) return std::unexpected(prepared.error());
  auto index = held_index();
  if (!index) return std::nullopt;
  const auto rows = listing_rows(*index, query, *prepared);
  if (rows.size() > settings_.inline_candidates_max) return std::nullopt;
  return listing_page(std::move(index), rows, query, *prepared, now_us, started);
}

std::vector<const IndexedMerchant*> Service::listing_rows(const Index& index,
                                                          const ListingQuery& query,
                                                          const PreparedListing& prepared) {
  const TermQuery text = prepared.words.empty() ? TermQuery{} : term_query(index, prepared.words);
  auto rows = listing_candidates(index, query, text, settings_.candidates_max);
  if (rows.size() >= settings_.candidates_max) {
    metrics_.candidates_truncated.inc();
    log::warn("discovery_candidates_truncated", {{"rows", static_cast<std::int64_t>(rows.size())}});
  }
  return rows;
}

ListingFound Service::listing_page(std::shared_ptr<const Index> index,
                                   const std::vector<const IndexedMerchant*>& rows,
                                   const ListingQuery& query, const PreparedListing& prepared,
                                   std::int64_t now_us,
                                   std::chrono::steady_clock::time_point started) {
  const auto candidates = ranked(rows, query, prepared, [&](const IndexedMerchant& m) {
    return estimate(m, query.at, now_us);
  });
  auto chosen = fill_page(candidates, query, now_us);
  ListingFound found{std::move(index), {}, chosen.size() > query.limit, {}, now_us};
  if (found.has_more) chosen.resize(query.limit);
  for (const auto* candidate : chosen) {
    auto card = facts(*candidate->merchant, candidate->distance_m, query.at, now_us);
    card.score = candidate->score;
    found.cards.push_back(card);
  }
  if (found.has_more)
    found.next_cursor = encode_cursor(chosen.back()->key.cursor_key(), prepared.fingerprint);
  metrics_.listings.inc();
  metrics_.listing_seconds.observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return found;
}

Result<ListingPage> Service::list_merchants(const ListingQuery& query, std::int64_t now_us) {
  auto found = find_merchants(query, now_us);
  if (!found) return std::unexpected(found.error());
  ListingPage page{{}, found->has_more, std::move(found->next_cursor)};
  for (const auto& card : found->cards) page.data.push_back(card_of(card, now_us));
  return page;
}

}  // namespace reskflow::discovery
