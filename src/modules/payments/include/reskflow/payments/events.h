// The events payments publishes through the outbox whenever an intent changes, with their
// payload (JSON conversions tested in events_test.cc). The subject is the order id, so that
// orders reacts to a completed challenge or a failed authorization without polling.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>
#include <boost/system/result.hpp>

#include "reskflow/modules/money.h"

namespace reskflow::payments::events {

inline constexpr std::string_view intent_authorized = "payments.intent.authorized";
inline constexpr std::string_view intent_requires_action = "payments.intent.requires_action";
inline constexpr std::string_view intent_captured = "payments.intent.captured";
inline constexpr std::string_view intent_refunded = "payments.intent.refunded";
inline constexpr std::string_view intent_cancelled = "payments.intent.cancelled";
inline constexpr std::string_view intent_failed = "payments.intent.failed";

// The payload of every payments.intent.* event: the intent as it is after the change.
struct IntentChanged {
  std::string intent_id;
  std::string order_id;
  std::string payer_user_id;
  std::string merchant_id;
  std::string status;  // an IntentStatus name: "authorized", "requires_action", ...
  // On the wire one "currency" and the flat "amount_minor", "captured_minor", "refunded_minor";
  // the three amounts share that currency.
  modules::Money amount;
  modules::Money captured;
  modules::Money refunded;
  std::string decline_reason;  // plain words when failed; empty otherwise
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const IntentChanged& e);
boost::system::result<IntentChanged> tag_invoke(const boost::json::try_value_to_tag<IntentChanged>&,
                                                const boost::json::value& in);

}  // namespace reskflow::payments::events
