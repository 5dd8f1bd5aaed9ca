// The payloads of the events reviews consumes, read from their JSON into typed values
// (orders.order.delivered, deliveries.delivery.delivered, identity.user.erased; reviews.h
// lists them).
#pragma once

#include <string>
#include <string_view>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "reskflow/core/errors.h"
#include "service.h"

namespace reskflow::reviews {

// orders.order.delivered's payload (found by payload::from_payload).
boost::system::result<Delivery> tag_invoke(const boost::json::try_value_to_tag<Delivery>&,
                                           const boost::json::value& in);

// validation_failed when the payload is not JSON, lacks a field or has an empty one.
Result<Delivery> read_order_delivered(std::string_view payload_json);
// deliveries.delivery.delivered: the order's platform courier.
Result<CourierDelivery> read_delivery_delivered(std::string_view payload_json);
// The erased user's id.
Result<std::string> read_user_erased(std::string_view payload_json);

}  // namespace reskflow::reviews
