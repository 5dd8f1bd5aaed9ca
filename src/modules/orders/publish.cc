// The orders.order.* event of an order's current state (events.h).
#include "publish.h"

#include "reskflow/bus/outbox.h"
#include "reskflow/modules/payload.h"
#include "reskflow/orders/events.h"

namespace reskflow::orders {

namespace {

Status publish_as(store::Transaction& tx, const Order& order, std::string_view type) {
  events::OrderChanged event{order.id,      order.customer_id, order.merchant_id,  order.status,
                             order.version, order.price.total, order.updated_at_us};
  event.items.reserve(order.lines.size());
  for (const auto& line : order.lines)
    event.items.push_back({line.item_id, line.name, line.quantity});
  RF_TRY(id, bus::publish(tx, {std::string(type), order.id, modules::payload::to_payload(event)}));
  return {};
}

}  // namespace

Status publish_change(store::Transaction& tx, const Order& order) {
  return publish_as(tx, order, events::event_type_of(order.status));
}

Status publish_modified(store::Transaction& tx, const Order& order) {
  return publish_as(tx, order, events::order_modified);
}

}  // namespace reskflow::orders
