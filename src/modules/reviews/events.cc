// reviews' event payloads <-> JSON: the one place their field names are written down.
#include "reskflow/reviews/events.h"

#include <boost/json.hpp>

#include "reskflow/modules/payload.h"

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

}  // namespace reskflow::reviews::events
