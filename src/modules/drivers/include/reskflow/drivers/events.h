// The events the drivers module publishes through the outbox (subject: the courier's user id):
// a courier going online or offline, in the transaction that records the shift.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

namespace reskflow::drivers::events {

inline constexpr std::string_view shift_started = "drivers.shift.started";
inline constexpr std::string_view shift_ended = "drivers.shift.ended";

// Both shift events. JSON: {"driver_id","shift_id","vehicle","capacity","cold_storage","at"}
// ("at" ISO 8601 UTC: when the shift started or ended).
struct ShiftChanged {
  std::string driver_id;
  std::string shift_id;
  std::string vehicle;  // "bike", "scooter", "car", "van"
  std::int64_t capacity = 1;
  bool cold_storage = false;
  std::int64_t at_us = 0;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const ShiftChanged& event);
boost::system::result<ShiftChanged> tag_invoke(const boost::json::try_value_to_tag<ShiftChanged>&,
                                               const boost::json::value& in);

}  // namespace reskflow::drivers::events
