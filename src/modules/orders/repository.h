// SQL over the orders tables, each function inside the caller's transaction; both engines run
// the same statements.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "order.h"
#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"

namespace reskflow::orders::repository {

using store::Transaction;

// The order, its lines and its first timeline entry.
Status insert_order(Transaction& tx, const Order& order);
// With lines, timeline and payment shares; nullopt when there is none.
Result<std::optional<Order>> order(Transaction& tx, std::string_view id);

// A new version of an order still awaiting payment (a share changed); false when it no longer
// awaits payment.
Result<bool> touch_awaiting_payment(Transaction& tx, std::string_view order_id,
                                    std::int64_t updated_at_us);
// The order's status; empty when there is no such order.
Result<std::string> status_of(Transaction& tx, std::string_view order_id);
// The payer's share as orders last saw its payment.
Status update_share(Transaction& tx, std::string_view order_id, const PaymentShare& share);
// Orders awaiting their payment past its due time, the longest overdue first.
Result<std::vector<std::string>> payment_overdue(Transaction& tx, std::int64_t now_us,
                                                 std::int64_t limit);
// The order checked out from the cart; nullopt when there is none.
Result<std::optional<std::string>> order_of_cart(Transaction& tx, std::string_view cart_id);

// The state change of a transition (with its queue time and payment due time), only if the order is
// still at `expected_version`: false when another change came first.
Result<bool> update_state(Transaction& tx, const Order& changed, std::int64_t expected_version);
Status append_timeline(Transaction& tx, std::string_view order_id, const TimelineEntry& entry);
// A modification: the lines replaced, the price, handling and version, only if the order is
// still at `expected_version`: false when another change came first.
Result<bool> update_contents(Transaction& tx, const Order& changed, std::int64_t expected_version);

struct Filter {
  std::string customer_id;  // empty: any
  std::string merchant_id;  // empty: any
  std::string status;       // empty: any
  // Only orders in the queue by then (none awaiting payment).
  std::optional<std::int64_t> queued_by_us;
  std::string after_id;       // the cursor: the last id of the previous page
  bool oldest_first = false;  // the merchant's queue; lists are newest first
  std::int64_t limit = 20;
};
// Orders without lines and timeline.
Result<std::vector<Order>> list(Transaction& tx, const Filter& filter);

// Orders of the merchant placed, accepted or preparing: the demand the delivery fee follows;
// at most `counted_max` of them (the count is a range of the index, read up to there).
Result<std::int64_t> orders_waiting(Transaction& tx, std::string_view merchant_id,
                                    std::int64_t counted_max);
// The customer's orders that were not called off (rejected, cancelled, failed): none means the
// next one is their first, for promotions.
Result<std::int64_t> orders_kept(Transaction& tx, std::string_view customer_id);
// Placed orders in the queue since before `queued_before_us`, oldest first.
Result<std::vector<std::string>> unanswered(Transaction& tx, std::int64_t queued_before_us,
                                            std::int64_t limit);

Status insert_quote(Transaction& tx, const Quote& quote);
Result<std::optional<Quote>> quote(Transaction& tx, std::string_view id);
// Quotes expired before `before_us`: they only serve to explain a change, for a while.
Status delete_quotes(Transaction& tx, std::int64_t before_us);

// A payment hold the order must release (repository_releases.cc).
struct HoldRelease {
  std::string intent_id;
  std::string order_id;
  std::int64_t attempts = 0;  // releases tried and failed
};
// Records that the intent's hold must be released, first tried by the job at `next_attempt_us`;
// a second call for the same intent changes nothing.
Status schedule_release(Transaction& tx, const HoldRelease& release, std::int64_t next_attempt_us);
// Releases due by `now_us`, the longest waiting first.
Result<std::vector<HoldRelease>> due_releases(Transaction& tx, std::int64_t now_us,
                                              std::int64_t limit);
Status release_done(Transaction& tx, std::string_view intent_id);
// One more failed attempt: the next one at `next_attempt_us`.
Status release_failed(Transaction& tx, std::string_view intent_id, std::int64_t attempts,
                      std::int64_t next_attempt_us, std::string_view error);

// Refunds of delivered orders (repository_refunds.cc), oldest first, with their parts.
Result<std::vector<OrderRefund>> refunds_of(Transaction& tx, std::string_view order_id);
// The refund asked for with this key by this user; nullopt when there is none.
Result<std::optional<OrderRefund>> refund_by_key(Transaction& tx, std::string_view order_id,
                                                 std::string_view user_id,
                                                 std::string_view request_key);
// Every part of the refund, pending.
Status insert_refund(Transaction& tx, const OrderRefund& refund);
Status refund_part_done(Transaction& tx, std::string_view refund_id, std::string_view intent_id);
// A part payments refused for good (nothing was given back): it no longer reserves its amount.
Status delete_refund_part(Transaction& tx, std::string_view refund_id, std::string_view intent_id);

}  // namespace reskflow::orders::repository
