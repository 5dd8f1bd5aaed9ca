// A delivery and an offer as the service and repository hold them: the public Delivery plus
// what only this module sees (codes, the promised window, ETAs, earnings).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reskflow/deliveries/delivery.h"
#include "reskflow/modules/geo.h"
#include "reskflow/modules/money.h"

namespace reskflow::deliveries {

struct DeliveryRecord {
  Delivery delivery;
  std::string merchant_name;
  std::string pickup_address;
  std::string dropoff_address;
  std::string instructions;
  bool leave_at_door = false;
  bool age_restricted = false;
  std::int64_t item_count = 1;
  modules::Money tip;  // in the order's currency, as every amount of the delivery
  std::int64_t ready_at_us = 0;
  std::int64_t due_by_us = 0;  // promised drop-off: ready time + the window
  std::string pickup_code;     // 6 digits the merchant checks before handing over
  std::string pin;             // 4 digits the customer gives at the door; empty: none asked
  std::string reason;          // failed, returned: why
  std::optional<std::int64_t> pickup_eta_us;
  std::optional<std::int64_t> dropoff_eta_us;
  std::optional<std::int64_t> predicted_dropoff_us;  // the drop-off ETA given at pickup
  double distance_m = 0;                             // pickup to drop-off, by road
  modules::Money earnings;                           // base + distance (the tip comes on top)
  std::int64_t version = 0;
  std::optional<std::int64_t> assigned_at_us;
  std::int64_t updated_at_us = 0;

  const std::string& id() const { return delivery.id; }
  const std::string& status() const { return delivery.status; }
  bool needs_cold() const { return delivery.cold_chain.has_value(); }
};

inline constexpr std::string_view offer_pending = "pending";
inline constexpr std::string_view offer_accepted = "accepted";
inline constexpr std::string_view offer_declined = "declined";
inline constexpr std::string_view offer_expired = "expired";
inline constexpr std::string_view offer_withdrawn = "withdrawn";  // the delivery went elsewhere

struct Offer {
  std::string id;
  std::string delivery_id;
  std::string driver_id;
  std::string status;
  // Base + distance + tip in the delivery's currency (OfferView pairs the two): the row keeps the
  // minor units alone.
  std::int64_t earnings_minor = 0;
  double distance_m = 0;
  std::int64_t created_at_us = 0;
  std::int64_t expires_at_us = 0;
};

// A point of a delivery's path.
struct PathPoint {
  std::int64_t at_us = 0;
  modules::geo::Point point;
};

// One delivered delivery's drop-off ETA against what it took, by zone and hour.
struct EtaRecord {
  std::string zone;  // a grid cell: "<lat index>:<lng index>" of 0.05 degrees
  int hour = 0;      // UTC hour of the pickup
  double predicted_s = 0;
  double actual_s = 0;
};

// Whether a status is one a courier is working on (assigned up to at_dropoff).
bool active_status(std::string_view status);
// Whether no transition leaves it.
bool final_status(std::string_view status);

}  // namespace reskflow::deliveries
