// SQL for reviews_eligibility, reviews_reviews, reviews_item_ratings and
// reviews_merchant_ratings; the same statements run on SQLite and PostgreSQL.
#include "repository.h"

#include <limits>

namespace reskflow::reviews::repository {
namespace {

constexpr std::string_view review_columns =
    "id, order_id, merchant_id, customer_id, author_name, rating, comment, created_at_us";

Review review_of(const store::Row& r) {
  return Review{r.text(0), r.text(1),  r.text(2), r.optional_text(3), r.text(4), r.int64(5),
                r.text(6), r.int64(7), {}};
}

RatingSummary summary_of(const store::Row& r) {
  RatingSummary s{r.int64(0), r.int64(1), r.int64(2), {}};
  for (std::size_t i = 0; i < s.stars.size(); ++i) s.stars[i] = r.int64(3 + i);
  return s;
}

// Loads the item ratings of `reviews` in one query.
Status attach_item_ratings(store::Transaction& tx, std::vector<Review>& reviews) {
  if (reviews.empty()) return {};
  std::string sql =
      "SELECT review_id, item_id, rating FROM reviews_item_ratings WHERE review_id IN (";
  store::Params params;
  for (std::size_t i = 0; i < reviews.size(); ++i) {
    sql += (i == 0 ? "$" : ", $") + std::to_string(i + 1);
    params.emplace_back(reviews[i].id);
  }
  sql += ") ORDER BY review_id, item_id";
  RF_TRY(rows, tx.query(sql, params));
  for (const auto r : *rows) {
    for (auto& review : reviews) {
      if (review.id == r.text_view(0)) review.item_ratings.push_back({r.text(1), r.int64(2)});
    }
  }
  return {};
}

}  // namespace

Result<std::optional<Eligibility>> eligibility(store::Transaction& tx, std::string_view order_id) {
  RF_TRY(rows, tx.query("SELECT order_id, customer_id, merchant_id, delivered_at_us, "
                        "reviewed_at_us FROM reviews_eligibility WHERE order_id = $1",
                        {std::string(order_id)}));
  if (rows->empty()) return std::optional<Eligibility>{};
  const auto r = rows->front();
  return Eligibility{{r.text(0), r.text(1), r.text(2), r.int64(3)}, r.optional_int64(4)};
}

Result<bool> insert_eligibility(store::Transaction& tx, const Delivery& d, std::int64_t now_us) {
  RF_TRY(n, tx.exec("INSERT INTO reviews_eligibility (order_id, customer_id, merchant_id, "
                    "delivered_at_us, recorded_at_us) VALUES ($1, $2, $3, $4, $5) "
                    "ON CONFLICT (order_id) DO NOTHING",
                    {d.order_id, d.customer_id, d.merchant_id, d.delivered_at_us, now_us}));
  return *n == 1;
}

Status insert_review(store::Transaction& tx, const Review& v) {
  RF_TRY(inserted,
         tx.exec("INSERT INTO reviews_reviews (id, order_id, merchant_id, customer_id, "
                 "author_name, rating, comment, created_at_us) VALUES ($1, $2, $3, $4, $5, "
                 "$6, $7, $8)",
                 {v.id, v.order_id, v.merchant_id,
                  v.customer_id ? store::Value(*v.customer_id) : store::null_value, v.author_name,
                  v.rating, v.comment, v.created_at_us}));
  for (const auto& item : v.item_ratings) {
    RF_TRY(i, tx.exec("INSERT INTO reviews_item_ratings (review_id, item_id, rating) "
                      "VALUES ($1, $2, $3)",
                      {v.id, item.item_id, item.rating}));
  }
  RF_TRY(marked, tx.exec("UPDATE reviews_eligibility SET reviewed_at_us = $1 WHERE "
                         "order_id = $2",
                         {v.created_at_us, v.order_id}));
  return {};
}

Result<std::optional<Review>> review(store::Transaction& tx, std::string_view review_id) {
  RF_TRY(rows,
         tx.query("SELECT " + std::string(review_columns) + " FROM reviews_reviews WHERE id = $1",
                  {std::string(review_id)}));
  if (rows->empty()) return std::optional<Review>{};
  return std::optional<Review>{review_of(rows->front())};
}

Status delete_review(store::Transaction& tx, std::string_view review_id) {
  const std::string id(review_id);
  RF_TRY(items, tx.exec("DELETE FROM reviews_item_ratings WHERE review_id = $1", {id}));
  RF_TRY(reviews, tx.exec("DELETE FROM reviews_reviews WHERE id = $1", {id}));
  return {};
}

Result<RatingSummary> change_rating(store::Transaction& tx, std::string_view merchant_id,
                                    std::int64_t rating, std::int64_t delta) {
  const std::string id(merchant_id);
  RF_TRY(created, tx.exec("INSERT INTO reviews_merchant_ratings (merchant_id, version, "
                          "reviews_count, rating_sum, stars_1, stars_2, stars_3, stars_4, "
                          "stars_5) VALUES ($1, 0, 0, 0, 0, 0, 0, 0, 0) "
                          "ON CONFLICT (merchant_id) DO NOTHING",
                          {id}));
  RF_TRY(rows, tx.query("UPDATE reviews_merchant_ratings SET version = version + 1, "
                        "reviews_count = reviews_count + $2, "
                        "rating_sum = rating_sum + $2 * $3, "
                        "stars_1 = stars_1 + CASE WHEN $3 = 1 THEN $2 ELSE 0 END, "
                        "stars_2 = stars_2 + CASE WHEN $3 = 2 THEN $2 ELSE 0 END, "
                        "stars_3 = stars_3 + CASE WHEN $3 = 3 THEN $2 ELSE 0 END, "
                        "stars_4 = stars_4 + CASE WHEN $3 = 4 THEN $2 ELSE 0 END, "
                        "stars_5 = stars_5 + CASE WHEN $3 = 5 THEN $2 ELSE 0 END "
                        "WHERE merchant_id = $1 RETURNING version, reviews_count, "
                        "rating_sum, stars_1, stars_2, stars_3, stars_4, stars_5",
                        {id, delta, rating}));
  return summary_of(rows->front());
}

Result<RatingSummary> rating(store::Transaction& tx, std::string_view merchant_id) {
  RF_TRY(rows, tx.query("SELECT version, reviews_count, rating_sum, stars_1, stars_2, "
                        "stars_3, stars_4, stars_5 FROM reviews_merchant_ratings WHERE "
                        "merchant_id = $1",
                        {std::string(merchant_id)}));
  if (rows->empty()) return RatingSummary{};
  return summary_of(rows->front());
}

Result<std::vector<Review>> reviews_page(store::Transaction& tx, std::string_view merchant_id,
                                         std::string_view before_id, std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT " + std::string(review_columns) +
                            " FROM reviews_reviews WHERE merchant_id = $1 AND ($2 = '' OR "
                            "id < $2) ORDER BY id DESC LIMIT $3",
                        {std::string(merchant_id), std::string(before_id), limit}));
  std::vector<Review> out;
  for (const auto r : *rows) out.push_back(review_of(r));
  RF_TRY(attached, attach_item_ratings(tx, out));
  return out;
}

