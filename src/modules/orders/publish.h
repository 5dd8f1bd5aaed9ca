// The orders.order.<status> event of an order's current state, published in the caller's
// transaction.
#pragma once

#include "order.h"
#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"

namespace reskflow::orders {

Status publish_change(store::Transaction& tx, const Order& order);

}  // namespace reskflow::orders
