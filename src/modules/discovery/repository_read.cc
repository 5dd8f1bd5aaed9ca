// Candidate retrieval: the engines narrow by index (bounding box, words) and plain SQL filters;
// the service decides the rest (exact zone, hours, score, order) the same way on both. A
// listing reads small ranking rows for every candidate and whole cards only for its page.
#include <algorithm>

#include "engine_sql.h"
#include "repository.h"

namespace reskflow::discovery {
namespace {

using store::Params;
using store::Transaction;

// Every field of a card; needs `m` and `d` (documents).
constexpr std::string_view card_columns =
    "m.seq, m.merchant_id, m.kitchen_id, m.slug, m.name, m.cuisines, m.price_level, "
    "m.photo_url, m.lat, m.lng, m.zone_radius_m, d.zone_json, d.hours_json, m.time_zone, "
    "m.currency, m.prep_time_minutes, m.minimum_order_minor, m.paused_until_us, "
    "m.rating_average, m.rating_count";
constexpr std::size_t card_column_count = 20;
constexpr std::string_view card_tables =
    " FROM discovery_merchants m JOIN discovery_merchant_documents d ON d.seq = m.seq";
constexpr std::string_view text_columns = ", d.description, d.menu_text";

// What ranking a listing candidate needs; the zone document only for polygons.
constexpr std::string_view ranking_columns =
    "m.seq, m.merchant_id, m.lat, m.lng, m.zone_radius_m, CASE WHEN m.zone_radius_m IS NULL "
    "THEN (SELECT z.zone_json FROM discovery_merchant_documents z WHERE z.seq = m.seq) END, "
    "m.prep_time_minutes, m.rating_average, m.rating_count";

std::string placeholder(Params& params, store::Value value) {
  params.push_back(std::move(value));
  std::string name = "$";
  name += std::to_string(params.size());
  return name;
}

// A LIKE pattern finding `tag` in a stored ",a,b," list ('\' escapes LIKE's wildcards).
std::string tag_pattern(const std::string& tag) {
  std::string out = "%,";
  for (const char c : tag) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + ",%";
}

std::optional<Rating> rating_of(const store::Row& r, std::size_t average, std::size_t count) {
  const auto n = r.optional_int64(count);
  if (!n || *n <= 0) return std::nullopt;
  return Rating{r.real(average), *n};
}

StoredMerchant read_card(const store::Row& r, std::size_t at) {
  StoredMerchant m;
  m.seq = r.int64(at);
  m.id = r.text(at + 1);
  m.kitchen_id = r.optional_text(at + 2);
  m.slug = r.text(at + 3);
  m.name = r.text(at + 4);
  m.cuisines = tags_of(r.text_view(at + 5));
  m.price_level = r.int64(at + 6);
  m.photo_url = r.optional_text(at + 7);
  m.location = {r.real(at + 8), r.real(at + 9)};
  m.zone_radius_m = r.optional_real(at + 10);
  m.zone_json = r.text(at + 11);
  m.hours_json = r.text(at + 12);
  m.time_zone = r.text(at + 13);
  m.currency = r.text(at + 14);
  m.prep_time_minutes = r.int64(at + 15);
  m.minimum_order_minor = r.int64(at + 16);
  m.paused_until_us = r.optional_int64(at + 17);
  m.rating = rating_of(r, at + 18, at + 19);
  return m;
}

// Columns after the ranking ones, with text: name, cuisines, description, menu.
StoredMerchant read_ranking(const store::Row& r, bool with_text) {
  StoredMerchant m;
  m.seq = r.int64(0);
  m.id = r.text(1);
  m.location = {r.real(2), r.real(3)};
  m.zone_radius_m = r.optional_real(4);
  m.zone_json = r.optional_text(5).value_or("");
  m.prep_time_minutes = r.int64(6);
  m.rating = rating_of(r, 7, 8);
  const std::size_t next = 9;
  if (with_text) {
    m.name = r.text(next);
    m.cuisines = tags_of(r.text_view(next + 1));
    m.description = r.optional_text(next + 2);
    m.menu_text = r.text(next + 3);
  }
  return m;
}

std::string filter_conditions(const ListingFilter& filter, Params& params) {
  std::string sql;
  if (!filter.cuisines.empty()) {
    std::string any;
    for (const auto& c : filter.cuisines) {
      any += any.empty() ? "" : " OR ";
      any += "m.cuisines LIKE " + placeholder(params, tag_pattern(c)) + " ESCAPE '\\'";
    }
    sql += " AND (" + any + ")";
  }
  if (!filter.price_levels.empty()) {
    std::string list;
    for (const auto p : filter.price_levels) {
      list += list.empty() ? "" : ", ";
      list += placeholder(params, p);
    }
    sql += " AND m.price_level IN (" + list + ")";
  }
  if (filter.min_rating)
    sql += " AND m.rating_count > 0 AND m.rating_average >= " +
           placeholder(params, *filter.min_rating);
  // The tags the merchant's menu earns (dietary.h), every one asked for.
  for (const auto& tag : filter.dietary)
    sql += " AND m.dietary LIKE " + placeholder(params, tag_pattern(tag)) + " ESCAPE '\\'";
  return sql;
}

}  // namespace

Result<std::vector<std::string>> known_words(Transaction& tx,
                                             const std::vector<std::string>& words) {
  std::vector<std::string> out;
  if (words.empty()) return out;
  Params params;
  const auto source = engine_sql::word_rows(tx.engine(), words, params);
  auto rows =
      tx.query("SELECT word FROM discovery_vocabulary WHERE word IN (" + source + ")", params);
  if (!rows) return std::unexpected(rows.error());
  for (const auto r : *rows) out.push_back(r.text(0));
  std::sort(out.begin(), out.end());  // in C++: the engines' collations differ
  return out;
}

Result<std::vector<std::string>> vocabulary_range(Transaction& tx, const TwoTyposRange& range,
                                                  std::size_t rows_max) {
  Params params;
  // A range on the primary key: an index scan on both engines (LIKE is not, on PostgreSQL).
  std::string sql =
      "SELECT word FROM discovery_vocabulary WHERE word >= " + placeholder(params, range.first);
  if (!range.after.empty()) sql += " AND word < " + placeholder(params, range.after);
  sql += " AND length(word) BETWEEN " +
         placeholder(params, static_cast<std::int64_t>(range.chars_min)) + " AND " +
         placeholder(params, static_cast<std::int64_t>(range.chars_max)) + " ORDER BY word LIMIT " +
         placeholder(params, static_cast<std::int64_t>(rows_max));
  auto rows = tx.query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<std::string> out;
  for (const auto r : *rows) out.push_back(r.text(0));
  return out;
}

Result<std::vector<StoredMerchant>> listing_candidates(Transaction& tx,
                                                       const ListingFilter& filter) {
  Params params;
  const bool with_text = !filter.text.empty();
  const bool merchant_columns = with_text || !filter.cuisines.empty() ||
                                !filter.price_levels.empty() || !filter.dietary.empty();
  std::string sql = "SELECT " + std::string(ranking_columns);
  if (with_text) sql += ", m.name, m.cuisines, t.description, t.menu_text";
  const auto near = engine_sql::listed_near(tx.engine(), filter.at, merchant_columns, params);
  sql += near.from;
  if (with_text) sql += " JOIN discovery_merchant_documents t ON t.seq = m.seq";
  sql += " WHERE " + near.where;
  if (with_text) {
    sql += " AND " + engine_sql::text_matches(tx.engine(), engine_sql::TextTable::merchants,
                                              filter.text, params);
  }
  sql += filter_conditions(filter, params);
  // Unordered first: sorting every candidate in the engine costs more than the rest of the
  // query. Only when there are too many, the first rows_max in index order, as on every engine.
  auto unordered = params;
  unordered.emplace_back(static_cast<std::int64_t>(filter.rows_max) + 1);
  auto rows = tx.query(sql + " LIMIT $" + std::to_string(unordered.size()), unordered);
  if (rows && rows->size() > filter.rows_max) {
    sql +=
        " ORDER BY m.seq LIMIT " + placeholder(params, static_cast<std::int64_t>(filter.rows_max));
    rows = tx.query(sql, params);
  }
  if (!rows) return std::unexpected(rows.error());
  std::vector<StoredMerchant> out;
  out.reserve(rows->size());
  for (const auto r : *rows) out.push_back(read_ranking(r, with_text));
  return out;
}

Result<std::vector<StoredMerchant>> merchant_cards(Transaction& tx,
                                                   const std::vector<std::int64_t>& seqs) {
  std::vector<StoredMerchant> out;
  if (seqs.empty()) return out;
  Params params;
  const auto source = engine_sql::id_rows(tx.engine(), seqs, params);
  auto rows = tx.query("SELECT " + std::string(card_columns) + std::string(card_tables) +
                           " WHERE m.seq IN (" + source + ")",
                       params);
  if (!rows) return std::unexpected(rows.error());
  for (const auto r : *rows) out.push_back(read_card(r, 0));
  return out;
}

Result<std::vector<StoredMerchant>> merchant_matches(Transaction& tx, const TermQuery& text,
                                                     std::optional<geo::Point> at,
                                                     std::size_t rows_max) {
  Params params;
  std::string sql =
      "SELECT " + std::string(card_columns) + std::string(text_columns) + std::string(card_tables) +
      " WHERE m.listed AND " +
      engine_sql::text_matches(tx.engine(), engine_sql::TextTable::merchants, text, params);
  if (at) sql += " AND " + engine_sql::zone_box_holds(tx.engine(), *at, params);
  sql += " ORDER BY m.seq LIMIT " + placeholder(params, static_cast<std::int64_t>(rows_max));
  auto rows = tx.query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<StoredMerchant> out;
  for (const auto r : *rows) {
    auto m = read_card(r, 0);
    m.description = r.optional_text(card_column_count);
    m.menu_text = r.text(card_column_count + 1);
    out.push_back(std::move(m));
  }
  return out;
}

Result<std::vector<StoredItem>> item_matches(Transaction& tx, const TermQuery& text,
                                             std::optional<geo::Point> at, std::size_t rows_max) {
  Params params;
  std::string sql =
      "SELECT i.seq, i.item_id, i.name, i.description, i.category, i.price_minor, i.currency, "
      "i.dietary, i.photo_url, " +
      std::string(card_columns) + std::string(card_tables) +
      " JOIN discovery_items i ON i.merchant_id = m.merchant_id "
      "WHERE m.listed AND NOT i.sold_out AND " +
      engine_sql::text_matches(tx.engine(), engine_sql::TextTable::items, text, params);
  if (at) sql += " AND " + engine_sql::zone_box_holds(tx.engine(), *at, params);
  sql += " ORDER BY i.seq LIMIT " + placeholder(params, static_cast<std::int64_t>(rows_max));
  auto rows = tx.query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<StoredItem> out;
  for (const auto r : *rows) {
    StoredItem item;
    item.seq = r.int64(0);
    item.id = r.text(1);
    item.name = r.text(2);
    item.description = r.optional_text(3);
    item.category = r.text(4);
    item.price_minor = r.int64(5);
    item.currency = r.text(6);
    item.dietary = tags_of(r.text_view(7));
    item.photo_url = r.optional_text(8);
    item.merchant = read_card(r, 9);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace reskflow::discovery
