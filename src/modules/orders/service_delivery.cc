// Orders as delivery operations see them: how an order's items must be carried (found at
// placement), the delivery view of an accepted order, and the platform courier's moves.
#include <algorithm>

#include "service.h"

namespace reskflow::orders {
namespace {

constexpr std::int64_t minute_us = 60'000'000;
// Tries of a courier's move when the order changed under it (courier_transition).
constexpr int courier_walks_max = 3;

// When the order was marked ready; before that, when the merchant said it would be: acceptance
// plus the prep time it gave.
std::int64_t ready_at(const Order& order) {
  const auto ready = std::ranges::find_if(
      order.timeline, [](const TimelineEntry& e) { return e.status == status_ready; });
  if (ready != order.timeline.end()) return ready->at_us;
  const auto accepted = std::ranges::find_if(
      order.timeline, [](const TimelineEntry& e) { return e.status == status_accepted; });
  const auto from = accepted != order.timeline.end() ? accepted->at_us : order.updated_at_us;
  return from + order.prep_time_minutes.value_or(0) * minute_us;
}

// The states a courier walks an order through to reach `next`: handing the order over proves it
// is ready, so a pickup from accepted or preparing passes through ready first.
std::vector<std::string_view> courier_path(std::string_view status, std::string_view next) {
  static const std::vector<std::string_view> chain{status_accepted, status_preparing, status_ready,
                                                   status_picked_up};
  const auto from = std::ranges::find(chain, status);
  if (next != status_picked_up || from == chain.end()) return {next};
  return {from + 1, chain.end()};
}

}  // namespace

Status Service::add_handling(Order& order) {
  std::vector<std::string> item_ids;
  for (const auto& line : order.lines) item_ids.push_back(line.item_id);
  RF_TRY(handling, catalog_.item_handling(order.merchant_id, item_ids));
  for (const auto& item : *handling) {
    order.age_restricted = order.age_restricted || item.age_restricted;
    if (!item.cold_chain) continue;
    order.cold_min_c =
        std::max(order.cold_min_c.value_or(item.cold_chain->min_c), item.cold_chain->min_c);
    order.cold_max_c =
        std::min(order.cold_max_c.value_or(item.cold_chain->max_c), item.cold_chain->max_c);
  }
  if (order.cold_min_c && *order.cold_min_c > *order.cold_max_c)
    return fail(ErrorCode::validation_failed, "some fields are invalid; see errors",
                {{"cart_id",
                  "holds items that must be kept at temperatures no box can keep at "
                  "once: order them separately"}});
  return {};
}

Result<DeliveryOrder> Service::delivery_order(std::string_view order_id) {
  RF_TRY(order, get_any(order_id));
  RF_TRY(merchant, catalog_.merchant(order->merchant_id));
  DeliveryOrder out;
  out.order_id = order->id;
  out.customer_id = order->customer_id;
  out.merchant_id = order->merchant_id;
  out.merchant_name = order->merchant_name;
  out.status = order->status;
  out.delivery_mode = order->delivery_mode;
  out.pickup = merchant->location;
  out.pickup_address = merchant->address;
  out.dropoff = order->delivery.point;
  out.dropoff_address = order->delivery.address;
  out.instructions = order->delivery.instructions;
  out.leave_at_door = order->delivery.leave_at_door;
  out.total = order->price.total;
  out.tip = order->price.tip;
  for (const auto& line : order->lines) out.item_count += line.quantity;
  out.ready_at_us = ready_at(*order);
  out.cold_min_c = order->cold_min_c;
  out.cold_max_c = order->cold_max_c;
  out.age_restricted = order->age_restricted;
  return out;
}

// The merchant may move the order between the courier's read and write (marking it ready as the
// courier picks it up): a walk that lost such a race is planned again from the order as it is
// now, so the courier's step does not fail for the kitchen's.
Status Service::courier_transition(std::string_view order_id, std::string_view next,
                                   std::string_view reason) {
  for (int walks = 1;; ++walks) {
    RF_TRY(order, get_any(order_id));
    if (order->status == next) return {};
    if (order->delivery_mode != "platform")
      return fail(ErrorCode::conflict, "this order is carried by the merchant's own couriers");
    Status walked;
    for (const auto step : courier_path(order->status, next)) {
      auto moved = transition(
          order_id, {std::string(step), Actor::courier, "", std::string(reason), std::nullopt});
      if (!moved) {
        walked = std::unexpected(moved.error());
        break;
      }
    }
    const bool raced = !walked && (walked.error().code == ErrorCode::conflict ||
                                   walked.error().code == ErrorCode::invalid_transition);
    if (!raced || walks == courier_walks_max) return walked;
  }
}

}  // namespace reskflow::orders
