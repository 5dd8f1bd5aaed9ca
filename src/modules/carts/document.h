// The JSON documents of the carts API (docs/commerce.md "Carts and group orders").
#pragma once

#include <cstdint>
#include <string>

#include <boost/json/object.hpp>

#include "repository.h"
#include "reskflow/carts/carts.h"
#include "service.h"

namespace reskflow::carts {

boost::json::object cart_document(const PricedCart& cart);
boost::json::object summary_document(const CartSummary& summary);
boost::json::object invite_document(const InvitePreview& preview);

}  // namespace reskflow::carts
