// The orders API's JSON: reading checkout and modification bodies, rendering orders, pages and
// quotes.
#pragma once

#include <boost/json/object.hpp>

#include "order.h"
#include "reskflow/core/errors.h"
#include "service.h"

namespace reskflow::orders {

// POST /v1/orders and /v1/orders/quote (payment_method is required to place, not to quote).
Result<CheckoutRequest> read_checkout(const boost::json::object& body, bool placing);
// POST /v1/orders/{order_id}/modifications: {"changes": [{"line": 0, "quantity": 3},
// {"item_id": "...", "quantity": 1, "option_ids": [...], "note": "..."}]}.
Result<ModificationRequest> read_modification(const boost::json::object& body);

boost::json::object price_document(const PriceBreakdown& price);
// With lines, timeline and payment; `audit` (admins) adds who moved the order at each step.
boost::json::object order_document(const Order& order, bool audit = false);
boost::json::object page_document(const OrderPage& page);
boost::json::object quote_document(const Quote& quote);

}  // namespace reskflow::orders
