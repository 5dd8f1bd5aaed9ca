// The orders.order.* event of an order's current state (events.h).
#include "publish.h"

#include "reskflow/bus/outbox.h"
#include "reskflow/modules/payload.h"
#include "reskflow/orders/events.h"

namespace reskflow::orders {

Status publish_change(store::Transaction& tx, const Order& order) {
  const events::OrderChanged event{order.id,           order.customer_id, order.merchant_id,
                                   order.status,       order.version,     order.price.total,
                                   order.updated_at_us};
  RF_TRY(id, bus::publish(tx, {std::string(events::event_type_of(order.status)), order.id,
                               modules::payload::to_payload(event)}));
  return {};
}

}  // namespace reskflow::orders
