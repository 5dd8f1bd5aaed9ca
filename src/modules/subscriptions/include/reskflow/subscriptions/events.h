// The events subscriptions publishes (bus, at least once; the subject is the subscription id),
// in the transaction that changes the subscription, and their one payload (docs/subscriptions.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "reskflow/modules/money.h"

namespace reskflow::subscriptions::events {

// Each period is paid by a payment intent whose order_id starts with this
// ("subscription:<subscription id>:<period number>"): its payments.intent.* events are about a
// membership, which the events below tell, not about an order.
inline constexpr std::string_view payment_order_prefix = "subscription:";

inline constexpr std::string_view subscription_started = "subscriptions.subscription.started";
inline constexpr std::string_view subscription_renewed = "subscriptions.subscription.renewed";
// A renewal was declined; `next_attempt_at` says when it is tried again (absent: never, and
// subscription_ended follows in the same transaction).
inline constexpr std::string_view renewal_failed = "subscriptions.subscription.renewal_failed";
inline constexpr std::string_view subscription_cancelled = "subscriptions.subscription.cancelled";
inline constexpr std::string_view subscription_resumed = "subscriptions.subscription.resumed";
inline constexpr std::string_view subscription_ended = "subscriptions.subscription.ended";

// Every subscriptions event. JSON: {"subscription_id","customer_id","plan_id","plan_name",
// "status","amount_minor","currency","period_end","cancel_at_period_end","renewal_failures",
// "next_attempt_at" (or null),"reason","at"}. amount is the plan's price (what the period
// cost or would cost); reason is plain words on failures and endings, empty otherwise.
struct SubscriptionChanged {
  std::string subscription_id;
  std::string customer_id;
  std::string plan_id;
  std::string plan_name;
  std::string status;
  modules::Money amount;
  std::int64_t period_end_us = 0;
  bool cancel_at_period_end = false;
  std::int64_t renewal_failures = 0;
  std::optional<std::int64_t> next_attempt_at_us;
  std::string reason;
  std::int64_t at_us = 0;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const SubscriptionChanged& event);
boost::system::result<SubscriptionChanged> tag_invoke(
    const boost::json::try_value_to_tag<SubscriptionChanged>&, const boost::json::value& in);

}  // namespace reskflow::subscriptions::events
