// Discovery's read model held in memory: every listed merchant (zone and hours parsed once, its
// indexed words and scored fields), every available item of a listed merchant, and the
// vocabulary, with a grid over the zones' boxes and an inverted word index. Built from
// discovery's tables in one read; immutable, shared by concurrent queries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "model.h"
#include "repository.h"
#include "score.h"

namespace reskflow::discovery {

struct IndexedMerchant {
  StoredMerchant stored;          // every field, description and menu_text included
  std::optional<geo::Zone> zone;  // none when its document is unreadable: delivers nowhere
  geo::BoundingBox box;
  std::optional<hours::OpeningHours> hours;  // none when unreadable: never open
  std::vector<std::string> dietary;          // the tags its menu earns (dietary.h)
  std::vector<ScoredField> fields;           // merchant_fields(stored)
  // The card's JSON before and after the members a query computes (card_text.h).
  std::string card_head;
  std::string card_tail;
};

struct IndexedItem {
  StoredItem item;                  // item.merchant holds only the merchant's id and name
  std::size_t merchant = 0;         // into Index::merchants()
  std::vector<ScoredField> fields;  // item_fields(item)
};

// Words -> the documents (positions, ascending) that hold them.
class WordIndex {
 public:
  void add(std::size_t document, const std::vector<std::string>& words);
  void finish();  // sorts the words; call once after the last add
  // The documents matching every group (text.h's rule, as the engines' text indexes applied
  // it), ascending.
  std::vector<std::size_t> matching(const TermQuery& text) const;

 private:
  std::vector<std::size_t> group_matches(const TermGroup& group) const;

  std::vector<std::pair<std::string, std::vector<std::size_t>>> postings_;
};

class Index {
 public:
  explicit Index(IndexRows rows);
  // vocabulary_words_ views the strings of vocabulary_: the index stays where it was built.
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  // Merchants in seq order, items in item seq order.
  const std::vector<IndexedMerchant>& merchants() const { return merchants_; }
  const std::vector<IndexedItem>& items() const { return items_; }
  const WordIndex& merchant_words() const { return merchant_words_; }
  const WordIndex& item_words() const { return item_words_; }

  // The merchants whose zone's box holds `at`, ascending.
  std::vector<std::size_t> merchants_near(geo::Point at) const;

  // Whether the vocabulary holds `word`.
  bool knows(std::string_view word) const { return vocabulary_words_.contains(word); }
  // The vocabulary's words in range (text.h), at most rows_max of them, in word order.
  std::vector<std::string> vocabulary_range(const TwoTyposRange& range, std::size_t rows_max) const;

 private:
  using Cell = std::int64_t;
  static Cell cell_of(std::int64_t row, std::int64_t column);
  void add_to_grid(std::size_t position);

  std::vector<IndexedMerchant> merchants_;
  std::vector<IndexedItem> items_;
  std::vector<std::string> vocabulary_;                    // sorted
  std::unordered_set<std::string_view> vocabulary_words_;  // the same words, hashed
  WordIndex merchant_words_;
  WordIndex item_words_;
  std::unordered_map<Cell, std::vector<std::size_t>> grid_;
  std::vector<std::size_t> wide_;  // zones too large for the grid: checked on every query
};

// The great-circle distance to `at` when the merchant's zone covers it (exact test), else none.
std::optional<double> distance_if_delivering(const IndexedMerchant& merchant, geo::Point at);

// Open at now_us: not paused, and inside its opening hours in its time zone.
bool open_now(const IndexedMerchant& merchant, std::int64_t now_us);

}  // namespace reskflow::discovery
