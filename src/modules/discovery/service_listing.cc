// GET /v1/merchants: the merchants delivering to a point, filtered, sorted and paged. The
// engine narrows by bounding box, words and column filters and returns small ranking rows; the
// exact zone test, estimate, score and order are computed here, identically on both engines,
// and whole cards (with hours, for open now) are read only for the rows that make the page.
#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <map>

#include "cursor.h"
#include "query.h"
#include "reskflow/core/log.h"
#include "score.h"
#include "service.h"

namespace reskflow::discovery {
namespace {

// Cards read per round while filling a page with open merchants.
constexpr std::size_t open_now_batch_rows = 64;

struct Candidate {
  const StoredMerchant* merchant = nullptr;
  double distance_m = 0;
  std::int64_t delivery_minutes = 0;
  std::int64_t score = 0;
  SortKey key;
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

// Every component ascends: larger-is-better values are negated.
SortKey sort_key(Sort sort, const Candidate& c) {
  const auto distance = std::llround(c.distance_m);
  const auto& rating = c.merchant->rating;
  switch (sort) {
    case Sort::relevance: return {{-c.score, distance}, c.merchant->id};
    case Sort::rating:
      // Unrated merchants (key 1) come after every rated one (keys <= 0).
      return {{rating ? -std::llround(rating->average * 100) : 1, rating ? -rating->count : 0,
               distance},
              c.merchant->id};
    case Sort::delivery_time: return {{c.delivery_minutes, distance}, c.merchant->id};
    case Sort::distance: break;
  }
  return {{distance}, c.merchant->id};
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

// The candidates after the cursor that deliver and pass the C++ filters, in page order.
std::vector<Candidate> ranked(const std::vector<StoredMerchant>& rows, const ListingQuery& query,
                              const std::vector<std::string>& words,
                              const std::optional<SortKey>& after) {
  const Sort sort = effective_sort(query);
  std::vector<Candidate> candidates;
  for (const auto& m : rows) {
    const auto distance = distance_if_delivering(m, query.at);
    if (!distance) continue;
    Candidate c{&m, *distance, delivery_minutes(m.prep_time_minutes, *distance), 0, {}};
    if (query.max_delivery_minutes && c.delivery_minutes > *query.max_delivery_minutes) continue;
    if (!words.empty()) {
      c.score = score(words, merchant_fields(m));
      if (c.score == 0) continue;
    }
    c.key = sort_key(sort, c);
    if (after && !(*after < c.key)) continue;
    candidates.push_back(std::move(c));
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const auto& a, const auto& b) { return a.key < b.key; });
  return candidates;
}

// Reads cards in page order until limit + 1 pass the open-now filter (one more tells whether
// another page follows).
Result<std::vector<std::pair<const Candidate*, StoredMerchant>>> fill_page(
    store::Transaction& tx, const std::vector<Candidate>& candidates, const ListingQuery& query,
    std::int64_t now_us) {
  std::vector<std::pair<const Candidate*, StoredMerchant>> page;
  const std::size_t batch =
      query.open_now ? std::max(open_now_batch_rows, query.limit + 1) : query.limit + 1;
  for (std::size_t start = 0; start < candidates.size() && page.size() <= query.limit;
       start += batch) {
    const auto end = std::min(candidates.size(), start + batch);
    std::vector<std::int64_t> seqs;
    for (std::size_t i = start; i < end; ++i) seqs.push_back(candidates[i].merchant->seq);
    auto cards = merchant_cards(tx, seqs);
    if (!cards) return std::unexpected(cards.error());
    std::map<std::int64_t, StoredMerchant> by_seq;
    for (auto& card : *cards) by_seq.emplace(card.seq, std::move(card));
    for (std::size_t i = start; i < end && page.size() <= query.limit; ++i) {
      auto found = by_seq.find(candidates[i].merchant->seq);
      if (found == by_seq.end()) continue;
      if (query.open_now && !open_now(found->second, now_us)) continue;
      page.emplace_back(&candidates[i], std::move(found->second));
    }
  }
  return page;
}

}  // namespace

Result<ListingPage> Service::list_merchants(const ListingQuery& query, std::int64_t now_us) {
  const auto started = std::chrono::steady_clock::now();
  if (auto ok = check_query(query); !ok) return std::unexpected(ok.error());
  std::vector<std::string> words;
  if (!query.q.empty()) {
    auto parsed = query_words(query.q, "q");
    if (!parsed) return std::unexpected(parsed.error());
    words = std::move(*parsed);
  }
  const auto fingerprint = fingerprint_of(canonical(query, words));
  std::optional<SortKey> after;
  if (!query.cursor.empty()) {
    after = decode_cursor(query.cursor, fingerprint);
    if (!after)
      return fail(ErrorCode::validation_failed, "the cursor is invalid",
                  {{"cursor", "is not a cursor of this query (filters and sort must not change)"}});
  }
  ListingFilter filter{query.at,
                       {},
                       query.cuisines,
                       query.dietary,
                       query.price_levels,
                       query.min_rating,
                       settings_.candidates_max};
  auto page = db_.read([&](store::Transaction& tx) -> Result<ListingPage> {
    if (!words.empty()) {
      auto terms = term_query(tx, words);
      if (!terms) return std::unexpected(terms.error());
      filter.text = std::move(*terms);
    }
    auto rows = listing_candidates(tx, filter);
    if (!rows) return std::unexpected(rows.error());
    if (rows->size() >= settings_.candidates_max) {
      metrics_.candidates_truncated.inc();
      log::warn("discovery_candidates_truncated",
                {{"rows", static_cast<std::int64_t>(rows->size())}});
    }
    const auto candidates = ranked(*rows, query, words, after);
    auto chosen = fill_page(tx, candidates, query, now_us);
    if (!chosen) return std::unexpected(chosen.error());
    ListingPage out;
    out.has_more = chosen->size() > query.limit;
    if (out.has_more) chosen->resize(query.limit);
    for (const auto& [candidate, merchant] : *chosen) {
      auto card = card_of(merchant, candidate->distance_m, now_us);
      card.score = candidate->score;
      out.data.push_back(std::move(card));
    }
    if (out.has_more) out.next_cursor = encode_cursor(chosen->back().first->key, fingerprint);
    return out;
  });
  metrics_.listings.inc();
  metrics_.listing_seconds.observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return page;
}

}  // namespace reskflow::discovery
