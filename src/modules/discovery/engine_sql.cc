// The per-engine SQL of discovery's indexes. Words reaching these functions are folded
// (a-z, 0-9 only: text.h), so they need no escaping inside FTS5 or tsquery syntax.
#include "engine_sql.h"

#include <boost/json.hpp>

#include "reskflow/core/json_text.h"

namespace reskflow::discovery::engine_sql {
namespace {

using store::Engine;

std::string placeholder(store::Params& params, store::Value value) {
  params.push_back(std::move(value));
  std::string name = "$";
  name += std::to_string(params.size());
  return name;
}

// FTS5: ("piz"* OR "pizza") AND ("margh"*)
std::string fts5_expression(const TermQuery& text) {
  std::string out;
  for (const auto& group : text) {
    std::string terms;
    if (!group.prefix.empty()) terms.append("\"").append(group.prefix).append("\"*");
    for (const auto& w : group.words)
      terms.append(terms.empty() ? "\"" : " OR \"").append(w).append("\"");
    out.append(out.empty() ? "(" : " AND (").append(terms).append(")");
  }
  return out;
}

// tsquery: (piz:* | pizza) & (margh:*)
std::string tsquery_expression(const TermQuery& text) {
  std::string out;
  for (const auto& group : text) {
    std::string terms;
    if (!group.prefix.empty()) terms.append(group.prefix).append(":*");
    for (const auto& w : group.words) terms.append(terms.empty() ? "" : " | ").append(w);
    out.append(out.empty() ? "(" : " & (").append(terms).append(")");
  }
  return out;
}

}  // namespace

std::string zone_box_holds(Engine engine, geo::Point at, store::Params& params) {
  const auto lat = placeholder(params, at.lat);
  const auto lng = placeholder(params, at.lng);
  if (engine == Engine::sqlite) {
    return "m.seq IN (SELECT seq FROM discovery_merchant_boxes WHERE lat_min <= " + lat +
           " AND lat_max >= " + lat + " AND lng_min <= " + lng + " AND lng_max >= " + lng + ")";
  }
  // box @> point is not an indexable GiST operator; a degenerate box is.
  return "m.zone_box @> box(point(" + lng + ", " + lat + "), point(" + lng + ", " + lat + "))";
}

Source listed_near(Engine engine, geo::Point at, bool merchant_columns, store::Params& params) {
  if (engine != Engine::sqlite)
    return {" FROM discovery_merchants m", "m.listed AND " + zone_box_holds(engine, at, params)};
  const auto lat = placeholder(params, at.lat);
  const auto lng = placeholder(params, at.lng);
  // The box columns exist only in the R*Tree: unqualified, they name it.
  std::string box = "lat_min <= " + lat + " AND lat_max >= " + lat + " AND lng_min <= " + lng +
                    " AND lng_max >= " + lng;
  if (!merchant_columns) return {" FROM discovery_merchant_boxes m", std::move(box)};
  return {" FROM discovery_merchant_boxes g JOIN discovery_merchants m ON m.seq = g.seq",
          std::move(box)};
}

std::string text_matches(Engine engine, TextTable table, const TermQuery& text,
                         store::Params& params) {
  const bool merchants = table == TextTable::merchants;
  if (engine == Engine::sqlite) {
    const std::string index = merchants ? "discovery_merchant_text" : "discovery_item_text";
    return std::string(merchants ? "m" : "i") + ".seq IN (SELECT rowid FROM " + index + " WHERE " +
           index + " MATCH " + placeholder(params, fts5_expression(text)) + ")";
  }
  const auto query = placeholder(params, tsquery_expression(text));
  if (merchants) {
    return "m.seq IN (SELECT seq FROM discovery_merchant_documents WHERE words_tsv @@ "
           "to_tsquery('simple', " +
           query + "))";
  }
  return "i.words_tsv @@ to_tsquery('simple', " + query + ")";
}

std::string word_rows(Engine engine, const std::vector<std::string>& words, store::Params& params) {
  boost::json::array list;
  for (const auto& w : words) list.emplace_back(w);
  const auto p = placeholder(params, json::serialize(list));
  if (engine == Engine::sqlite) return "SELECT value FROM json_each(" + p + ")";
  return "SELECT json_array_elements_text(" + p + "::json)";
}

std::string id_rows(Engine engine, const std::vector<std::int64_t>& ids, store::Params& params) {
  boost::json::array list;
  for (const auto id : ids) list.emplace_back(id);
  const auto p = placeholder(params, json::serialize(list));
  if (engine == Engine::sqlite) return "SELECT value FROM json_each(" + p + ")";
  return "SELECT json_array_elements_text(" + p + "::json)::bigint";
}

Status index_merchant_box(store::Transaction& tx, std::int64_t seq, const MerchantRecord& m) {
  const bool listed = m.status == "active";
  const auto box = geo::bounding_box(m.zone);
  Result<std::int64_t> done;
  if (tx.engine() == Engine::sqlite && !listed) {
    done = tx.exec("DELETE FROM discovery_merchant_boxes WHERE seq = $1", {seq});
  } else if (tx.engine() == Engine::sqlite) {
    const store::Value radius = m.zone.kind == geo::Zone::Kind::radius
                                    ? store::Value(m.zone.radius_m)
                                    : store::Value(store::null_value);
    done = tx.exec(
        "INSERT OR REPLACE INTO discovery_merchant_boxes (seq, lat_min, lat_max, lng_min, "
        "lng_max, merchant_id, lat, lng, zone_radius_m, prep_time_minutes, rating_average, "
        "rating_count) SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, rating_average, "
        "rating_count FROM discovery_merchants WHERE seq = $1",
        {seq, box.lat_min, box.lat_max, box.lng_min, box.lng_max, m.id, m.location.lat,
         m.location.lng, radius, m.prep_time_minutes});
  } else {
    done = tx.exec(
        "UPDATE discovery_merchants SET zone_box = box(point($2, $3), point($4, $5)) "
        "WHERE seq = $1",
        {seq, box.lng_min, box.lat_min, box.lng_max, box.lat_max});
  }
  if (!done) return std::unexpected(done.error());
  return {};
}

Status index_merchant_rating(store::Transaction& tx, std::int64_t seq, double average,
                             std::int64_t count) {
  if (tx.engine() != Engine::sqlite) return {};  // the merchant's row is the index
  auto done = tx.exec(
      "UPDATE discovery_merchant_boxes SET rating_average = $2, rating_count = $3 WHERE seq = $1",
      {seq, average, count});
  if (!done) return std::unexpected(done.error());
  return {};
}

Status index_merchant_words(store::Transaction& tx, std::int64_t seq, std::string_view words) {
  if (tx.engine() == Engine::sqlite) {
    if (auto d = tx.exec("DELETE FROM discovery_merchant_text WHERE rowid = $1", {seq}); !d)
      return std::unexpected(d.error());
    auto done = tx.exec("INSERT INTO discovery_merchant_text (rowid, words) VALUES ($1, $2)",
                        {seq, std::string(words)});
    if (!done) return std::unexpected(done.error());
    return {};
  }
  auto done = tx.exec(
      "UPDATE discovery_merchant_documents SET words_tsv = to_tsvector('simple', $2) "
      "WHERE seq = $1",
      {seq, std::string(words)});
  if (!done) return std::unexpected(done.error());
  return {};
}

Status index_item_words(store::Transaction& tx, std::int64_t seq, std::string_view words) {
  Result<std::int64_t> done;
  if (tx.engine() == Engine::sqlite) {
    done = tx.exec("INSERT INTO discovery_item_text (rowid, words) VALUES ($1, $2)",
                   {seq, std::string(words)});
  } else {
    done =
        tx.exec("UPDATE discovery_items SET words_tsv = to_tsvector('simple', $2) WHERE seq = $1",
                {seq, std::string(words)});
  }
  if (!done) return std::unexpected(done.error());
  return {};
}

Status unindex_items_of(store::Transaction& tx, std::string_view merchant_id) {
  if (tx.engine() != Engine::sqlite) return {};  // the tsvector goes with the row
  auto done = tx.exec(
      "DELETE FROM discovery_item_text WHERE rowid IN "
      "(SELECT seq FROM discovery_items WHERE merchant_id = $1)",
      {std::string(merchant_id)});
  if (!done) return std::unexpected(done.error());
  return {};
}

}  // namespace reskflow::discovery::engine_sql
