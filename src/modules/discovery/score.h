// Relevance: how well a document's fields match the query words, computed the same way for
// both engines (they only retrieve candidates).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"

namespace reskflow::discovery {

// Points per query word: the match quality (exact 4, prefix 2, typo 1: text.h) times the weight
// of the best field it matched in; a document where some query word matches nowhere scores 0.
// When every query word matches the document's name, it earns name_bonus more.
struct ScoredField {
  std::vector<std::string> words;
  std::int64_t weight = 1;
};

inline constexpr std::int64_t name_bonus = 5;

// Merchants: name 10, cuisines 6, menu (item and category names) 3, description 2.
std::vector<ScoredField> merchant_fields(const StoredMerchant& merchant);
// Items: name 10, category 4, dietary tags 4, the merchant's name 3, description 2.
std::vector<ScoredField> item_fields(const StoredItem& item);

// fields[0] is the document's name.
std::int64_t score(const std::vector<std::string>& query_words,
                   const std::vector<ScoredField>& fields);

}  // namespace reskflow::discovery
