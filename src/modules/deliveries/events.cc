// deliveries' event payloads <-> JSON: the one place their field names are written down.
#include "reskflow/deliveries/events.h"

#include <utility>

#include <boost/json.hpp>

#include "reskflow/deliveries/delivery.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::deliveries::events {

std::string_view event_type_of(std::string_view status) {
  static constexpr std::pair<std::string_view, std::string_view> types[] = {
      {status_pending, delivery_pending},       {status_assigned, delivery_assigned},
      {status_at_pickup, delivery_at_pickup},   {status_picked_up, delivery_picked_up},
      {status_at_dropoff, delivery_at_dropoff}, {status_delivered, delivery_delivered},
      {status_failed, delivery_failed},         {status_returned, delivery_returned},
      {status_cancelled, delivery_cancelled}};
  for (const auto& [s, type] : types) {
    if (s == status) return type;
  }
  return {};
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const DeliveryChanged& event) {
  boost::json::object o{{"delivery_id", event.delivery_id},    {"order_id", event.order_id},
                        {"customer_id", event.customer_id},    {"merchant_id", event.merchant_id},
                        {"driver_id", event.driver_id},        {"status", event.status},
                        {"at", modules::iso_utc(event.at_us)}, {"reason", event.reason}};
  if (event.status == status_delivered) {
    o["on_time"] = event.on_time;
    o["predicted_at"] = modules::iso_utc(event.predicted_at_us);
  }
  out = std::move(o);
}

boost::system::result<DeliveryChanged> tag_invoke(
    const boost::json::try_value_to_tag<DeliveryChanged>&, const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  DeliveryChanged event;
  boost::system::error_code ec;
  modules::payload::read(*object, "delivery_id", event.delivery_id, ec);
  modules::payload::read(*object, "order_id", event.order_id, ec);
  modules::payload::read(*object, "customer_id", event.customer_id, ec);
  modules::payload::read(*object, "merchant_id", event.merchant_id, ec);
  modules::payload::read(*object, "driver_id", event.driver_id, ec);
  modules::payload::read(*object, "status", event.status, ec);
  modules::payload::read_time(*object, "at", event.at_us, ec);
  modules::payload::read(*object, "reason", event.reason, ec);
  if (event.status == status_delivered) {
    modules::payload::read(*object, "on_time", event.on_time, ec);
    modules::payload::read_time(*object, "predicted_at", event.predicted_at_us, ec);
  }
  if (ec) return ec;
  return event;
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const OfferResolved& event) {
  out = boost::json::object{{"offer_id", event.offer_id},
                            {"delivery_id", event.delivery_id},
                            {"driver_id", event.driver_id},
                            {"outcome", event.outcome},
                            {"at", modules::iso_utc(event.at_us)}};
}

boost::system::result<OfferResolved> tag_invoke(const boost::json::try_value_to_tag<OfferResolved>&,
                                                const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  OfferResolved event;
  boost::system::error_code ec;
  modules::payload::read(*object, "offer_id", event.offer_id, ec);
  modules::payload::read(*object, "delivery_id", event.delivery_id, ec);
  modules::payload::read(*object, "driver_id", event.driver_id, ec);
  modules::payload::read(*object, "outcome", event.outcome, ec);
  modules::payload::read_time(*object, "at", event.at_us, ec);
  if (ec) return ec;
  return event;
}

}  // namespace reskflow::deliveries::events
