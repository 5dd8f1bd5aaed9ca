// Reading discovery's read model whole, for the in-memory index the queries run on (index.h):
// the same rows on both engines, in seq order.
#include <algorithm>

#include "repository.h"

namespace reskflow::discovery {
namespace {

using store::Transaction;

constexpr std::string_view merchant_sql =
    "SELECT m.seq, m.merchant_id, m.kitchen_id, m.slug, m.name, m.cuisines, m.price_level, "
    "m.photo_url, m.lat, m.lng, m.zone_radius_m, d.zone_json, d.hours_json, m.time_zone, "
    "m.currency, m.prep_time_minutes, m.minimum_order_minor, m.paused_until_us, "
    "m.rating_average, m.rating_count, d.description, d.menu_text, m.dietary, d.words "
    "FROM discovery_merchants m JOIN discovery_merchant_documents d ON d.seq = m.seq "
    "WHERE m.listed ORDER BY m.seq";

// Items of listed merchants, with what matching needs of their merchant (its seq and name).
constexpr std::string_view item_sql =
    "SELECT i.seq, i.item_id, i.name, i.description, i.category, i.price_minor, i.currency, "
    "i.dietary, i.photo_url, i.words, m.seq, m.merchant_id, m.name "
    "FROM discovery_items i JOIN discovery_merchants m ON m.merchant_id = i.merchant_id "
    "WHERE m.listed AND NOT i.sold_out ORDER BY i.seq";

std::optional<Rating> rating_of(const store::Row& r, std::size_t average, std::size_t count) {
  const auto n = r.optional_int64(count);
  if (!n || *n <= 0) return std::nullopt;
  return Rating{r.real(average), *n};
}

MerchantRow read_merchant(const store::Row& r) {
  MerchantRow row;
  auto& m = row.merchant;
  m.seq = r.int64(0);
  m.id = r.text(1);
  m.kitchen_id = r.optional_text(2);
  m.slug = r.text(3);
  m.name = r.text(4);
  m.cuisines = tags_of(r.text_view(5));
  m.price_level = r.int64(6);
  m.photo_url = r.optional_text(7);
  m.location = {r.real(8), r.real(9)};
  m.zone_radius_m = r.optional_real(10);
  m.zone_json = r.text(11);
  m.hours_json = r.text(12);
  m.time_zone = r.text(13);
  m.currency = r.text(14);
  m.prep_time_minutes = r.int64(15);
  m.minimum_order = {r.int64(16), m.currency};
  m.paused_until_us = r.optional_int64(17);
  m.rating = rating_of(r, 18, 19);
  m.description = r.optional_text(20);
  m.menu_text = r.text(21);
  row.dietary = tags_of(r.text_view(22));
  row.words = words_of(r.text_view(23));
  return row;
}

ItemRow read_item(const store::Row& r) {
  ItemRow row;
  auto& item = row.item;
  item.seq = r.int64(0);
  item.id = r.text(1);
  item.name = r.text(2);
  item.description = r.optional_text(3);
  item.category = r.text(4);
  item.price = {r.int64(5), r.text(6)};
  item.dietary = tags_of(r.text_view(7));
  item.photo_url = r.optional_text(8);
  row.words = words_of(r.text_view(9));
  row.merchant_seq = r.int64(10);
  item.merchant.seq = row.merchant_seq;
  item.merchant.id = r.text(11);
  item.merchant.name = r.text(12);
  return row;
}

}  // namespace

Result<IndexRows> read_index_rows(Transaction& tx) {
  IndexRows out;
  auto merchants = tx.query(merchant_sql, {});
  if (!merchants) return std::unexpected(merchants.error());
  out.merchants.reserve(merchants->size());
  for (const auto r : *merchants) out.merchants.push_back(read_merchant(r));
  auto items = tx.query(item_sql, {});
  if (!items) return std::unexpected(items.error());
  out.items.reserve(items->size());
  for (const auto r : *items) out.items.push_back(read_item(r));
  auto words = tx.query("SELECT word FROM discovery_vocabulary", {});
  if (!words) return std::unexpected(words.error());
  out.vocabulary.reserve(words->size());
  for (const auto r : *words) out.vocabulary.push_back(r.text(0));
  // Sorted here, byte-wise: the engines' collations differ.
  std::sort(out.vocabulary.begin(), out.vocabulary.end());
  return out;
}

}  // namespace reskflow::discovery
