// reviews' event payloads <-> JSON: the one place their field names are written down.
#include "reskflow/reviews/events.h"

#include <boost/json.hpp>

#include "reskflow/modules/payload.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::reviews::events {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const RatingUpdated& event) {
  out = boost::json::object{{"merchant_id", event.merchant_id},
                            {"version", event.version},
                            {"average", event.average},
                            {"count", event.count}};
}

boost::system::result<RatingUpdated> tag_invoke(const boost::json::try_value_to_tag<RatingUpdated>&,
                                                const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  RatingUpdated event;
  boost::system::error_code ec;
  modules::payload::read(*object, "merchant_id", event.merchant_id, ec);
  modules::payload::read(*object, "version", event.version, ec);
  modules::payload::read(*object, "average", event.average, ec);
  modules::payload::read(*object, "count", event.count, ec);
  if (ec) return ec;
  return event;
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const CourierRated& event) {
  boost::json::array tags;
  for (const auto& tag : event.tags) tags.emplace_back(tag);
  out = boost::json::object{
      {"delivery_id", event.delivery_id}, {"order_id", event.order_id},
      {"driver_id", event.driver_id},     {"rating", event.rating},
      {"tags", std::move(tags)},          {"rated_at", modules::iso_utc(event.rated_at_us)}};
}

boost::system::result<CourierRated> tag_invoke(const boost::json::try_value_to_tag<CourierRated>&,
                                               const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  CourierRated event;
  boost::system::error_code ec;
  modules::payload::read(*object, "delivery_id", event.delivery_id, ec);
  modules::payload::read(*object, "order_id", event.order_id, ec);
  modules::payload::read(*object, "driver_id", event.driver_id, ec);
  modules::payload::read(*object, "rating", event.rating, ec);
  modules::payload::read(*object, "tags", event.tags, ec);
  modules::payload::read_time(*object, "rated_at", event.rated_at_us, ec);
  if (ec) return ec;
  return event;
}

}  // namespace reskflow::reviews::events
