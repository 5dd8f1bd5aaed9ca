// The events carts publishes (bus, at least once; the subject is the cart id), in the
// transaction of every change to a cart, and their payloads (docs/commerce.md, "Events").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "reskflow/modules/money.h"

namespace reskflow::carts::events {

inline constexpr std::string_view cart_updated = "carts.cart.updated";

// carts.cart.updated: the totals are of the lines at the prices they had when last written
// (not re-priced); status "deleted" when the cart was erased with its host's personal data.
// JSON: {"cart_id","customer_id","merchant_id","status","version","item_count",
// "subtotal_minor","currency"}.
struct CartUpdated {
  std::string cart_id;
  std::string customer_id;  // the host
  std::string merchant_id;
  std::string status;
  std::int64_t version = 0;
  std::int64_t item_count = 0;
  modules::Money subtotal;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const CartUpdated& event);
boost::system::result<CartUpdated> tag_invoke(const boost::json::try_value_to_tag<CartUpdated>&,
                                              const boost::json::value& in);

}  // namespace reskflow::carts::events
