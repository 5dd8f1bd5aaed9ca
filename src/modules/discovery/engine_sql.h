// Where SQLite and PostgreSQL differ for discovery, one function per operation: the spatial
// index (R*Tree / GiST over box), the text index (FTS5 / tsvector with GIN), and passing a list
// of words as one parameter (json_each / json_array_elements_text).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "repository.h"
#include "reskflow/store/database.h"

namespace reskflow::discovery::engine_sql {

// Appends the parameters it needs to `params` and returns a condition on discovery_merchants
// aliased `m`: its zone's bounding box holds the point.
std::string zone_box_holds(store::Engine engine, geo::Point at, store::Params& params);

// The listed merchants whose zone's bounding box holds the point: `from` (" FROM ...", more
// joins may follow) exposes as `m` at least seq, merchant_id, lat, lng, zone_radius_m,
// prep_time_minutes, rating_average and rating_count, and every column of discovery_merchants when
// `merchant_columns` is set (SQLite answers the narrow form from the R*Tree's auxiliary columns
// alone); `where` is the condition.
struct Source {
  std::string from;
  std::string where;
};
Source listed_near(store::Engine engine, geo::Point at, bool merchant_columns,
                   store::Params& params);

enum class TextTable : std::uint8_t { merchants, items };
// A condition on `m` (merchants) or `i` (items): the document matches every group.
std::string text_matches(store::Engine engine, TextTable table, const TermQuery& text,
                         store::Params& params);

// A sub-select yielding each word of `words` as one row.
std::string word_rows(store::Engine engine, const std::vector<std::string>& words,
                      store::Params& params);
// A sub-select yielding each number of `ids` as one row.
std::string id_rows(store::Engine engine, const std::vector<std::int64_t>& ids,
                    store::Params& params);

// Keeps the spatial index of one merchant: its box (and, on SQLite, its ranking columns) while
// listed; nothing otherwise.
Status index_merchant_box(store::Transaction& tx, std::int64_t seq, const MerchantRecord& merchant);
// After the merchant's rating columns changed.
Status index_merchant_rating(store::Transaction& tx, std::int64_t seq, double average,
                             std::int64_t count);
// `words`: the document's words separated by spaces.
Status index_merchant_words(store::Transaction& tx, std::int64_t seq, std::string_view words);
Status index_item_words(store::Transaction& tx, std::int64_t seq, std::string_view words);
// Before the merchant's items are deleted.
Status unindex_items_of(store::Transaction& tx, std::string_view merchant_id);

}  // namespace reskflow::discovery::engine_sql
