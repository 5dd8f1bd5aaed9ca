// SQL over subscriptions' own tables (subscriptions_plans, subscriptions_subscriptions,
// subscriptions_periods), each function inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"
#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"

namespace reskflow::subscriptions::repository {

Status insert_plan(store::Transaction& tx, const Plan& plan);
Status update_plan(store::Transaction& tx, const Plan& plan);
Result<std::optional<Plan>> plan(store::Transaction& tx, std::string_view plan_id);
// By price, then name; only those on sale unless `with_inactive`.
Result<std::vector<Plan>> plans(store::Transaction& tx, bool with_inactive);

Status insert_subscription(store::Transaction& tx, const Subscription& s);
// Writes every changing field of `s` (not its card) and bumps the version if the row is still at
// `expected_version`; false when another writer changed it first.
Result<bool> update_subscription(store::Transaction& tx, const Subscription& s,
                                 std::int64_t expected_version);
Status delete_subscription(store::Transaction& tx, std::string_view subscription_id);
// The card of a subscription that has not ended; false when it ended. Only the card is written,
// so a renewal writing from an older read never puts the previous card back.
Result<bool> set_payment_method(store::Transaction& tx, std::string_view subscription_id,
                                std::string_view payment_method, std::int64_t now_us);
// Erasure: the card goes from every subscription of the customer.
Status forget_payment_methods(store::Transaction& tx, std::string_view customer_id);
Result<std::optional<Subscription>> subscription(store::Transaction& tx, std::string_view id);
// The customer's subscription that has not ended (at most one).
Result<std::optional<Subscription>> live_of(store::Transaction& tx, std::string_view customer_id);
// The customer's newest subscription that got past its first payment.
Result<std::optional<Subscription>> latest_of(store::Transaction& tx, std::string_view customer_id);
// Subscriptions matching the filter with an id below `before_id` (all when empty), newest first.
Result<std::vector<Subscription>> list(store::Transaction& tx, const SubscriptionFilter& filter,
                                       std::string_view before_id, std::int64_t limit);
// Active or past-due subscriptions whose renewal is due at `now_us`, soonest first.
Result<std::vector<std::string>> due(store::Transaction& tx, std::int64_t now_us,
                                     std::int64_t limit);

// Inserts the period unless it exists; returns the stored one either way.
Result<Period> period_once(store::Transaction& tx, const Period& period);
Status update_period(store::Transaction& tx, const Period& period);
Result<std::vector<Period>> periods(store::Transaction& tx, std::string_view subscription_id);

}  // namespace reskflow::subscriptions::repository
