// The events proofs publishes (bus, at least once; the subject is the delivery id), in the
// transaction that records what they report (docs/deliveries.md, "Cold chain").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

namespace reskflow::proofs::events {

inline constexpr std::string_view temperature_excursion = "proofs.temperature.excursion";

// proofs.temperature.excursion: a cold-chain delivery's temperature left its allowed range
// (once per excursion: the first reading out after readings in range, or the first reading).
struct TemperatureExcursion {
  std::string delivery_id;
  std::string order_id;
  std::string merchant_id;
  std::string driver_id;
  double celsius = 0;  // the first reading out of range
  double min_c = 0;    // the allowed range
  double max_c = 0;
  std::int64_t measured_at_us = 0;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const TemperatureExcursion& event);
boost::system::result<TemperatureExcursion> tag_invoke(
    const boost::json::try_value_to_tag<TemperatureExcursion>&, const boost::json::value& in);

}  // namespace reskflow::proofs::events
