// The payloads of the events quality consumes, read from their JSON into typed values through
// the publishers' own conversions (orders, deliveries and reviews events.h).
#pragma once

#include <string_view>

#include "reskflow/core/errors.h"
#include "reskflow/deliveries/events.h"
#include "reskflow/reviews/events.h"
#include "service.h"

namespace reskflow::quality {

// validation_failed when the payload is not JSON, lacks a field or has an empty id.
Result<DeliveredOrder> read_order_delivered(std::string_view payload_json);
Result<deliveries::events::DeliveryChanged> read_delivery_delivered(std::string_view payload_json);
// `type` is the event's: deliveries.offer.accepted, .declined or .expired.
Result<deliveries::events::OfferResolved> read_offer_resolved(std::string_view type,
                                                              std::string_view payload_json);
Result<reviews::events::RatingUpdated> read_rating_updated(std::string_view payload_json);
// validation_failed also for a rating outside 1..5.
Result<reviews::events::CourierRated> read_courier_rated(std::string_view payload_json);

}  // namespace reskflow::quality
