// The events deliveries publishes through the outbox (subject: the delivery id), one per state a
// delivery enters and one per offer outcome, in the transaction that makes the change. Quality
// scores and the chain's delivery records are built from them (docs/deliveries.md, "Events").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

namespace reskflow::deliveries::events {

// "deliveries.delivery.<status>" for every status of deliveries.h.
inline constexpr std::string_view delivery_pending = "deliveries.delivery.pending";
inline constexpr std::string_view delivery_assigned = "deliveries.delivery.assigned";
inline constexpr std::string_view delivery_at_pickup = "deliveries.delivery.at_pickup";
inline constexpr std::string_view delivery_picked_up = "deliveries.delivery.picked_up";
inline constexpr std::string_view delivery_at_dropoff = "deliveries.delivery.at_dropoff";
inline constexpr std::string_view delivery_delivered = "deliveries.delivery.delivered";
inline constexpr std::string_view delivery_failed = "deliveries.delivery.failed";
inline constexpr std::string_view delivery_returned = "deliveries.delivery.returned";
inline constexpr std::string_view delivery_cancelled = "deliveries.delivery.cancelled";

// "deliveries.delivery.<status>"; empty for an unknown status.
std::string_view event_type_of(std::string_view status);

// Every deliveries.delivery.* event. JSON: {"delivery_id","order_id","customer_id",
// "merchant_id","driver_id","status","at","reason"} and, on delivered, "on_time" (delivered by
// the promised time) and "predicted_at" (the drop-off ETA given at pickup); times ISO 8601 UTC.
struct DeliveryChanged {
  std::string delivery_id;
  std::string order_id;
  std::string customer_id;
  std::string merchant_id;
  std::string driver_id;  // empty while pending
  std::string status;
  std::int64_t at_us = 0;
  std::string reason;  // failed, returned: why, in plain words
  bool on_time = false;
  std::int64_t predicted_at_us = 0;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const DeliveryChanged& event);
boost::system::result<DeliveryChanged> tag_invoke(
    const boost::json::try_value_to_tag<DeliveryChanged>&, const boost::json::value& in);

// An offer's outcome for a courier: accepted, declined or expired.
inline constexpr std::string_view offer_accepted = "deliveries.offer.accepted";
inline constexpr std::string_view offer_declined = "deliveries.offer.declined";
inline constexpr std::string_view offer_expired = "deliveries.offer.expired";

// JSON: {"offer_id","delivery_id","driver_id","outcome","at"}.
struct OfferResolved {
  std::string offer_id;
  std::string delivery_id;
  std::string driver_id;
  std::string outcome;  // "accepted", "declined", "expired"
  std::int64_t at_us = 0;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const OfferResolved& event);
boost::system::result<OfferResolved> tag_invoke(const boost::json::try_value_to_tag<OfferResolved>&,
                                                const boost::json::value& in);

}  // namespace reskflow::deliveries::events
