// The consumed events' payloads <-> typed values, through reskflow/modules/payload.h.
#include "consumed.h"

#include <boost/json.hpp>

#include "reskflow/deliveries/events.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/payload.h"
#include "reskflow/reviews/reviews.h"

namespace reskflow::reviews {
boost::system::result<Delivery> tag_invoke(const boost::json::try_value_to_tag<Delivery>&,
                                           const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  Delivery out;
  boost::system::error_code ec;
  modules::payload::read(*object, "order_id", out.order_id, ec);
  modules::payload::read(*object, "customer_id", out.customer_id, ec);
  modules::payload::read(*object, "merchant_id", out.merchant_id, ec);
  modules::payload::read_time(*object, "delivered_at", out.delivered_at_us, ec);
  if (!ec && (out.order_id.empty() || out.customer_id.empty() || out.merchant_id.empty()))
    ec = boost::json::make_error_code(boost::json::error::not_string);
  if (ec) return ec;
  return out;
}

Result<Delivery> read_order_delivered(std::string_view payload_json) {
  return modules::payload::from_payload<Delivery>(event_order_delivered, payload_json);
}

Result<CourierDelivery> read_delivery_delivered(std::string_view payload_json) {
  const auto type = deliveries::events::delivery_delivered;
  RF_TRY(e,
         modules::payload::from_payload<deliveries::events::DeliveryChanged>(type, payload_json));
  if (e->delivery_id.empty() || e->order_id.empty() || e->driver_id.empty())
    return fail(ErrorCode::validation_failed, std::string(type) + " payload: an empty id");
  return CourierDelivery{std::move(e->order_id), std::move(e->delivery_id), std::move(e->driver_id),
                         e->at_us};
}

Result<std::string> read_user_erased(std::string_view payload_json) {
  RF_TRY(erased, modules::payload::from_payload<identity::events::UserErased>(
                     identity::events::user_erased, payload_json));
  if (erased->user_id.empty())
    return modules::payload::empty_field(identity::events::user_erased, "user_id");
  return std::move(erased->user_id);
}

}  // namespace reskflow::reviews
