// SQL for promotions_promotions, promotions_merchants, promotions_uses and
// promotions_redemptions.
#include "repository.h"

namespace reskflow::promotions::repository {
namespace {

constexpr std::string_view columns =
    "id, name, code, kind, percent, amount_minor, currency, merchant_id, first_order_only, "
    "minimum_basket_minor, starts_at_us, ends_at_us, per_user_limit, budget_minor, "
    "redemptions_max, spent_minor, redemptions, status, created_by, created_at_us, updated_at_us";

store::Value optional_value(const std::optional<std::int64_t>& v) {
  return v ? store::Value(*v) : store::Value(store::null_value);
}

store::Value text_or_null(const std::string& s) {
  return s.empty() ? store::Value(store::null_value) : store::Value(s);
}

Promotion promotion_of(const store::Row& r) {
  Promotion p;
  p.id = r.text(0);
  p.name = r.text(1);
  p.code = r.optional_text(2).value_or("");
  p.kind = r.text(3);
  p.percent = r.int64(4);
  const auto currency = r.text(6);
  p.amount = {r.int64(5), currency};
  p.merchant_id = r.optional_text(7).value_or("");
  p.first_order_only = r.int64(8) != 0;
  p.minimum_basket = {r.int64(9), currency};
  p.starts_at_us = r.int64(10);
  p.ends_at_us = r.optional_int64(11);
  p.per_user_limit = r.optional_int64(12);
  if (const auto budget = r.optional_int64(13)) p.budget = modules::Money{*budget, currency};
  p.redemptions_max = r.optional_int64(14);
  p.spent = {r.int64(15), currency};
  p.redemptions = r.int64(16);
  p.status = r.text(17);
  p.created_by = r.text(18);
  p.created_at_us = r.int64(19);
  p.updated_at_us = r.int64(20);
  return p;
}

// Loads the merchants platform campaigns are limited to, one query per promotion list.
Status attach_merchants(store::Transaction& tx, std::vector<Promotion>& promotions) {
  if (promotions.empty()) return {};
  std::string in;
  store::Params params;
  for (std::size_t i = 0; i < promotions.size(); ++i) {
    in += (i == 0 ? "$" : ", $") + std::to_string(i + 1);
    params.emplace_back(promotions[i].id);
  }
  RF_TRY(rows, tx.query("SELECT promotion_id, merchant_id FROM promotions_merchants WHERE "
                        "promotion_id IN (" +
                            in + ") ORDER BY promotion_id, merchant_id",
                        params));
  for (const auto r : *rows) {
    for (auto& p : promotions) {
      if (p.id == r.text_view(0)) p.merchant_ids.push_back(r.text(1));
    }
  }
  return {};
}

Result<std::vector<Promotion>> promotions_where(store::Transaction& tx, const std::string& tail,
                                                const store::Params& params) {
  RF_TRY(rows, tx.query("SELECT " + std::string(columns) + " FROM promotions_promotions " + tail,
                        params));
  std::vector<Promotion> out;
  for (const auto r : *rows) out.push_back(promotion_of(r));
  RF_TRY(attached, attach_merchants(tx, out));
  return out;
}

Result<std::optional<Promotion>> first_of(Result<std::vector<Promotion>> found) {
  if (!found) return std::unexpected(found.error());
  if (found->empty()) return std::optional<Promotion>{};
  return std::optional<Promotion>{std::move(found->front())};
}

}  // namespace

Status insert_promotion(store::Transaction& tx, const Promotion& p) {
  RF_TRY(
      n,
      tx.exec("INSERT INTO promotions_promotions (" + std::string(columns) +
                  ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                  "$15, 0, 0, $16, $17, $18, $18)",
              {p.id, p.name, text_or_null(p.code), p.kind, p.percent, p.amount.amount_minor,
               p.amount.currency, text_or_null(p.merchant_id),
               static_cast<std::int64_t>(p.first_order_only ? 1 : 0), p.minimum_basket.amount_minor,
               p.starts_at_us, optional_value(p.ends_at_us), optional_value(p.per_user_limit),
               p.budget ? store::Value(p.budget->amount_minor) : store::Value(store::null_value),
               optional_value(p.redemptions_max), p.status, p.created_by, p.created_at_us}));
  for (const auto& merchant : p.merchant_ids) {
    RF_TRY(added, tx.exec("INSERT INTO promotions_merchants (promotion_id, merchant_id) VALUES "
                          "($1, $2) ON CONFLICT (promotion_id, merchant_id) DO NOTHING",
                          {p.id, merchant}));
  }
  return {};
}

Result<std::optional<Promotion>> promotion(store::Transaction& tx, std::string_view id) {
  return first_of(promotions_where(tx, "WHERE id = $1", {std::string(id)}));
}

Result<std::optional<Promotion>> promotion_by_code(store::Transaction& tx, std::string_view code) {
  return first_of(promotions_where(
      tx, "WHERE code = $1 ORDER BY CASE WHEN status = 'ended' THEN 1 ELSE 0 END, id DESC LIMIT 1",
      {std::string(code)}));
}

Result<std::vector<Promotion>> promotions_of(store::Transaction& tx, std::string_view merchant_id,
                                             std::string_view before_id, std::int64_t limit) {
  const std::string owner =
      merchant_id.empty() ? "merchant_id IS NULL AND $1 = ''" : "merchant_id = $1";
  return promotions_where(tx,
                          "WHERE " + owner + " AND ($2 = '' OR id < $2) ORDER BY id DESC LIMIT $3",
                          {std::string(merchant_id), std::string(before_id), limit});
}

Result<std::vector<Promotion>> automatic_for(store::Transaction& tx, std::string_view merchant_id,
                                             std::string_view currency, std::int64_t at_us,
                                             std::int64_t limit) {
  return promotions_where(
      tx,
      "WHERE code IS NULL AND status = 'active' AND currency = $2 AND starts_at_us <= $3 AND "
      "(ends_at_us IS NULL OR ends_at_us > $3) AND (merchant_id = $1 OR (merchant_id IS NULL AND "
      "(NOT EXISTS (SELECT 1 FROM promotions_merchants m WHERE m.promotion_id = "
      "promotions_promotions.id) OR EXISTS "
      "(SELECT 1 FROM promotions_merchants m WHERE m.promotion_id = promotions_promotions.id AND "
      "m.merchant_id = $1)))) "
      "ORDER BY id DESC LIMIT $4",
      {std::string(merchant_id), std::string(currency), at_us, limit});
}

Status set_status(store::Transaction& tx, std::string_view id, std::string_view status,
                  std::int64_t now_us) {
  RF_TRY(n,
         tx.exec("UPDATE promotions_promotions SET status = $2, updated_at_us = $3 WHERE id = $1",
                 {std::string(id), std::string(status), now_us}));
  return {};
}

Result<std::int64_t> uses(store::Transaction& tx, std::string_view promotion_id,
                          std::string_view user_id) {
  RF_TRY(rows, tx.query("SELECT uses FROM promotions_uses WHERE promotion_id = $1 AND user_id = $2",
                        {std::string(promotion_id), std::string(user_id)}));
  return rows->empty() ? 0 : rows->front().int64(0);
}

Result<bool> take(store::Transaction& tx, std::string_view id, const modules::Money& amount,
                  std::int64_t now_us) {
  RF_TRY(n, tx.exec("UPDATE promotions_promotions SET spent_minor = spent_minor + $2, "
                    "redemptions = redemptions + 1, updated_at_us = $3 WHERE id = $1 AND "
                    "currency = $4 AND status = 'active' AND (budget_minor IS NULL OR "
                    "spent_minor + $2 <= budget_minor) AND (redemptions_max IS NULL OR "
                    "redemptions < redemptions_max)",
                    {std::string(id), amount.amount_minor, now_us, amount.currency}));
  return *n == 1;
}

Result<bool> add_use(store::Transaction& tx, std::string_view promotion_id,
                     std::string_view user_id, std::optional<std::int64_t> limit) {
  RF_TRY(n, tx.exec("INSERT INTO promotions_uses (promotion_id, user_id, uses) VALUES ($1, $2, 1) "
                    "ON CONFLICT (promotion_id, user_id) DO UPDATE SET uses = promotions_uses.uses "
                    "+ 1 WHERE $3 < 0 OR promotions_uses.uses < $3",
                    {std::string(promotion_id), std::string(user_id), limit.value_or(-1)}));
  return *n == 1;
}

Status insert_redemption(store::Transaction& tx, const Redemption& r, std::int64_t now_us) {
  RF_TRY(n, tx.exec("INSERT INTO promotions_redemptions (order_id, promotion_id, customer_id, "
                    "merchant_id, amount_minor, currency, funder, status, created_at_us, "
                    "updated_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
                    {r.order_id, r.promotion_id, r.customer_id, r.merchant_id,
                     r.amount.amount_minor, r.amount.currency, r.funder, r.status, now_us}));
  return {};
}

Result<std::vector<Redemption>> redemptions_of(store::Transaction& tx, std::string_view order_id,
                                               std::string_view from) {
  RF_TRY(rows, tx.query("SELECT order_id, promotion_id, customer_id, merchant_id, amount_minor, "
                        "currency, funder, status FROM promotions_redemptions WHERE order_id = $1 "
                        "AND status = $2 ORDER BY promotion_id",
                        {std::string(order_id), std::string(from)}));
  std::vector<Redemption> out;
  for (const auto r : *rows) {
    out.push_back({r.text(0),
                   r.text(1),
                   r.text(2),
                   r.text(3),
                   {r.int64(4), r.text(5)},
                   r.text(6),
                   r.text(7)});
  }
  return out;
}

Result<bool> move_redemption(store::Transaction& tx, const Redemption& r, std::string_view from,
                             std::string_view to, std::int64_t now_us) {
  RF_TRY(n, tx.exec("UPDATE promotions_redemptions SET status = $3, updated_at_us = $5 WHERE "
                    "order_id = $1 AND promotion_id = $2 AND status = $4",
                    {r.order_id, r.promotion_id, std::string(to), std::string(from), now_us}));
  return *n == 1;
}

Status give_back(store::Transaction& tx, const Redemption& r, std::int64_t now_us) {
  RF_TRY(taken, tx.exec("UPDATE promotions_promotions SET spent_minor = spent_minor - $2, "
                        "redemptions = redemptions - 1, updated_at_us = $3 WHERE id = $1",
                        {r.promotion_id, r.amount.amount_minor, now_us}));
  RF_TRY(used, tx.exec("UPDATE promotions_uses SET uses = uses - 1 WHERE promotion_id = $1 AND "
                       "user_id = $2 AND uses > 0",
                       {r.promotion_id, r.customer_id}));
  return {};
}

}  // namespace reskflow::promotions::repository
