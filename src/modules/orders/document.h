// The orders API's JSON: reading a checkout body, rendering orders, pages and quotes.
#pragma once

#include <boost/json/object.hpp>

#include "order.h"
#include "reskflow/core/errors.h"
#include "service.h"

namespace reskflow::orders {

// POST /v1/orders and /v1/orders/quote (payment_method is required to place, not to quote).
Result<CheckoutRequest> read_checkout(const boost::json::object& body, bool placing);

boost::json::object price_document(const PriceBreakdown& price);
boost::json::object order_document(const Order& order);  // with lines and timeline
boost::json::object page_document(const OrderPage& page);
boost::json::object quote_document(const Quote& quote);

}  // namespace reskflow::orders