Result<std::vector<std::pair<Delivery, bool>>> reviewable(
    store::Transaction& tx, std::string_view customer_id, std::int64_t since_us,
    const std::optional<DeliveryPosition>& before, std::int64_t limit) {
  const auto at = before ? before->delivered_at_us : std::numeric_limits<std::int64_t>::max();
  RF_TRY(rows, tx.query("SELECT e.order_id, e.customer_id, e.merchant_id, e.delivered_at_us, "
                        "c.order_id IS NOT NULL FROM reviews_eligibility e LEFT JOIN "
                        "reviews_couriers c ON c.order_id = e.order_id WHERE e.customer_id = $1 "
                        "AND e.reviewed_at_us IS NULL AND e.delivered_at_us >= $2 AND "
                        "(e.delivered_at_us < $3 OR (e.delivered_at_us = $3 AND e.order_id < $4)) "
                        "ORDER BY e.delivered_at_us DESC, e.order_id DESC LIMIT $5",
                        {std::string(customer_id), since_us, at,
                         before ? before->order_id : std::string(), limit}));
  std::vector<std::pair<Delivery, bool>> out;
  for (const auto r : *rows)
    out.emplace_back(Delivery{r.text(0), r.text(1), r.text(2), r.int64(3)}, r.boolean(4));
  return out;
}

Result<bool> insert_courier(store::Transaction& tx, const CourierDelivery& c) {
  RF_TRY(n, tx.exec("INSERT INTO reviews_couriers (order_id, delivery_id, driver_id, "
                    "delivered_at_us) VALUES ($1, $2, $3, $4) ON CONFLICT (order_id) DO NOTHING",
                    {c.order_id, c.delivery_id, c.driver_id, c.delivered_at_us}));
  return *n == 1;
}

Result<std::optional<CourierDelivery>> courier_of(store::Transaction& tx,
                                                  std::string_view order_id) {
  RF_TRY(rows, tx.query("SELECT order_id, delivery_id, driver_id, delivered_at_us FROM "
                        "reviews_couriers WHERE order_id = $1",
                        {std::string(order_id)}));
  if (rows->empty()) return std::optional<CourierDelivery>{};
  const auto r = rows->front();
  return CourierDelivery{r.text(0), r.text(1), r.text(2), r.int64(3)};
}

Status rate_courier(store::Transaction& tx, std::string_view order_id, const CourierRating& rating,
                    std::int64_t rated_at_us) {
  std::string tags;
  for (const auto& tag : rating.tags) tags += (tags.empty() ? "" : ",") + tag;
  RF_TRY(n, tx.exec("UPDATE reviews_couriers SET rating = $1, tags = $2, rated_at_us = $3 "
                    "WHERE order_id = $4",
                    {rating.rating, tags, rated_at_us, std::string(order_id)}));
  return {};
}

Result<std::int64_t> anonymise(store::Transaction& tx, std::string_view user_id) {
  const std::string id(user_id);
  RF_TRY(n, tx.exec("UPDATE reviews_reviews SET customer_id = NULL, author_name = $1 "
                    "WHERE customer_id = $2",
                    {std::string(erased_author), id}));
  RF_TRY(forgotten, tx.exec("DELETE FROM reviews_eligibility WHERE customer_id = $1", {id}));
  RF_TRY(couriers, tx.exec("DELETE FROM reviews_couriers WHERE driver_id = $1", {id}));
  return *n;
}

}  // namespace reskflow::reviews::repository
