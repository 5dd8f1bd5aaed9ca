// SQL over deliveries_deliveries, deliveries_offers, deliveries_path and deliveries_eta_records.
#include "repository.h"

namespace reskflow::deliveries::repository {
namespace {

constexpr std::string_view delivery_columns =
    "id, order_id, customer_id, merchant_id, merchant_name, driver_id, status, pickup_lat, "
    "pickup_lng, pickup_address, dropoff_lat, dropoff_lng, dropoff_address, instructions, "
    "leave_at_door, cold_min_c, cold_max_c, age_restricted, item_count, currency, tip_minor, "
    "ready_at_us, due_by_us, pickup_code, pin, reason, pickup_eta_us, dropoff_eta_us, "
    "predicted_dropoff_us, distance_m, earnings_minor, version, created_at_us, assigned_at_us, "
    "picked_up_at_us, delivered_at_us, updated_at_us";
constexpr std::string_view offer_columns =
    "id, delivery_id, driver_id, status, earnings_minor, distance_m, created_at_us, expires_at_us";
constexpr std::string_view active_states = "('assigned', 'at_pickup', 'picked_up', 'at_dropoff')";

store::Value optional_value(const std::optional<std::int64_t>& v) {
  return v ? store::Value(*v) : store::Value();
}

void read_places(const store::Row& r, DeliveryRecord& out) {
  auto& d = out.delivery;
  d.pickup = {r.real(7), r.real(8)};
  out.pickup_address = r.text(9);
  d.dropoff = {r.real(10), r.real(11)};
  out.dropoff_address = r.text(12);
  out.instructions = r.text(13);
  out.leave_at_door = r.boolean(14);
  if (auto lo = r.optional_real(15), hi = r.optional_real(16); lo && hi)
    d.cold_chain = TemperatureRange{*lo, *hi};
}

DeliveryRecord record_of(const store::Row& r) {
  DeliveryRecord out;
  auto& d = out.delivery;
  d.id = r.text(0);
  d.order_id = r.text(1);
  d.customer_id = r.text(2);
  d.merchant_id = r.text(3);
  out.merchant_name = r.text(4);
  d.driver_id = r.text(5);
  d.status = r.text(6);
  read_places(r, out);
  out.age_restricted = r.boolean(17);
  out.item_count = r.int64(18);
  out.tip = {r.int64(20), r.text(19)};
  out.ready_at_us = r.int64(21);
  out.due_by_us = r.int64(22);
  out.pickup_code = r.text(23);
  out.pin = r.text(24);
  out.reason = r.text(25);
  out.pickup_eta_us = r.optional_int64(26);
  out.dropoff_eta_us = r.optional_int64(27);
  out.predicted_dropoff_us = r.optional_int64(28);
  out.distance_m = r.real(29);
  out.earnings = {r.int64(30), out.tip.currency};
  out.version = r.int64(31);
  d.created_at_us = r.int64(32);
  out.assigned_at_us = r.optional_int64(33);
  d.picked_up_at_us = r.optional_int64(34);
  d.delivered_at_us = r.optional_int64(35);
  out.updated_at_us = r.int64(36);
  return out;
}

std::vector<DeliveryRecord> records_of(const store::Rows& rows) {
  std::vector<DeliveryRecord> out;
  for (const auto r : rows) out.push_back(record_of(r));
  return out;
}

Offer offer_of(const store::Row& r) {
  return {r.text(0),  r.text(1), r.text(2),  r.text(3),
          r.int64(4), r.real(5), r.int64(6), r.int64(7)};
}

std::vector<Offer> offers_of(const store::Rows& rows) {
  std::vector<Offer> out;
  for (const auto r : rows) out.push_back(offer_of(r));
  return out;
}

Result<std::optional<DeliveryRecord>> one(Transaction& tx, std::string_view where,
                                          std::string_view key) {
  RF_TRY(rows, tx.query("SELECT " + std::string(delivery_columns) +
                            " FROM deliveries_deliveries WHERE " + std::string(where),
                        {std::string(key)}));
  if (rows->empty()) return std::optional<DeliveryRecord>{};
  return std::optional<DeliveryRecord>{record_of(rows->front())};
}

}  // namespace

Status insert_delivery(Transaction& tx, const DeliveryRecord& x) {
  const auto& d = x.delivery;
  store::Params params{
      d.id,          d.order_id,    d.customer_id,     d.merchant_id,  x.merchant_name,
      d.driver_id,   d.status,      d.pickup.lat,      d.pickup.lng,   x.pickup_address,
      d.dropoff.lat, d.dropoff.lng, x.dropoff_address, x.instructions, x.leave_at_door};
  params.push_back(d.cold_chain ? store::Value(d.cold_chain->min_c) : store::Value());
  params.push_back(d.cold_chain ? store::Value(d.cold_chain->max_c) : store::Value());
  for (auto v : store::Params{x.age_restricted,
                              x.item_count,
                              x.tip.currency,
                              x.tip.amount_minor,
                              x.ready_at_us,
                              x.due_by_us,
                              x.pickup_code,
                              x.pin,
                              x.reason,
                              optional_value(x.pickup_eta_us),
                              optional_value(x.dropoff_eta_us),
                              optional_value(x.predicted_dropoff_us),
                              x.distance_m,
                              x.earnings.amount_minor,
                              x.version,
                              d.created_at_us,
                              optional_value(x.assigned_at_us),
                              optional_value(d.picked_up_at_us),
                              optional_value(d.delivered_at_us),
                              x.updated_at_us})
    params.push_back(std::move(v));
  std::string values;
  for (std::size_t i = 1; i <= params.size(); ++i)
    values += (i == 1 ? "$" : ", $") + std::to_string(i);
  RF_TRY(n, tx.exec("INSERT INTO deliveries_deliveries (" + std::string(delivery_columns) +
                        ") VALUES (" + values + ")",
                    params));
  return {};
}

Result<std::optional<DeliveryRecord>> delivery(Transaction& tx, std::string_view id) {
  return one(tx, "id = $1", id);
}

Result<std::optional<DeliveryRecord>> delivery_of_order(Transaction& tx,
                                                        std::string_view order_id) {
  return one(tx, "order_id = $1", order_id);
}

Result<bool> update_delivery(Transaction& tx, const DeliveryRecord& x,
                             std::int64_t expected_version) {
  const auto& d = x.delivery;
  RF_TRY(n, tx.exec("UPDATE deliveries_deliveries SET driver_id = $3, status = $4, reason = $5, "
                    "pickup_eta_us = $6, dropoff_eta_us = $7, predicted_dropoff_us = $8, "
                    "earnings_minor = $9, version = $10, assigned_at_us = $11, "
                    "picked_up_at_us = $12, delivered_at_us = $13, updated_at_us = $14 "
                    "WHERE id = $1 AND version = $2",
                    {d.id, expected_version, d.driver_id, d.status, x.reason,
                     optional_value(x.pickup_eta_us), optional_value(x.dropoff_eta_us),
                     optional_value(x.predicted_dropoff_us), x.earnings.amount_minor, x.version,
                     optional_value(x.assigned_at_us), optional_value(d.picked_up_at_us),
                     optional_value(d.delivered_at_us), x.updated_at_us}));
  return *n == 1;
}

Result<bool> set_ready_at(Transaction& tx, std::string_view delivery_id, std::int64_t ready_at_us) {
  RF_TRY(n, tx.exec("UPDATE deliveries_deliveries SET ready_at_us = $2 WHERE id = $1 AND "
                    "status IN ('pending', 'assigned') AND ready_at_us <> $2",
                    {std::string(delivery_id), ready_at_us}));
  return *n == 1;
}

Result<std::vector<DeliveryRecord>> waiting(Transaction& tx, std::int64_t ready_by_us,
                                            std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT " + std::string(delivery_columns) +
                            " FROM deliveries_deliveries d WHERE status = 'pending' AND "
                            "ready_at_us <= $1 AND NOT EXISTS (SELECT 1 FROM deliveries_offers o "
                            "WHERE o.delivery_id = d.id AND o.status = 'pending') "
                            "ORDER BY created_at_us, id LIMIT $2",
                        {ready_by_us, limit}));
  return records_of(*rows);
}

