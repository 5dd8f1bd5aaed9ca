// SQL for discovery's own tables: applying events to the read model, and retrieving the
// candidates a listing or a search then filters, scores and sorts in C++.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model.h"
#include "reskflow/store/database.h"
#include "text.h"

namespace reskflow::discovery {

// One query word for the engines: a document matches when it holds a word starting with
// `prefix` (when not empty) or equal to one of `words`. Every group of a query must match.
struct TermGroup {
  std::string prefix;
  std::vector<std::string> words;
};
using TermQuery = std::vector<TermGroup>;

struct ListingFilter {
  geo::Point at;
  TermQuery text;  // empty: no text condition
  std::vector<std::string> cuisines;
  std::vector<std::string> dietary;
  std::vector<std::int64_t> price_levels;
  std::optional<double> min_rating;
  std::size_t rows_max = 0;
};

// Each returns false when the event's version is not newer than the one applied (nothing
// changes), true when it changed the read model.
Result<bool> apply_merchant(store::Transaction& tx, const MerchantRecord& merchant,
                            std::int64_t now_us);
Result<bool> apply_menu(store::Transaction& tx, const MenuRecord& menu);
Result<bool> apply_rating(store::Transaction& tx, const RatingRecord& rating);

// The subset of `words` present in the vocabulary, sorted.
Result<std::vector<std::string>> known_words(store::Transaction& tx,
                                             const std::vector<std::string>& words);

// Vocabulary words >= range.first and < range.after (when not empty), of range.chars_min to
// chars_max letters; at most rows_max of them, in word order.
Result<std::vector<std::string>> vocabulary_range(store::Transaction& tx,
                                                  const TwoTyposRange& range, std::size_t rows_max);

// Listed merchants whose zone's bounding box holds filter.at and that pass the SQL filters,
// at most rows_max of them in index order, with only what ranking needs: seq, id, location,
// zone (zone_json for polygons only), prep time, rating, and the text fields when filter.text
// is set. merchant_cards reads the rest for the few that make a page.
Result<std::vector<StoredMerchant>> listing_candidates(store::Transaction& tx,
                                                       const ListingFilter& filter);

// Every field of a card (hours included, description and menu_text not) for these merchants.
Result<std::vector<StoredMerchant>> merchant_cards(store::Transaction& tx,
                                                   const std::vector<std::int64_t>& seqs);

// Listed merchants (with text fields) and available items of listed merchants matching text,
// within the bounding box of their zone when `at` is set; at most rows_max, in index order.
Result<std::vector<StoredMerchant>> merchant_matches(store::Transaction& tx, const TermQuery& text,
                                                     std::optional<geo::Point> at,
                                                     std::size_t rows_max);
Result<std::vector<StoredItem>> item_matches(store::Transaction& tx, const TermQuery& text,
                                             std::optional<geo::Point> at, std::size_t rows_max);

}  // namespace reskflow::discovery
