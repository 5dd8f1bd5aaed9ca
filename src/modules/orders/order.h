// An order as the service and repository hold it: what was bought at which price, where it
// goes, where it stands and how it got there.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pricing.h"
#include "reskflow/modules/geo.h"
#include "reskflow/modules/money.h"

namespace reskflow::orders {

struct Delivery {
  std::string address;  // one line, as the customer wrote it
  modules::geo::Point point;
  std::string instructions;  // drop-off instructions; empty: none
  bool leave_at_door = false;
};

struct OrderLine {
  std::string item_id;
  std::string name;
  std::int64_t quantity = 0;
  std::vector<std::string> options;  // option names, as on the receipt
  std::string note;
  modules::Money unit_price;
  modules::Money total;
  std::vector<std::string> option_ids;  // the options' ids, to order it again
};

// One transition, as the audit keeps it: to which state from which, when, who, and why.
struct TimelineEntry {
  std::string status;
  std::int64_t at_us = 0;
  std::string actor;    // customer, merchant, courier, admin, system
  std::string note;     // a rejection's or cancellation's reason, a prep time
  std::string from;     // the state before; empty for the first entry
  std::string user_id;  // the person who moved it; empty for the system (and a courier's move)
};

// One payer's part of an order's payment: each participant of a split group order, or the
// customer of an order waiting for a payment challenge (docs/orders.md, "Paying later").
struct PaymentShare {
  std::string user_id;
  std::string display_name;
  modules::Money amount;
  std::string intent_id;  // empty until the payer pays
  // pending (not paid yet), then the intent's: requires_action, authorized, failed, cancelled...
  std::string status = "pending";
  std::string challenge_url;   // where the payer completes a challenge when requires_action
  std::string decline_reason;  // plain words when failed
};

inline constexpr std::string_view payment_single = "single";
inline constexpr std::string_view payment_split = "split";

struct Order {
  std::string id;
  std::string customer_id;
  std::string merchant_id;
  std::string merchant_name;
  std::string cart_id;
  std::string status;
  std::vector<OrderLine> lines;
  PriceBreakdown price;
  Delivery delivery;
  std::optional<std::int64_t> scheduled_for_us;
  std::int64_t queue_at_us = 0;  // when it enters the merchant's queue
  std::optional<std::int64_t> prep_time_minutes;
  std::string reason;             // why it was rejected, cancelled, failed or refunded
  std::string payment_intent_id;  // a single payer's; empty for a split order
  std::string payment_mode = std::string(payment_single);  // single or split
  // While awaiting_payment: when an unpaid order is cancelled and its holds released.
  std::optional<std::int64_t> payment_due_us;
  std::vector<PaymentShare> shares;        // a split order's payers, or a challenge's payer
  std::string delivery_mode = "platform";  // the merchant's when placed: platform or merchant
  bool age_restricted = false;             // an item needs an ID check at the door
  std::optional<double> cold_min_c;        // the allowed range when an item must stay cold
  std::optional<double> cold_max_c;
  std::int64_t version = 0;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
  std::vector<TimelineEntry> timeline;  // oldest first; empty in lists
};

// A refund of part or all of a delivered order's payment (docs/orders.md, "Refunds"): taken
// from one or more payers' intents (a split order has several), each part pending until
// payments gave it back.
struct RefundPart {
  std::string intent_id;
  modules::Money amount;
  std::string status;  // pending, refunded
};

inline constexpr std::string_view refund_pending = "pending";
inline constexpr std::string_view refund_done = "refunded";

struct OrderRefund {
  std::string id;
  std::string order_id;
  modules::Money amount;
  std::string reason;
  std::string actor;        // merchant or admin
  std::string user_id;      // who asked for it
  std::string request_key;  // the Idempotency-Key it was asked with
  std::int64_t created_at_us = 0;
  std::vector<RefundPart> parts;

  // refunded once every part is; pending until then.
  std::string status() const {
    for (const auto& p : parts)
      if (p.status != refund_done) return std::string(refund_pending);
    return std::string(refund_done);
  }
};

// A price given before ordering, for one version of one cart, until it expires.
struct Quote {
  std::string id;
  std::string customer_id;
  std::string cart_id;
  std::int64_t cart_version = 0;
  PriceBreakdown price;
  std::int64_t expires_at_us = 0;
};

}  // namespace reskflow::orders
