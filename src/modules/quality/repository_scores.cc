// SQL for the score counters (quality_daily), the seen deliveries and offers, and ratings.
#include "repository.h"

namespace reskflow::quality::repository {
namespace {

constexpr std::string_view sums =
    "COALESCE(SUM(orders_delivered), 0), COALESCE(SUM(orders_inaccurate), 0), "
    "COALESCE(SUM(deliveries), 0), COALESCE(SUM(deliveries_on_time), 0), "
    "COALESCE(SUM(offers), 0), COALESCE(SUM(offers_accepted), 0), COALESCE(SUM(ratings), 0), "
    "COALESCE(SUM(rating_sum), 0)";

Counters counters_of(const store::Row& r, std::size_t first) {
  return {r.int64(first),     r.int64(first + 1), r.int64(first + 2), r.int64(first + 3),
          r.int64(first + 4), r.int64(first + 5), r.int64(first + 6), r.int64(first + 7)};
}

}  // namespace

Status add_counters(store::Transaction& tx, std::string_view subject_kind,
                    std::string_view subject_id, std::int64_t day, const Counters& d) {
  RF_TRY(n, tx.exec("INSERT INTO quality_daily (subject_kind, subject_id, day, orders_delivered, "
                    "orders_inaccurate, deliveries, deliveries_on_time, offers, offers_accepted, "
                    "ratings, rating_sum) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
                    "ON CONFLICT (subject_kind, subject_id, day) DO UPDATE SET "
                    "orders_delivered = quality_daily.orders_delivered + $4, "
                    "orders_inaccurate = quality_daily.orders_inaccurate + $5, "
                    "deliveries = quality_daily.deliveries + $6, "
                    "deliveries_on_time = quality_daily.deliveries_on_time + $7, "
                    "offers = quality_daily.offers + $8, "
                    "offers_accepted = quality_daily.offers_accepted + $9, "
                    "ratings = quality_daily.ratings + $10, "
                    "rating_sum = quality_daily.rating_sum + $11",
                    {std::string(subject_kind), std::string(subject_id), day, d.orders_delivered,
                     d.orders_inaccurate, d.deliveries, d.deliveries_on_time, d.offers,
                     d.offers_accepted, d.ratings, d.rating_sum}));
  return {};
}

Result<Counters> counters(store::Transaction& tx, std::string_view subject_kind,
                          std::string_view subject_id, std::int64_t first_day) {
  RF_TRY(rows, tx.query("SELECT " + std::string(sums) +
                            " FROM quality_daily WHERE subject_kind = $1 AND subject_id = $2 "
                            "AND day >= $3",
                        {std::string(subject_kind), std::string(subject_id), first_day}));
  return counters_of(rows->front(), 0);
}

Result<std::map<std::string, Counters, std::less<>>> counters_of_subjects(
    store::Transaction& tx, std::string_view subject_kind, std::span<const std::string> subject_ids,
    std::int64_t first_day) {
  constexpr std::size_t ids_per_query_max = 500;  // bound the statement's parameter list
  std::map<std::string, Counters, std::less<>> out;
  for (std::size_t from = 0; from < subject_ids.size(); from += ids_per_query_max) {
    const auto ids =
        subject_ids.subspan(from, std::min(ids_per_query_max, subject_ids.size() - from));
    std::string sql = "SELECT subject_id, " + std::string(sums) +
                      " FROM quality_daily WHERE subject_kind = $1 AND day >= $2 AND "
                      "subject_id IN (";
    std::vector<store::Value> params{std::string(subject_kind), first_day};
    for (const auto& id : ids) {
      sql += (params.size() > 2 ? ", $" : "$") + std::to_string(params.size() + 1);
      params.emplace_back(id);
    }
    RF_TRY(rows, tx.query(sql + ") GROUP BY subject_id", params));
    for (const auto r : *rows) out.emplace(r.text(0), counters_of(r, 1));
  }
  return out;
}

Result<std::vector<std::pair<std::string, Counters>>> counters_page(store::Transaction& tx,
                                                                    std::string_view subject_kind,
                                                                    std::int64_t first_day,
                                                                    std::string_view after_id,
                                                                    std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT subject_id, " + std::string(sums) +
                            " FROM quality_daily WHERE subject_kind = $1 AND day >= $2 AND "
                            "($3 = '' OR subject_id > $3) GROUP BY subject_id ORDER BY "
                            "subject_id LIMIT $4",
                        {std::string(subject_kind), first_day, std::string(after_id), limit}));
  std::vector<std::pair<std::string, Counters>> out;
  for (const auto r : *rows) out.emplace_back(r.text(0), counters_of(r, 1));
  return out;
}

Result<bool> insert_delivery(store::Transaction& tx, std::string_view delivery_id,
                             std::string_view driver_id, std::string_view merchant_id, bool on_time,
                             std::int64_t at_us) {
  RF_TRY(n, tx.exec("INSERT INTO quality_deliveries (delivery_id, driver_id, merchant_id, "
                    "on_time, delivered_at_us) VALUES ($1, $2, $3, $4, $5) "
                    "ON CONFLICT (delivery_id) DO NOTHING",
                    {std::string(delivery_id), std::string(driver_id), std::string(merchant_id),
                     on_time, at_us}));
  return *n == 1;
}

Result<bool> insert_courier_rating(store::Transaction& tx, std::string_view delivery_id,
                                   std::string_view driver_id, std::int64_t rating,
                                   std::int64_t at_us) {
  RF_TRY(n, tx.exec("INSERT INTO quality_courier_ratings (delivery_id, driver_id, rating, "
                    "rated_at_us) VALUES ($1, $2, $3, $4) ON CONFLICT (delivery_id) DO NOTHING",
                    {std::string(delivery_id), std::string(driver_id), rating, at_us}));
  return *n == 1;
}

Result<bool> insert_offer(store::Transaction& tx, std::string_view offer_id,
                          std::string_view driver_id, std::string_view outcome,
                          std::int64_t at_us) {
  RF_TRY(n, tx.exec("INSERT INTO quality_offers (offer_id, driver_id, outcome, at_us) VALUES "
                    "($1, $2, $3, $4) ON CONFLICT (offer_id) DO NOTHING",
                    {std::string(offer_id), std::string(driver_id), std::string(outcome), at_us}));
  return *n == 1;
}

Status put_rating(store::Transaction& tx, std::string_view merchant_id, std::int64_t version,
                  const Rating& rating) {
  RF_TRY(n, tx.exec("INSERT INTO quality_ratings (merchant_id, version, average_centi, "
                    "reviews_count) VALUES ($1, $2, $3, $4) ON CONFLICT (merchant_id) DO UPDATE "
                    "SET version = $2, average_centi = $3, reviews_count = $4 WHERE "
                    "quality_ratings.version < $2",
                    {std::string(merchant_id), version, rating.average_centi, rating.count}));
  return {};
}

Result<std::optional<Rating>> rating(store::Transaction& tx, std::string_view merchant_id) {
  RF_TRY(rows, tx.query("SELECT average_centi, reviews_count FROM quality_ratings WHERE "
                        "merchant_id = $1",
                        {std::string(merchant_id)}));
  if (rows->empty()) return std::optional<Rating>{};
  return std::optional<Rating>{Rating{rows->front().int64(0), rows->front().int64(1)}};
}

}  // namespace reskflow::quality::repository
