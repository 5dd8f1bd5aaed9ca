// The consumed events' payloads <-> typed values, through reskflow/modules/payload.h.
#include "consumed.h"

#include <boost/json.hpp>

#include "reskflow/modules/payload.h"
#include "reskflow/orders/events.h"

namespace reskflow::quality {

using modules::payload::empty_field;

Result<DeliveredOrder> read_order_delivered(std::string_view payload_json) {
  RF_TRY(e, orders::events::read_order_changed(orders::events::order_delivered, payload_json));
  if (!modules::valid_currency(e->total.currency))
    return empty_field(orders::events::order_delivered, "currency");
  return DeliveredOrder{std::move(e->order_id), std::move(e->customer_id),
                        std::move(e->merchant_id), std::move(e->total.currency), e->at_us};
}

Result<deliveries::events::DeliveryChanged> read_delivery_delivered(std::string_view payload_json) {
  const auto type = deliveries::events::delivery_delivered;
  RF_TRY(e,
         modules::payload::from_payload<deliveries::events::DeliveryChanged>(type, payload_json));
  if (e->delivery_id.empty()) return empty_field(type, "delivery_id");
  if (e->driver_id.empty()) return empty_field(type, "driver_id");
  if (e->merchant_id.empty()) return empty_field(type, "merchant_id");
  return std::move(*e);
}

Result<deliveries::events::OfferResolved> read_offer_resolved(std::string_view type,
                                                              std::string_view payload_json) {
  RF_TRY(e, modules::payload::from_payload<deliveries::events::OfferResolved>(type, payload_json));
  if (e->offer_id.empty()) return empty_field(type, "offer_id");
  if (e->driver_id.empty()) return empty_field(type, "driver_id");
  if (e->outcome != "accepted" && e->outcome != "declined" && e->outcome != "expired")
    return fail(ErrorCode::validation_failed,
                std::string(type) + " payload: unknown outcome " + e->outcome);
  return std::move(*e);
}

Result<reviews::events::RatingUpdated> read_rating_updated(std::string_view payload_json) {
  const auto type = reviews::events::rating_updated;
  RF_TRY(e, modules::payload::from_payload<reviews::events::RatingUpdated>(type, payload_json));
  if (e->merchant_id.empty()) return empty_field(type, "merchant_id");
  return std::move(*e);
}

Result<reviews::events::CourierRated> read_courier_rated(std::string_view payload_json) {
  const auto type = reviews::events::courier_rated;
  RF_TRY(e, modules::payload::from_payload<reviews::events::CourierRated>(type, payload_json));
  if (e->delivery_id.empty()) return empty_field(type, "delivery_id");
  if (e->driver_id.empty()) return empty_field(type, "driver_id");
  if (e->rating < 1 || e->rating > 5)
    return fail(ErrorCode::validation_failed, std::string(type) + " payload: rating out of 1..5");
  return std::move(*e);
}

}  // namespace reskflow::quality
