// SQL for recommendations_counts and recommendations_pairs.
#include "repository.h"

#include <algorithm>

namespace reskflow::recommendations::repository {
namespace {

constexpr std::string_view count_columns =
    "subject_id, merchant_id, name, orders, score, scored_at_us, last_ordered_at_us";

Count count_of(const store::Row& r) {
  return {r.text(0), r.text(1), r.text(2), r.int64(3), {r.int64(4), r.int64(5)}, r.int64(6)};
}

}  // namespace

Result<std::optional<Count>> count(store::Transaction& tx, std::string_view scope,
                                   std::string_view owner_id, std::string_view subject_id) {
  RF_TRY(rows, tx.query("SELECT " + std::string(count_columns) +
                            " FROM recommendations_counts WHERE scope = $1 AND owner_id = $2 AND "
                            "subject_id = $3",
                        {std::string(scope), std::string(owner_id), std::string(subject_id)}));
  if (rows->empty()) return std::optional<Count>{};
  return std::optional<Count>{count_of((*rows)[0])};
}

Status put_count(store::Transaction& tx, std::string_view scope, std::string_view owner_id,
                 const Count& c) {
  RF_TRY(n, tx.exec("INSERT INTO recommendations_counts (scope, owner_id, " +
                        std::string(count_columns) +
                        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (scope, "
                        "owner_id, subject_id) DO UPDATE SET merchant_id = $4, name = $5, "
                        "orders = $6, score = $7, scored_at_us = $8, last_ordered_at_us = $9",
                    {std::string(scope), std::string(owner_id), c.subject_id, c.merchant_id, c.name,
                     c.orders, c.score.score, c.score.at_us, c.last_ordered_at_us}));
  return {};
}

Result<std::vector<Count>> counts_of(store::Transaction& tx, std::string_view scope,
                                     std::span<const std::string> owner_ids, std::int64_t since_us,
                                     std::int64_t rows_max) {
  std::vector<Count> out;
  if (owner_ids.empty()) return out;
  std::string sql = "SELECT " + std::string(count_columns) +
                    " FROM recommendations_counts WHERE scope = $1 AND scored_at_us >= $2 AND "
                    "owner_id IN (";
  store::Params params{std::string(scope), since_us, rows_max};
  for (const auto& id : owner_ids) {
    sql += (params.size() > 3 ? ", $" : "$") + std::to_string(params.size() + 1);
    params.emplace_back(id);
  }
  RF_TRY(rows, tx.query(sql + ") ORDER BY score DESC, subject_id LIMIT $3", params));
  for (const auto r : *rows) out.push_back(count_of(r));
  return out;
}

Status prune(store::Transaction& tx, std::string_view scope, std::string_view owner_id,
             std::int64_t before_us) {
  RF_TRY(n, tx.exec("DELETE FROM recommendations_counts WHERE scope = $1 AND owner_id = $2 AND "
                    "scored_at_us < $3",
                    {std::string(scope), std::string(owner_id), before_us}));
  return {};
}

Result<std::int64_t> erase_customer(store::Transaction& tx, std::string_view customer_id) {
  return tx.exec("DELETE FROM recommendations_counts WHERE scope IN ($1, $2) AND owner_id = $3",
                 {std::string(scope_customer_item), std::string(scope_customer_merchant),
                  std::string(customer_id)});
}

Status add_pair(store::Transaction& tx, std::string_view merchant_id, std::string_view item_id,
                std::string_view other_item_id, std::string_view other_name,
                std::int64_t ordered_at_us) {
  RF_TRY(n, tx.exec("INSERT INTO recommendations_pairs (merchant_id, item_id, other_item_id, "
                    "other_name, orders, last_ordered_at_us) VALUES ($1, $2, $3, $4, 1, $5) "
                    "ON CONFLICT (merchant_id, item_id, other_item_id) DO UPDATE SET "
                    "orders = recommendations_pairs.orders + 1, other_name = CASE WHEN $5 >= "
                    "recommendations_pairs.last_ordered_at_us THEN $4 ELSE "
                    "recommendations_pairs.other_name END, last_ordered_at_us = CASE WHEN $5 > "
                    "recommendations_pairs.last_ordered_at_us THEN $5 ELSE "
                    "recommendations_pairs.last_ordered_at_us END",
                    {std::string(merchant_id), std::string(item_id), std::string(other_item_id),
                     std::string(other_name), ordered_at_us}));
  return {};
}

Result<std::vector<Pair>> pairs_of(store::Transaction& tx, std::string_view merchant_id,
                                   std::string_view item_id, std::int64_t rows_max) {
  RF_TRY(rows, tx.query("SELECT other_item_id, other_name, orders, last_ordered_at_us FROM "
                        "recommendations_pairs WHERE merchant_id = $1 AND item_id = $2 ORDER BY "
                        "orders DESC, last_ordered_at_us DESC, other_item_id LIMIT $3",
                        {std::string(merchant_id), std::string(item_id), rows_max}));
  std::vector<Pair> out;
  for (const auto r : *rows) out.push_back({r.text(0), r.text(1), r.int64(2), r.int64(3)});
  return out;
}

}  // namespace reskflow::recommendations::repository