Result<Backlog> backlog(Transaction& tx) {
  RF_TRY(rows, tx.query("SELECT COUNT(*), MIN(created_at_us) FROM deliveries_deliveries d "
                        "WHERE status = 'pending' AND NOT EXISTS (SELECT 1 FROM deliveries_offers "
                        "o WHERE o.delivery_id = d.id AND o.status = 'pending')"));
  const auto& row = rows->front();
  return Backlog{row.int64(0), row.optional_int64(1)};
}

Result<std::vector<DeliveryRecord>> active(Transaction& tx) {
  RF_TRY(rows, tx.query("SELECT " + std::string(delivery_columns) +
                        " FROM deliveries_deliveries WHERE status IN " +
                        std::string(active_states) + " ORDER BY assigned_at_us, id"));
  return records_of(*rows);
}

Result<std::vector<DeliveryRecord>> of_driver(Transaction& tx, std::string_view driver_id,
                                              bool active_only, std::int64_t limit) {
  const std::string filter = active_only ? " AND status IN " + std::string(active_states) : "";
  RF_TRY(rows, tx.query("SELECT " + std::string(delivery_columns) +
                            " FROM deliveries_deliveries WHERE driver_id = $1" + filter +
                            " ORDER BY created_at_us DESC, id DESC LIMIT $2",
                        {std::string(driver_id), limit}));
  return records_of(*rows);
}

