// The orders.order.<status> event of an order's current state, and orders.order.modified,
// published in the caller's transaction.
#pragma once

#include "order.h"
#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"

namespace reskflow::orders {

Status publish_change(store::Transaction& tx, const Order& order);
// The order's lines and price changed, its state did not.
Status publish_modified(store::Transaction& tx, const Order& order);

}  // namespace reskflow::orders
