// Deliveries, offers, paths and ETA reports as JSON for the routes and the WebSocket topics.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "record.h"
#include "service.h"

namespace reskflow::deliveries {

// What `view` may see: the pickup code for the merchant and admins, the PIN for the customer
// and admins; the courier sees neither. validation_failed when the courier's pay (earnings and
// tip) is not an amount.
Result<boost::json::object> delivery_document(const DeliveryRecord& record, View view);
// With the countdown: seconds left until it lapses at now_us.
boost::json::object offer_document(const OfferView& offer, std::int64_t now_us);
// A GeoJSON Feature with a LineString of [lng, lat] positions and their times.
boost::json::object path_document(const DeliveryRecord& record, const std::vector<PathPoint>& path);
boost::json::object eta_document(const std::vector<EtaQuality>& rows, std::int64_t window_hours);
// The data of a "delivery.<id>" message: status and ETAs, and the courier's point when given.
// Rendered straight to text (it goes out with every forwarded position), as json::serialize
// would render the same fields.
std::string tracking_text(const DeliveryRecord& record, const std::optional<PathPoint>& position);

}  // namespace reskflow::deliveries