Status insert_offer(Transaction& tx, const Offer& o) {
  RF_TRY(n, tx.exec("INSERT INTO deliveries_offers (" + std::string(offer_columns) +
                        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    {o.id, o.delivery_id, o.driver_id, o.status, o.earnings_minor, o.distance_m,
                     o.created_at_us, o.expires_at_us}));
  return {};
}

Result<std::optional<Offer>> offer(Transaction& tx, std::string_view id) {
  RF_TRY(rows,
         tx.query("SELECT " + std::string(offer_columns) + " FROM deliveries_offers WHERE id = $1",
                  {std::string(id)}));
  if (rows->empty()) return std::optional<Offer>{};
  return std::optional<Offer>{offer_of(rows->front())};
}

Result<std::vector<Offer>> pending_offers_of(Transaction& tx, std::string_view driver_id,
                                             std::int64_t now_us) {
  RF_TRY(rows, tx.query("SELECT " + std::string(offer_columns) +
                            " FROM deliveries_offers WHERE driver_id = $1 AND status = 'pending' "
                            "AND expires_at_us > $2 ORDER BY created_at_us DESC, id DESC",
                        {std::string(driver_id), now_us}));
  return offers_of(*rows);
}

Result<std::vector<Offer>> pending_offers(Transaction& tx) {
  RF_TRY(rows, tx.query("SELECT " + std::string(offer_columns) +
                        " FROM deliveries_offers WHERE status = 'pending' ORDER BY id"));
  return offers_of(*rows);
}

Result<bool> resolve_offer(Transaction& tx, std::string_view id, std::string_view status,
                           std::int64_t at_us) {
  RF_TRY(n, tx.exec("UPDATE deliveries_offers SET status = $2, resolved_at_us = $3 "
                    "WHERE id = $1 AND status = 'pending'",
                    {std::string(id), std::string(status), at_us}));
  return *n == 1;
}

Status withdraw_offers(Transaction& tx, std::string_view delivery_id, std::int64_t at_us) {
  RF_TRY(n, tx.exec("UPDATE deliveries_offers SET status = 'withdrawn', resolved_at_us = $2 "
                    "WHERE delivery_id = $1 AND status = 'pending'",
                    {std::string(delivery_id), at_us}));
  return {};
}

Result<std::vector<Offer>> lapsed_offers(Transaction& tx, std::int64_t now_us, std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT " + std::string(offer_columns) +
                            " FROM deliveries_offers WHERE status = 'pending' AND expires_at_us "
                            "<= $1 ORDER BY expires_at_us, id LIMIT $2",
                        {now_us, limit}));
  return offers_of(*rows);
}

