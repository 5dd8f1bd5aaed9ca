// The events orders publishes (bus, at least once; the subject is the order id), one per state
// an order enters, in the transaction that moves it there, and one per modification
// (docs/orders.md, "Events").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "reskflow/core/errors.h"
#include "reskflow/modules/money.h"

namespace reskflow::orders::events {

inline constexpr std::string_view order_awaiting_payment = "orders.order.awaiting_payment";
inline constexpr std::string_view order_placed = "orders.order.placed";
inline constexpr std::string_view order_accepted = "orders.order.accepted";
inline constexpr std::string_view order_rejected = "orders.order.rejected";
inline constexpr std::string_view order_preparing = "orders.order.preparing";
inline constexpr std::string_view order_ready = "orders.order.ready";
inline constexpr std::string_view order_picked_up = "orders.order.picked_up";
inline constexpr std::string_view order_delivered = "orders.order.delivered";
inline constexpr std::string_view order_cancelled = "orders.order.cancelled";
inline constexpr std::string_view order_failed = "orders.order.failed";
inline constexpr std::string_view order_refunded = "orders.order.refunded";
// Not a state: the lines and the price of a placed or accepted order changed (its status is
// the one it has).
inline constexpr std::string_view order_modified = "orders.order.modified";

// "orders.order.<status>" for a status of orders.h; empty for an unknown one.
std::string_view event_type_of(std::string_view status);

// One line of the order: the menu item, its name as ordered and how many.
struct OrderedItem {
  std::string item_id;
  std::string name;
  std::int64_t quantity = 0;
};

// Every orders.order.* event. JSON: {"order_id","customer_id","merchant_id","status",
// "version","total_minor","currency","at"}, "items" ([{"item_id","name","quantity"}], one per
// line; absent when the order has none, as in events written before it existed), which
// recommendations reads, and "delivered_at" (= "at") on orders.order.delivered, which reviews
// reads; times are ISO 8601 UTC.
struct OrderChanged {
  std::string order_id;
  std::string customer_id;
  std::string merchant_id;
  std::string status;
  std::int64_t version = 0;
  modules::Money total;
  std::int64_t at_us = 0;
  std::vector<OrderedItem> items;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const OrderChanged& event);
boost::system::result<OrderChanged> tag_invoke(const boost::json::try_value_to_tag<OrderChanged>&,
                                               const boost::json::value& in);

// The payload of an orders.order.* event of `type`, for a consumer: validation_failed when it is
// not JSON, not an OrderChanged, or its order, customer or merchant id is empty.
Result<OrderChanged> read_order_changed(std::string_view type, std::string_view payload_json);

}  // namespace reskflow::orders::events
