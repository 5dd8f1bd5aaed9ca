// A delivery as other modules see it: its states, where it goes, who carries it, and the
// interface to read one. Only geometry and errors: modules that read deliveries (proofs,
// quality) include this and events.h through reskflow_deliveries_api.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "reskflow/core/errors.h"
#include "reskflow/modules/geo.h"

namespace reskflow::deliveries {

// A delivery's states; docs/deliveries.md has the diagram.
inline constexpr std::string_view status_pending = "pending";  // waiting for a courier
inline constexpr std::string_view status_assigned = "assigned";
inline constexpr std::string_view status_at_pickup = "at_pickup";
inline constexpr std::string_view status_picked_up = "picked_up";
inline constexpr std::string_view status_at_dropoff = "at_dropoff";
inline constexpr std::string_view status_delivered = "delivered";
inline constexpr std::string_view status_failed = "failed";
inline constexpr std::string_view status_returned = "returned";
inline constexpr std::string_view status_cancelled = "cancelled";  // the order was cancelled

// The allowed temperature of a cold-chain delivery, in degrees Celsius.
struct TemperatureRange {
  double min_c = 0;
  double max_c = 0;
};

// One delivery as other modules may see it.
struct Delivery {
  std::string id;
  std::string order_id;
  std::string customer_id;
  std::string merchant_id;
  std::string driver_id;  // empty while pending
  std::string status;
  modules::geo::Point pickup;
  modules::geo::Point dropoff;
  std::optional<TemperatureRange> cold_chain;  // set for cold-chain orders
  std::int64_t created_at_us = 0;
  std::optional<std::int64_t> picked_up_at_us;
  std::optional<std::int64_t> delivered_at_us;
};

// Thread-safe; blocking (call from the worker pool).
class Deliveries {
 public:
  virtual ~Deliveries() = default;
  // not_found when no delivery has this id.
  virtual Result<Delivery> delivery(std::string_view delivery_id) = 0;
  // The delivery of an order; not_found when the order has none (merchant delivery, or not
  // accepted yet).
  virtual Result<Delivery> delivery_of_order(std::string_view order_id) = 0;
};

}  // namespace reskflow::deliveries
