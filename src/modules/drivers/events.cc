// drivers' event payloads <-> JSON: the one place their field names are written down.
#include "reskflow/drivers/events.h"

#include <boost/json.hpp>

#include "reskflow/modules/payload.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::drivers::events {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const ShiftChanged& event) {
  out = boost::json::object{
      {"driver_id", event.driver_id},       {"shift_id", event.shift_id},
      {"vehicle", event.vehicle},           {"capacity", event.capacity},
      {"cold_storage", event.cold_storage}, {"at", modules::iso_utc(event.at_us)}};
}

boost::system::result<ShiftChanged> tag_invoke(const boost::json::try_value_to_tag<ShiftChanged>&,
                                               const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  ShiftChanged event;
  boost::system::error_code ec;
  modules::payload::read(*object, "driver_id", event.driver_id, ec);
  modules::payload::read(*object, "shift_id", event.shift_id, ec);
  modules::payload::read(*object, "vehicle", event.vehicle, ec);
  modules::payload::read(*object, "capacity", event.capacity, ec);
  modules::payload::read(*object, "cold_storage", event.cold_storage, ec);
  modules::payload::read_time(*object, "at", event.at_us, ec);
  if (ec) return ec;
  return event;
}

}  // namespace reskflow::drivers::events
