// carts' event payloads <-> JSON: the one place their field names are written down.
#include "reskflow/carts/events.h"

#include <boost/json.hpp>

#include "reskflow/modules/payload.h"

namespace reskflow::carts::events {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const CartUpdated& event) {
  out = boost::json::object{{"cart_id", event.cart_id},
                            {"customer_id", event.customer_id},
                            {"merchant_id", event.merchant_id},
                            {"status", event.status},
                            {"version", event.version},
                            {"item_count", event.item_count},
                            {"subtotal_minor", event.subtotal.amount_minor},
                            {"currency", event.subtotal.currency}};
}

boost::system::result<CartUpdated> tag_invoke(const boost::json::try_value_to_tag<CartUpdated>&,
                                              const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  CartUpdated event;
  boost::system::error_code ec;
  modules::payload::read(*object, "cart_id", event.cart_id, ec);
  modules::payload::read(*object, "customer_id", event.customer_id, ec);
  modules::payload::read(*object, "merchant_id", event.merchant_id, ec);
  modules::payload::read(*object, "status", event.status, ec);
  modules::payload::read(*object, "version", event.version, ec);
  modules::payload::read(*object, "item_count", event.item_count, ec);
  modules::payload::read(*object, "subtotal_minor", event.subtotal.amount_minor, ec);
  modules::payload::read(*object, "currency", event.subtotal.currency, ec);
  if (ec) return ec;
  return event;
}

}  // namespace reskflow::carts::events
