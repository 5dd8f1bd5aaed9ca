// promotions' event payload <-> JSON: the one place its field names are written down.
#include "reskflow/promotions/events.h"

#include <boost/json.hpp>

#include "reskflow/modules/payload.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::promotions::events {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const PromotionChanged& event) {
  out = boost::json::object{{"promotion_id", event.promotion_id},
                            {"merchant_id", event.merchant_id},
                            {"code", event.code},
                            {"status", event.status},
                            {"at", modules::iso_utc(event.at_us)}};
}

boost::system::result<PromotionChanged> tag_invoke(
    const boost::json::try_value_to_tag<PromotionChanged>&, const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  PromotionChanged event;
  boost::system::error_code ec;
  modules::payload::read(*object, "promotion_id", event.promotion_id, ec);
  modules::payload::read(*object, "merchant_id", event.merchant_id, ec);
  modules::payload::read(*object, "code", event.code, ec);
  modules::payload::read(*object, "status", event.status, ec);
  modules::payload::read_time(*object, "at", event.at_us, ec);
  if (ec) return ec;
  return event;
}

}  // namespace reskflow::promotions::events
