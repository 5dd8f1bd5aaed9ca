// SQL over promotions_promotions, promotions_merchants, promotions_uses and
// promotions_redemptions; every function runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "promotion.h"
#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"

namespace reskflow::promotions::repository {

// conflict when another promotion that has not ended has the same code.
Status insert_promotion(store::Transaction& tx, const Promotion& p);
Result<std::optional<Promotion>> promotion(store::Transaction& tx, std::string_view id);
// The promotion that has not ended with this code, or the latest that ended.
Result<std::optional<Promotion>> promotion_by_code(store::Transaction& tx, std::string_view code);
// A merchant's promotions (merchant_id empty: the platform's), newest first, after the cursor.
Result<std::vector<Promotion>> promotions_of(store::Transaction& tx, std::string_view merchant_id,
                                             std::string_view before_id, std::int64_t limit);
// Active automatic campaigns in the currency that may apply to the merchant at `at_us`.
Result<std::vector<Promotion>> automatic_for(store::Transaction& tx, std::string_view merchant_id,
                                             std::string_view currency, std::int64_t at_us,
                                             std::int64_t limit);
Status set_status(store::Transaction& tx, std::string_view id, std::string_view status,
                  std::int64_t now_us);
// How many times the user redeemed the promotion (reserved or funded).
Result<std::int64_t> uses(store::Transaction& tx, std::string_view promotion_id,
                          std::string_view user_id);

// Takes `amount` and one redemption from an active promotion in the amount's currency only while
// its budget and redemption cap allow (one conditional UPDATE); false when they do not.
Result<bool> take(store::Transaction& tx, std::string_view id, const modules::Money& amount,
                  std::int64_t now_us);
// Counts one use by the user while under `limit` (a conditional upsert); false at the limit.
Result<bool> add_use(store::Transaction& tx, std::string_view promotion_id,
                     std::string_view user_id, std::optional<std::int64_t> limit);
Status insert_redemption(store::Transaction& tx, const Redemption& r, std::int64_t now_us);

// The order's redemptions in `from` status.
Result<std::vector<Redemption>> redemptions_of(store::Transaction& tx, std::string_view order_id,
                                               std::string_view from);
// Moves one redemption from `from` to `to`; false when it was not in `from` any more.
Result<bool> move_redemption(store::Transaction& tx, const Redemption& r, std::string_view from,
                             std::string_view to, std::int64_t now_us);
// Gives a redemption's amount, its count and the user's use back to its promotion.
Status give_back(store::Transaction& tx, const Redemption& r, std::int64_t now_us);

}  // namespace reskflow::promotions::repository
