// The subscriptions module's values: plans, subscriptions and their billed periods.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/modules/money.h"

namespace reskflow::subscriptions {

inline constexpr std::string_view status_incomplete = "incomplete";
inline constexpr std::string_view status_active = "active";
inline constexpr std::string_view status_past_due = "past_due";
inline constexpr std::string_view status_ended = "ended";

inline constexpr std::string_view period_pending = "pending";
inline constexpr std::string_view period_paid = "paid";
inline constexpr std::string_view period_failed = "failed";

struct Plan {
  std::string id;
  std::string name;
  modules::Money price;                    // per month
  modules::Money free_delivery_threshold;  // in the price's currency
  std::int64_t service_fee_bp = 0;
  bool active = true;  // on sale; subscriptions to a plan taken off sale keep renewing
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
};

struct NewPlan {
  std::string name;
  modules::Money price;
  modules::Money free_delivery_threshold;  // in the price's currency
  std::int64_t service_fee_bp = 0;
  bool active = true;
};

// An admin's change of a plan: the fields given, amounts in the plan's currency (which never
// changes); a new price applies from each subscription's next renewal.
struct PlanChange {
  std::optional<std::string> name;
  std::optional<std::int64_t> price_minor;
  std::optional<std::int64_t> free_delivery_threshold_minor;
  std::optional<std::int64_t> service_fee_bp;
  std::optional<bool> active;
};

struct Subscription {
  std::string id;
  std::string customer_id;
  Plan plan;
  std::string status;
  std::string payment_method;
  std::int64_t anchor_at_us = 0;  // period n starts n calendar months after it
  std::int64_t period_number = 0;
  std::int64_t period_start_us = 0;
  std::int64_t period_end_us = 0;
  bool cancel_at_period_end = false;
  std::int64_t renewal_failures = 0;
  std::int64_t next_renewal_at_us = 0;
  std::optional<std::int64_t> ended_at_us;
  std::string ended_reason;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
  // Bumped by each write of the state (not of the card); a write from an older read loses.
  std::int64_t version = 0;
};

// What an admin's list of subscriptions keeps: a status, a plan, both or neither.
struct SubscriptionFilter {
  std::string status;   // empty: any
  std::string plan_id;  // empty: any
};

// One page of subscriptions, newest first; next_cursor is the last id when more follow.
struct SubscriptionPage {
  std::vector<Subscription> items;
  std::optional<std::string> next_cursor;
};

struct Period {
  std::string subscription_id;
  std::int64_t number = 0;
  std::int64_t starts_at_us = 0;
  std::int64_t ends_at_us = 0;
  modules::Money amount;
  std::string status{period_pending};
  std::string intent_id;
  std::int64_t attempts = 0;
  std::optional<std::int64_t> paid_at_us;
};

}  // namespace reskflow::subscriptions
