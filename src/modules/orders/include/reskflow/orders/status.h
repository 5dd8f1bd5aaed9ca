// An order's status names, shared by orders' public interface and its events (which modules
// that orders depends on also read, through reskflow_orders_api).
#pragma once

#include <string_view>

namespace reskflow::orders {

// An order's states; docs/orders.md has the diagram and who moves an order along each edge.
// Before placed: the order waits for its payment (a challenge, or every share of a split group
// order); it is not in the merchant's queue yet.
inline constexpr std::string_view status_awaiting_payment = "awaiting_payment";
inline constexpr std::string_view status_placed = "placed";
inline constexpr std::string_view status_accepted = "accepted";
inline constexpr std::string_view status_rejected = "rejected";
inline constexpr std::string_view status_preparing = "preparing";
inline constexpr std::string_view status_ready = "ready";
inline constexpr std::string_view status_picked_up = "picked_up";
inline constexpr std::string_view status_delivered = "delivered";
inline constexpr std::string_view status_cancelled = "cancelled";
inline constexpr std::string_view status_failed = "failed";
inline constexpr std::string_view status_refunded = "refunded";

}  // namespace reskflow::orders