Result<std::vector<std::string>> passed_over(Transaction& tx, std::string_view delivery_id) {
  RF_TRY(rows, tx.query("SELECT DISTINCT driver_id FROM deliveries_offers WHERE delivery_id = $1 "
                        "AND status IN ('declined', 'expired') ORDER BY driver_id",
                        {std::string(delivery_id)}));
  std::vector<std::string> out;
  for (const auto r : *rows) out.push_back(r.text(0));
  return out;
}

namespace {

// Rows per INSERT of path points: one statement, prepared once, for most of a flush.
constexpr std::size_t path_rows_per_statement = 64;

std::string path_insert_sql(std::size_t rows) {
  std::string sql = "INSERT INTO deliveries_path (delivery_id, at_us, lat, lng) VALUES ";
  for (std::size_t row = 0; row < rows; ++row) {
    const auto n = row * 4;
    sql += (row == 0 ? "($" : ", ($") + std::to_string(n + 1) + ", $" + std::to_string(n + 2) +
           ", $" + std::to_string(n + 3) + ", $" + std::to_string(n + 4) + ")";
  }
  return sql + " ON CONFLICT (delivery_id, at_us) DO NOTHING";
}

}  // namespace

Status append_paths(Transaction& tx, std::span<const PathEntry> entries) {
  static const std::string many = path_insert_sql(path_rows_per_statement);
  static const std::string one = path_insert_sql(1);
  store::Params params;
  while (!entries.empty()) {
    const auto rows = entries.size() >= path_rows_per_statement ? path_rows_per_statement : 1;
    params.clear();
    for (const auto& e : entries.first(rows)) {
      params.emplace_back(std::string(e.delivery_id));
      params.emplace_back(e.point.at_us);
      params.emplace_back(e.point.point.lat);
      params.emplace_back(e.point.point.lng);
    }
    RF_TRY(n, tx.exec(rows == 1 ? one : many, params));
    entries = entries.subspan(rows);
  }
  return {};
}

Result<std::vector<PathPoint>> path(Transaction& tx, std::string_view delivery_id) {
  RF_TRY(rows, tx.query("SELECT at_us, lat, lng FROM deliveries_path WHERE delivery_id = $1 "
                        "ORDER BY at_us",
                        {std::string(delivery_id)}));
  std::vector<PathPoint> out;
  for (const auto r : *rows) out.push_back({r.int64(0), {r.real(1), r.real(2)}});
  return out;
}

Status downsample_path(Transaction& tx, std::string_view delivery_id, std::int64_t bucket_us) {
  RF_TRY(n, tx.exec("DELETE FROM deliveries_path WHERE delivery_id = $1 AND at_us NOT IN (SELECT "
                    "MIN(at_us) FROM deliveries_path WHERE delivery_id = $1 GROUP BY at_us / $2)",
                    {std::string(delivery_id), bucket_us}));
  return {};
}

Status insert_eta(Transaction& tx, std::string_view delivery_id, const EtaRecord& e,
                  std::int64_t at_us) {
  RF_TRY(n, tx.exec("INSERT INTO deliveries_eta_records (delivery_id, zone, hour, predicted_s, "
                    "actual_s, recorded_at_us) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT "
                    "(delivery_id) DO NOTHING",
                    {std::string(delivery_id), e.zone, static_cast<std::int64_t>(e.hour),
                     e.predicted_s, e.actual_s, at_us}));
  return {};
}

Result<std::vector<EtaRecord>> eta_records(Transaction& tx, std::int64_t since_us) {
  RF_TRY(rows, tx.query("SELECT zone, hour, predicted_s, actual_s FROM deliveries_eta_records "
                        "WHERE recorded_at_us >= $1 ORDER BY zone, hour",
                        {since_us}));
  std::vector<EtaRecord> out;
  for (const auto r : *rows)
    out.push_back({r.text(0), static_cast<int>(r.int64(1)), r.real(2), r.real(3)});
  return out;
}

}  // namespace reskflow::deliveries::repository
