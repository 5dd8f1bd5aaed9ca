// JSON conversion of discovery's event payload.
#include "reskflow/discovery/events.h"

#include <boost/json.hpp>

#include "reskflow/modules/payload.h"

namespace reskflow::discovery::events {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const MerchantIndexed& event) {
  out = boost::json::object{{"merchant_id", event.merchant_id}};
}

boost::system::result<MerchantIndexed> tag_invoke(
    const boost::json::try_value_to_tag<MerchantIndexed>&, const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  MerchantIndexed event;
  boost::system::error_code ec;
  modules::payload::read(*object, "merchant_id", event.merchant_id, ec);
  if (ec) return ec;
  return event;
}

}  // namespace reskflow::discovery::events
