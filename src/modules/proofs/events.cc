// proofs' event payloads <-> JSON: the one place their field names are written down.
#include "reskflow/proofs/events.h"

#include <boost/json.hpp>

#include "reskflow/modules/payload.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::proofs::events {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const TemperatureExcursion& event) {
  out = boost::json::object{{"delivery_id", event.delivery_id},
                            {"order_id", event.order_id},
                            {"merchant_id", event.merchant_id},
                            {"driver_id", event.driver_id},
                            {"celsius", event.celsius},
                            {"min_c", event.min_c},
                            {"max_c", event.max_c},
                            {"measured_at", modules::iso_utc(event.measured_at_us)}};
}

boost::system::result<TemperatureExcursion> tag_invoke(
    const boost::json::try_value_to_tag<TemperatureExcursion>&, const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  TemperatureExcursion event;
  boost::system::error_code ec;
  modules::payload::read(*object, "delivery_id", event.delivery_id, ec);
  modules::payload::read(*object, "order_id", event.order_id, ec);
  modules::payload::read(*object, "merchant_id", event.merchant_id, ec);
  modules::payload::read(*object, "driver_id", event.driver_id, ec);
  modules::payload::read(*object, "celsius", event.celsius, ec);
  modules::payload::read(*object, "min_c", event.min_c, ec);
  modules::payload::read(*object, "max_c", event.max_c, ec);
  modules::payload::read_time(*object, "measured_at", event.measured_at_us, ec);
  if (ec) return ec;
  return event;
}

}  // namespace reskflow::proofs::events
