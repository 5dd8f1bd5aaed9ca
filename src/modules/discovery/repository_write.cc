// Applying catalog's and reviews' events to discovery's tables: newer versions only, the
// indexed words of every changed document, and the vocabulary's document counts.
#include <algorithm>
#include <map>

#include <boost/json.hpp>

#include "dietary.h"
#include "repository.h"
#include "reskflow/core/json_text.h"
#include "text.h"

namespace reskflow::discovery {
namespace {

using store::Params;
using store::Transaction;
using store::Value;

constexpr std::size_t vocabulary_rows_per_statement = 200;

Value optional_text(const std::optional<std::string>& s) {
  return s ? Value(*s) : Value(store::null_value);
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::vector<std::string> split_words(std::string_view stored) { return words_of(stored); }

// A sub-select yielding each word of `words` as one row (one parameter: a JSON array).
std::string word_rows(store::Engine engine, const std::vector<std::string>& words, Params& params) {
  boost::json::array list;
  for (const auto& w : words) list.emplace_back(w);
  params.emplace_back(json::serialize(list));
  const auto p = "$" + std::to_string(params.size());
  if (engine == store::Engine::sqlite) return "SELECT value FROM json_each(" + p + ")";
  return "SELECT json_array_elements_text(" + p + "::json)";
}

// Document counts per word to add (or, negative, to remove) in one go.
class VocabularyDelta {
 public:
  void add(const std::vector<std::string>& words, std::int64_t by) {
    for (const auto& w : words) counts_[w] += by;
  }
  void replace(const std::vector<std::string>& before, const std::vector<std::string>& after) {
    add(before, -1);
    add(after, 1);
  }

  Status apply(Transaction& tx) {
    std::erase_if(counts_, [](const auto& entry) { return entry.second == 0; });
    std::vector<std::pair<std::string, std::int64_t>> rows(counts_.begin(), counts_.end());
    for (std::size_t start = 0; start < rows.size(); start += vocabulary_rows_per_statement) {
      const auto end = std::min(rows.size(), start + vocabulary_rows_per_statement);
      std::string sql = "INSERT INTO discovery_vocabulary (word, documents) VALUES ";
      Params params;
      for (std::size_t i = start; i < end; ++i) {
        params.emplace_back(rows[i].first);
        params.emplace_back(rows[i].second);
        sql += (i == start ? "($" : ", ($") + std::to_string(params.size() - 1) + ", $" +
               std::to_string(params.size()) + ")";
      }
      sql +=
          " ON CONFLICT (word) DO UPDATE SET documents = "
          "discovery_vocabulary.documents + excluded.documents";
      if (auto done = tx.exec(sql, params); !done) return std::unexpected(done.error());
    }
    std::vector<std::string> lowered;
    for (const auto& [word, by] : rows) {
      if (by < 0) lowered.push_back(word);
    }
    if (lowered.empty()) return {};
    Params params;
    const auto source = word_rows(tx.engine(), lowered, params);
    auto done = tx.exec(
        "DELETE FROM discovery_vocabulary WHERE documents <= 0 AND word IN (" + source + ")",
        params);
    if (!done) return std::unexpected(done.error());
    return {};
  }

 private:
  std::map<std::string, std::int64_t> counts_;
};

std::vector<std::string> merchant_words(const std::string& name,
                                        const std::vector<std::string>& cuisines,
                                        const std::optional<std::string>& description,
                                        const std::string& menu_text) {
  return distinct_words({name, joined(cuisines), description.value_or(""), menu_text});
}

std::vector<std::string> item_words(const MenuItemRecord& item, const std::string& merchant_name) {
  return distinct_words({item.name, item.description.value_or(""), item.category,
                         joined(item.dietary), merchant_name});
}

// Item names and category names, the merchant's "menu" field in matching.
std::string menu_text_of(const std::vector<MenuItemRecord>& items) {
  std::vector<std::string> parts;
  for (const auto& item : items) {
    parts.push_back(item.name);
    if (std::find(parts.begin(), parts.end(), item.category) == parts.end())
      parts.push_back(item.category);
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " | ") + p;
  return out;
}

struct ExistingMerchant {
  std::int64_t version = 0;
  std::string name;
  std::string words;
  std::string menu_text;
};

Result<std::optional<ExistingMerchant>> existing_merchant(Transaction& tx, const std::string& id) {
  auto rows = tx.query(
      "SELECT m.version, m.name, d.words, d.menu_text FROM discovery_merchants m "
      "LEFT JOIN discovery_merchant_documents d ON d.seq = m.seq WHERE m.merchant_id = $1",
      {id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<ExistingMerchant>{};
  const auto r = rows->front();
  return ExistingMerchant{r.int64(0), r.text(1), r.optional_text(2).value_or(""),
                          r.optional_text(3).value_or("")};
}

Status put_tombstone(Transaction& tx, const MerchantRecord& m, std::int64_t now_us) {
  auto done = tx.exec(
      "INSERT INTO discovery_merchants (merchant_id, version, status, listed, slug, name, "
      "cuisines, price_level, lat, lng, time_zone, currency, prep_time_minutes, "
      "minimum_order_minor, updated_at_us) "
      "VALUES ($1, $2, $3, FALSE, '', '', ',', 1, 0, 0, 'UTC', '', 0, 0, $4) "
      "ON CONFLICT (merchant_id) DO UPDATE SET version = excluded.version, "
      "status = excluded.status, listed = FALSE, updated_at_us = excluded.updated_at_us",
      {m.id, m.version, m.status, now_us});
  if (!done) return std::unexpected(done.error());
  return {};
}

Result<std::int64_t> put_merchant_row(Transaction& tx, const MerchantRecord& m,
                                      std::int64_t now_us) {
  const Params params{
      m.id,
      m.version,
      m.status,
      m.status == "active",
      optional_text(m.kitchen_id),
      m.slug,
      m.name,
      tag_list(m.cuisines),
      m.price_level,
      optional_text(m.photo_url),
      m.location.lat,
      m.location.lng,
      m.zone.kind == geo::Zone::Kind::radius ? Value(m.zone.radius_m) : Value(store::null_value),
      m.time_zone,
      m.currency,
      m.prep_time_minutes,
      m.minimum_order.amount_minor,
      m.paused_until_us ? Value(*m.paused_until_us) : Value(store::null_value),
      now_us};
  auto rows = tx.query(
      "INSERT INTO discovery_merchants (merchant_id, version, status, listed, kitchen_id, slug, "
      "name, cuisines, price_level, photo_url, lat, lng, zone_radius_m, time_zone, currency, "
      "prep_time_minutes, minimum_order_minor, paused_until_us, updated_at_us, rating_average, "
      "rating_count, dietary) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
      "$19, (SELECT average FROM discovery_ratings WHERE merchant_id = $1), "
      "COALESCE((SELECT count FROM discovery_ratings WHERE merchant_id = $1), 0), "
      "COALESCE((SELECT dietary FROM discovery_menus WHERE merchant_id = $1), ',')) "
      "ON CONFLICT (merchant_id) DO UPDATE SET version = excluded.version, "
      "status = excluded.status, listed = excluded.listed, kitchen_id = excluded.kitchen_id, "
      "slug = excluded.slug, name = excluded.name, cuisines = excluded.cuisines, "
      "price_level = excluded.price_level, photo_url = excluded.photo_url, lat = excluded.lat, "
      "lng = excluded.lng, zone_radius_m = excluded.zone_radius_m, "
      "time_zone = excluded.time_zone, currency = excluded.currency, "
      "prep_time_minutes = excluded.prep_time_minutes, "
      "minimum_order_minor = excluded.minimum_order_minor, "
      "paused_until_us = excluded.paused_until_us, updated_at_us = excluded.updated_at_us "
      "RETURNING seq",
      params);
  if (!rows) return std::unexpected(rows.error());
  return rows->front().int64(0);
}

Status put_merchant_document(Transaction& tx, std::int64_t seq, const MerchantRecord& m,
                             const std::string& menu_text, const std::string& words) {
  auto done = tx.exec(
      "INSERT INTO discovery_merchant_documents (seq, description, zone_json, hours_json, "
      "menu_text, words) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (seq) DO UPDATE SET "
      "description = excluded.description, zone_json = excluded.zone_json, "
      "hours_json = excluded.hours_json, menu_text = excluded.menu_text, words = excluded.words",
      {seq, optional_text(m.description), m.zone_json, m.hours_json, menu_text, words});
  if (!done) return std::unexpected(done.error());
  return {};
}

Result<std::vector<MenuItemRecord>> stored_items(Transaction& tx, const std::string& merchant_id) {
  auto rows = tx.query(
      "SELECT item_id, name, description, category, dietary FROM discovery_items "
      "WHERE merchant_id = $1 ORDER BY position",
      {merchant_id});
  if (!rows) return std::unexpected(rows.error());
  std::vector<MenuItemRecord> items;
  for (const auto r : *rows) {
    MenuItemRecord item;
    item.id = r.text(0);
    item.name = r.text(1);
    item.description = r.optional_text(2);
    item.category = r.text(3);
    item.dietary = tags_of(r.text_view(4));
    items.push_back(std::move(item));
  }
  return items;
}

// Item documents hold their merchant's name: a rename re-indexes them.
Status reindex_items(Transaction& tx, const std::string& merchant_id, const std::string& old_name,
                     const std::string& new_name, VocabularyDelta& vocabulary) {
  auto items = stored_items(tx, merchant_id);
  if (!items) return std::unexpected(items.error());
  for (const auto& item : *items) {
    const auto before = item_words(item, old_name);
    const auto after = item_words(item, new_name);
    vocabulary.replace(before, after);
    auto done = tx.exec("UPDATE discovery_items SET words = $2 WHERE item_id = $1",
                        {item.id, joined(after)});
    if (!done) return std::unexpected(done.error());
  }
  return {};
}

}  // namespace

Result<bool> apply_merchant(Transaction& tx, const MerchantRecord& m, std::int64_t now_us) {
  auto existing = existing_merchant(tx, m.id);
  if (!existing) return std::unexpected(existing.error());
  if (*existing && (*existing)->version >= m.version) return false;
  if (m.status == "deleted") {
    if (auto ok = put_tombstone(tx, m, now_us); !ok) return std::unexpected(ok.error());
    return true;
  }
  std::string menu_text;
  if (*existing) {
    menu_text = (*existing)->menu_text;
  } else {  // the menu may have arrived first
    auto items = stored_items(tx, m.id);
    if (!items) return std::unexpected(items.error());
    menu_text = menu_text_of(*items);
  }
  const auto words = merchant_words(m.name, m.cuisines, m.description, menu_text);
  auto seq = put_merchant_row(tx, m, now_us);
  if (!seq) return std::unexpected(seq.error());
  if (auto ok = put_merchant_document(tx, *seq, m, menu_text, joined(words)); !ok)
    return std::unexpected(ok.error());
  VocabularyDelta vocabulary;
  vocabulary.replace(*existing ? split_words((*existing)->words) : std::vector<std::string>{},
                     words);
  const std::string old_name = *existing ? (*existing)->name : std::string();
  if (old_name != m.name) {
    if (auto ok = reindex_items(tx, m.id, old_name, m.name, vocabulary); !ok)
      return std::unexpected(ok.error());
  }
  if (auto ok = vocabulary.apply(tx); !ok) return std::unexpected(ok.error());
  return true;
}

namespace {

Result<std::optional<std::int64_t>> menu_version(Transaction& tx, const std::string& merchant_id) {
  auto rows = tx.query("SELECT version FROM discovery_menus WHERE merchant_id = $1", {merchant_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<std::int64_t>{};
  return rows->front().int64(0);
}

// Deletes the merchant's items and their index entries, counting their words out.
Status drop_items(Transaction& tx, const std::string& merchant_id, VocabularyDelta& vocabulary) {
  auto rows = tx.query("SELECT words FROM discovery_items WHERE merchant_id = $1", {merchant_id});
  if (!rows) return std::unexpected(rows.error());
  for (const auto r : *rows) vocabulary.add(split_words(r.text_view(0)), -1);
  auto done = tx.exec("DELETE FROM discovery_items WHERE merchant_id = $1", {merchant_id});
  if (!done) return std::unexpected(done.error());
  return {};
}

Status insert_items(Transaction& tx, const MenuRecord& menu, const std::string& merchant_name,
                    VocabularyDelta& vocabulary) {
  for (std::size_t position = 0; position < menu.items.size(); ++position) {
    const auto& item = menu.items[position];
    const auto words = item_words(item, merchant_name);
    vocabulary.add(words, 1);
    auto done = tx.exec(
        "INSERT INTO discovery_items (item_id, merchant_id, position, name, description, "
        "category, price_minor, currency, dietary, sold_out, photo_url, words) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        {item.id, menu.merchant_id, static_cast<std::int64_t>(position), item.name,
         optional_text(item.description), item.category, item.price.amount_minor,
         item.price.currency, tag_list(item.dietary), item.sold_out, optional_text(item.photo_url),
         joined(words)});
    if (!done) return std::unexpected(done.error());
  }
  return {};
}

// The merchant document's words include its menu: refresh them (when the merchant is known).
Status refresh_merchant_words(Transaction& tx, const std::string& merchant_id,
                              const std::string& menu_text, VocabularyDelta& vocabulary) {
  auto rows = tx.query(
      "SELECT m.seq, m.name, m.cuisines, d.description, d.words FROM discovery_merchants m "
      "JOIN discovery_merchant_documents d ON d.seq = m.seq WHERE m.merchant_id = $1",
      {merchant_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return {};  // not known yet, or only as a tombstone
  const auto r = rows->front();
  const auto words =
      merchant_words(r.text(1), tags_of(r.text_view(2)), r.optional_text(3), menu_text);
  vocabulary.replace(split_words(r.text_view(4)), words);
  auto done =
      tx.exec("UPDATE discovery_merchant_documents SET menu_text = $2, words = $3 WHERE seq = $1",
              {r.int64(0), menu_text, joined(words)});
  if (!done) return std::unexpected(done.error());
  return {};
}

// The menu's version and the dietary tags it earns, copied to its merchant's row.
Status put_menu_row(Transaction& tx, const MenuRecord& menu) {
  const auto dietary = tag_list(earned_dietary(menu.items));
  auto done = tx.exec(
      "INSERT INTO discovery_menus (merchant_id, version, dietary) VALUES ($1, $2, $3) "
      "ON CONFLICT (merchant_id) DO UPDATE SET version = excluded.version, "
      "dietary = excluded.dietary",
      {menu.merchant_id, menu.version, dietary});
  if (!done) return std::unexpected(done.error());
  done = tx.exec("UPDATE discovery_merchants SET dietary = $2 WHERE merchant_id = $1",
                 {menu.merchant_id, dietary});
  if (!done) return std::unexpected(done.error());
  return {};
}

}  // namespace

Result<bool> apply_menu(Transaction& tx, const MenuRecord& menu) {
  auto held = menu_version(tx, menu.merchant_id);
  if (!held) return std::unexpected(held.error());
  if (*held && **held >= menu.version) return false;
  auto merchant = existing_merchant(tx, menu.merchant_id);
  if (!merchant) return std::unexpected(merchant.error());
  const std::string merchant_name = *merchant ? (*merchant)->name : std::string();
  VocabularyDelta vocabulary;
  if (auto ok = drop_items(tx, menu.merchant_id, vocabulary); !ok)
    return std::unexpected(ok.error());
  if (auto ok = insert_items(tx, menu, merchant_name, vocabulary); !ok)
    return std::unexpected(ok.error());
  if (auto ok = put_menu_row(tx, menu); !ok) return std::unexpected(ok.error());
  if (auto ok = refresh_merchant_words(tx, menu.merchant_id, menu_text_of(menu.items), vocabulary);
      !ok)
    return std::unexpected(ok.error());
  if (auto ok = vocabulary.apply(tx); !ok) return std::unexpected(ok.error());
  return true;
}

Result<bool> apply_rating(Transaction& tx, const RatingRecord& rating) {
  auto rows = tx.query(
      "INSERT INTO discovery_ratings (merchant_id, version, average, count) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (merchant_id) DO UPDATE SET "
      "version = excluded.version, average = excluded.average, count = excluded.count "
      "WHERE discovery_ratings.version < excluded.version RETURNING version",
      {rating.merchant_id, rating.version, rating.average, rating.count});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return false;
  auto merchant = tx.exec(
      "UPDATE discovery_merchants SET rating_average = $2, rating_count = $3 "
      "WHERE merchant_id = $1",
      {rating.merchant_id, rating.average, rating.count});
  if (!merchant) return std::unexpected(merchant.error());
  return true;
}

}  // namespace reskflow::discovery
