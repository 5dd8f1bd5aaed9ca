// SQL for discovery's own tables: applying events to the read model, and reading it whole for
// the in-memory index the queries run on.
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

// One query word: a document matches when it holds a word starting with
// `prefix` (when not empty) or equal to one of `words`. Every group of a query must match.
struct TermGroup {
  std::string prefix;
  std::vector<std::string> words;
};
using TermQuery = std::vector<TermGroup>;

// Each returns false when the event's version is not newer than the one applied (nothing
// changes), true when it changed the read model.
Result<bool> apply_merchant(store::Transaction& tx, const MerchantRecord& merchant,
                            std::int64_t now_us);
Result<bool> apply_menu(store::Transaction& tx, const MenuRecord& menu);
Result<bool> apply_rating(store::Transaction& tx, const RatingRecord& rating);

// What the in-memory index (index.h) is built from: every listed merchant with its document,
// in seq order; every available item of a listed merchant, in seq order; the vocabulary.
struct MerchantRow {
  StoredMerchant merchant;           // every field, description and menu_text included
  std::vector<std::string> dietary;  // the tags its menu earns
  std::vector<std::string> words;    // the words its document is indexed under
};
struct ItemRow {
  StoredItem item;  // item.merchant holds only the merchant's id and name
  std::int64_t merchant_seq = 0;
  std::vector<std::string> words;
};
struct IndexRows {
  std::vector<MerchantRow> merchants;
  std::vector<ItemRow> items;
  std::vector<std::string> vocabulary;
};
Result<IndexRows> read_index_rows(store::Transaction& tx);

}  // namespace reskflow::discovery
