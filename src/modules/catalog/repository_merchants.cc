// SQL for catalog_merchants: load, insert, update, brands, slugs and the admin search.
#include <boost/json.hpp>

#include "render.h"
#include "repository.h"
#include "repository_util.h"
#include "text.h"

namespace reskflow::catalog::repository {
namespace {

constexpr std::string_view merchant_columns =
    "id, kitchen_id, slug, name, description, phone, address_json, lat, lng, time_zone, "
    "currency, cuisines_json, price_level, photo_url, prep_time_minutes, minimum_order_minor, "
    "delivery_zone_json, opening_hours_json, paused_until_us, pause_reason, status, version, "
    "menu_updated_at_us, created_at_us, updated_at_us, delivery_mode";

Result<Address> address_of(std::string_view text) {
  const auto doc = parse_stored(text);
  if (!doc.is_object()) return fail(ErrorCode::internal, "stored address is not an object");
  const auto& o = doc.as_object();
  Address a;
  a.line1 = stored_text(o, "line1");
  if (const auto* line2 = o.if_contains("line2"); line2 != nullptr && line2->is_string())
    a.line2 = std::string(line2->as_string());
  a.city = stored_text(o, "city");
  a.postal_code = stored_text(o, "postal_code");
  a.country = stored_text(o, "country");
  return a;
}

// The zone and hours documents were validated on the way in; failing here means the stored
// row was changed outside the catalog.
Status read_documents(const store::Row& row, MerchantProfile& p) {
  auto address = address_of(row.text_view(6));
  if (!address) return std::unexpected(address.error());
  p.address = std::move(*address);
  auto zone = geo::parse_zone(parse_stored(row.text_view(16)), p.location, "delivery_zone");
  if (!zone) return fail(ErrorCode::internal, "stored delivery zone is invalid");
  p.delivery_zone = std::move(*zone);
  auto hours = hours::parse(parse_stored(row.text_view(17)), "opening_hours");
  if (!hours) return fail(ErrorCode::internal, "stored opening hours are invalid");
  p.opening_hours = std::move(*hours);
  return {};
}

Result<Merchant> merchant_of(const store::Row& row) {
  Merchant m;
  m.id = row.text(0);
  m.kitchen_id = row.optional_text(1);
  m.slug = row.text(2);
  auto& p = m.profile;
  p.name = row.text(3);
  p.description = row.optional_text(4);
  p.phone = row.optional_text(5);
  p.location = {row.real(7), row.real(8)};
  p.time_zone = row.text(9);
  p.currency = row.text(10);
  p.cuisines = stored_strings(row.text_view(11));
  p.price_level = row.int64(12);
  p.photo_url = row.optional_text(13);
  p.prep_time_minutes = row.int64(14);
  p.minimum_order_minor = row.int64(15);
  if (auto ok = read_documents(row, p); !ok) return std::unexpected(ok.error());
  m.paused_until_us = row.optional_int64(18);
  m.pause_reason = row.optional_text(19);
  m.status = row.text(20);
  m.version = row.int64(21);
  m.menu_updated_at_us = row.int64(22);
  m.created_at_us = row.int64(23);
  m.updated_at_us = row.int64(24);
  p.delivery_mode = parse_delivery_mode(row.text_view(25)).value_or(DeliveryMode::platform);
  return m;
}

Result<std::vector<Merchant>> merchants_of(const store::Rows& rows) {
  std::vector<Merchant> out;
  for (const auto row : rows) {
    auto m = merchant_of(row);
    if (!m) return std::unexpected(m.error());
    out.push_back(std::move(*m));
  }
  return out;
}

Result<std::optional<Merchant>> one_merchant(Transaction& tx, std::string_view where,
                                             std::string_view key) {
  RF_TRY(rows, tx.query("SELECT " + std::string(merchant_columns) +
                            " FROM catalog_merchants WHERE " + std::string(where),
                        {std::string(key)}));
  if (rows->empty()) return std::optional<Merchant>{};
  auto m = merchant_of(rows->front());
  if (!m) return std::unexpected(m.error());
  return std::optional<Merchant>{std::move(*m)};
}

// The mutable columns, in the order update_merchant binds them after the id ($1).
store::Params mutable_values(const Merchant& m) {
  const auto& p = m.profile;
  return {p.name,
          fold(p.name),
          optional_value(p.description),
          optional_value(p.phone),
          json_text(address_document(p.address)),
          p.location.lat,
          p.location.lng,
          p.time_zone,
          p.currency,
          json_text(strings_document(p.cuisines)),
          p.price_level,
          optional_value(p.photo_url),
          p.prep_time_minutes,
          p.minimum_order_minor,
          json_text(geo::zone_document(p.delivery_zone)),
          json_text(hours::document(p.opening_hours)),
          optional_value(m.paused_until_us),
          optional_value(m.pause_reason),
          m.status,
          m.version,
          m.menu_updated_at_us,
          m.updated_at_us,
          std::string(delivery_mode_name(p.delivery_mode))};
}

}  // namespace

Result<std::optional<Merchant>> merchant(Transaction& tx, std::string_view id) {
  return one_merchant(tx, "id = $1", id);
}

Result<std::optional<Merchant>> merchant_for_update(Transaction& tx, std::string_view id) {
  return one_merchant(tx, tx.engine() == store::Engine::postgres ? "id = $1 FOR UPDATE" : "id = $1",
                      id);
}

Result<std::optional<Merchant>> merchant_by_slug(Transaction& tx, std::string_view slug) {
  return one_merchant(tx, "slug = $1", slug);
}

Result<std::vector<Merchant>> brands(Transaction& tx, std::string_view kitchen_id) {
  RF_TRY(rows, tx.query("SELECT " + std::string(merchant_columns) +
                            " FROM catalog_merchants WHERE kitchen_id = $1 ORDER BY id",
                        {std::string(kitchen_id)}));
  return merchants_of(*rows);
}

Status insert_merchant(Transaction& tx, const Merchant& m) {
  // Built value by value: g++ 12 at -O3 misreads a braced list of variants here.
  store::Params params;
  params.emplace_back(m.id);
  params.push_back(optional_value(m.kitchen_id));
  params.emplace_back(m.slug);
  for (auto& v : mutable_values(m)) params.push_back(std::move(v));
  params.emplace_back(m.created_at_us);
  RF_TRY(done, tx.exec("INSERT INTO catalog_merchants (id, kitchen_id, slug, name, name_folded, "
                       "description, phone, address_json, lat, lng, time_zone, currency, "
                       "cuisines_json, price_level, photo_url, prep_time_minutes, "
                       "minimum_order_minor, delivery_zone_json, opening_hours_json, "
                       "paused_until_us, pause_reason, status, version, menu_updated_at_us, "
                       "updated_at_us, delivery_mode, created_at_us) VALUES ($1, $2, $3, $4, $5, "
                       "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, "
                       "$21, $22, $23, $24, $25, $26, $27)",
                       params));
  return {};
}

Status update_merchant(Transaction& tx, const Merchant& m) {
  store::Params params{m.id};
  auto rest = mutable_values(m);
  params.insert(params.end(), rest.begin(), rest.end());
  RF_TRY(done,
         tx.exec("UPDATE catalog_merchants SET name = $2, name_folded = $3, description = "
                 "$4, phone = $5, address_json = $6, lat = $7, lng = $8, time_zone = $9, "
                 "currency = $10, cuisines_json = $11, price_level = $12, photo_url = $13, "
                 "prep_time_minutes = $14, minimum_order_minor = $15, delivery_zone_json = "
                 "$16, opening_hours_json = $17, paused_until_us = $18, pause_reason = $19, "
                 "status = $20, version = $21, menu_updated_at_us = $22, updated_at_us = $23, "
                 "delivery_mode = $24 WHERE id = $1",
                 params));
  if (*done != 1) return fail(ErrorCode::not_found, "no such merchant");
  return {};
}

Result<std::string> free_slug(Transaction& tx, const std::string& base) {
  RF_TRY(rows, tx.query("SELECT slug FROM catalog_merchants WHERE slug = $1 OR slug LIKE $2 "
                        "ESCAPE '!'",
                        {base, like_escape(base) + "-%"}));
  std::set<std::string> taken;
  for (const auto row : *rows) taken.insert(row.text(0));
  if (!taken.contains(base)) return base;
  for (std::size_t n = 2;; ++n) {
    auto candidate = base + "-" + std::to_string(n);
    if (!taken.contains(candidate)) return candidate;
  }
}

Result<std::vector<Merchant>> search(Transaction& tx, const MerchantFilter& f) {
  RF_TRY(rows, tx.query("SELECT " + std::string(merchant_columns) +
                            " FROM catalog_merchants WHERE name_folded LIKE $1 ESCAPE '!' "
                            "AND ($2 = '' OR status = $2) AND id > $3 ORDER BY id LIMIT $4",
                        {like_pattern(f.name_folded), f.status, f.after_id, f.limit}));
  return merchants_of(*rows);
}

}  // namespace reskflow::catalog::repository
