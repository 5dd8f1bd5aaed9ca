// SQL over recommendations' own tables (migrations/001_recommendations.sql), each function inside
// the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"
#include "scoring.h"

namespace reskflow::recommendations::repository {

inline constexpr std::string_view scope_customer_item = "customer_item";
inline constexpr std::string_view scope_customer_merchant = "customer_merchant";
inline constexpr std::string_view scope_cell_item = "cell_item";

// One row of recommendations_counts.
struct Count {
  std::string subject_id;
  std::string merchant_id;
  std::string name;  // an item's name as last ordered; empty for a merchant
  std::int64_t orders = 0;
  Decayed score;
  std::int64_t last_ordered_at_us = 0;
};

Result<std::optional<Count>> count(store::Transaction& tx, std::string_view scope,
                                   std::string_view owner_id, std::string_view subject_id);
Status put_count(store::Transaction& tx, std::string_view scope, std::string_view owner_id,
                 const Count& count);
// The rows of the owners scored at or after since_us, highest stored score first, at most
// rows_max of them.
Result<std::vector<Count>> counts_of(store::Transaction& tx, std::string_view scope,
                                     std::span<const std::string> owner_ids, std::int64_t since_us,
                                     std::int64_t rows_max);
// Removes the owner's rows scored before `before_us`.
Status prune(store::Transaction& tx, std::string_view scope, std::string_view owner_id,
             std::int64_t before_us);
// Removes every row the customer owns; returns how many went.
Result<std::int64_t> erase_customer(store::Transaction& tx, std::string_view customer_id);

struct Pair {
  std::string other_item_id;
  std::string other_name;
  std::int64_t orders = 0;
  std::int64_t last_ordered_at_us = 0;
};

// One more order of the merchant holding item_id and other_item_id (one direction).
Status add_pair(store::Transaction& tx, std::string_view merchant_id, std::string_view item_id,
                std::string_view other_item_id, std::string_view other_name,
                std::int64_t ordered_at_us);
// The items most often ordered with item_id, most orders first, at most rows_max.
Result<std::vector<Pair>> pairs_of(store::Transaction& tx, std::string_view merchant_id,
                                   std::string_view item_id, std::int64_t rows_max);

}  // namespace reskflow::recommendations::repository
