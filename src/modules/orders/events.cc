// orders' event payloads <-> JSON: the one place their field names are written down.
#include "reskflow/orders/events.h"

#include <boost/json.hpp>

#include "reskflow/modules/payload.h"
#include "reskflow/modules/utc_time.h"
#include "reskflow/orders/status.h"

namespace reskflow::orders::events {

std::string_view event_type_of(std::string_view status) {
  static constexpr std::pair<std::string_view, std::string_view> types[] = {
      {status_awaiting_payment, order_awaiting_payment},
      {status_placed, order_placed},
      {status_accepted, order_accepted},
      {status_rejected, order_rejected},
      {status_preparing, order_preparing},
      {status_ready, order_ready},
      {status_picked_up, order_picked_up},
      {status_delivered, order_delivered},
      {status_cancelled, order_cancelled},
      {status_failed, order_failed},
      {status_refunded, order_refunded}};
  for (const auto& [s, type] : types) {
    if (s == status) return type;
  }
  return {};
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const OrderChanged& event) {
  const auto at = modules::iso_utc(event.at_us);
  boost::json::object o{
      {"order_id", event.order_id},       {"customer_id", event.customer_id},
      {"merchant_id", event.merchant_id}, {"status", event.status},
      {"version", event.version},         {"total_minor", event.total.amount_minor},
      {"currency", event.total.currency}, {"at", at}};
  if (!event.items.empty()) {
    boost::json::array items;
    for (const auto& i : event.items)
      items.push_back({{"item_id", i.item_id}, {"name", i.name}, {"quantity", i.quantity}});
    o["items"] = std::move(items);
  }
  if (event.status == status_delivered) o["delivered_at"] = at;
  out = std::move(o);
}

namespace {

// "items" is optional (events written before it existed); each entry must be complete.
void read_items(const boost::json::object& in, std::vector<OrderedItem>& out,
                boost::system::error_code& ec) {
  const auto* items = in.if_contains("items");
  if (items == nullptr || ec) return;
  const auto* array = items->if_array();
  if (array == nullptr) {
    ec = boost::json::make_error_code(boost::json::error::not_array);
    return;
  }
  for (const auto& entry : *array) {
    const auto* object = entry.if_object();
    if (object == nullptr) {
      ec = boost::json::make_error_code(boost::json::error::not_object);
      return;
    }
    OrderedItem item;
    modules::payload::read(*object, "item_id", item.item_id, ec);
    modules::payload::read(*object, "name", item.name, ec);
    modules::payload::read(*object, "quantity", item.quantity, ec);
    out.push_back(std::move(item));
  }
}

}  // namespace

boost::system::result<OrderChanged> tag_invoke(const boost::json::try_value_to_tag<OrderChanged>&,
                                               const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  OrderChanged event;
  boost::system::error_code ec;
  modules::payload::read(*object, "order_id", event.order_id, ec);
  modules::payload::read(*object, "customer_id", event.customer_id, ec);
  modules::payload::read(*object, "merchant_id", event.merchant_id, ec);
  modules::payload::read(*object, "status", event.status, ec);
  modules::payload::read(*object, "version", event.version, ec);
  modules::payload::read(*object, "total_minor", event.total.amount_minor, ec);
  modules::payload::read(*object, "currency", event.total.currency, ec);
  modules::payload::read_time(*object, "at", event.at_us, ec);
  read_items(*object, event.items, ec);
  if (ec) return ec;
  return event;
}

Result<OrderChanged> read_order_changed(std::string_view type, std::string_view payload_json) {
  RF_TRY(e, modules::payload::from_payload<OrderChanged>(type, payload_json));
  if (e->order_id.empty()) return modules::payload::empty_field(type, "order_id");
  if (e->customer_id.empty()) return modules::payload::empty_field(type, "customer_id");
  if (e->merchant_id.empty()) return modules::payload::empty_field(type, "merchant_id");
  return std::move(*e);
}

}  // namespace reskflow::orders::events
