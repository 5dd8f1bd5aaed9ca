// The consumed events' payloads -> typed values, through reskflow/modules/payload.h.
#include "consumed.h"

#include <algorithm>

#include "reskflow/identity/events.h"
#include "reskflow/modules/payload.h"
#include "reskflow/orders/events.h"

namespace reskflow::recommendations {

using modules::payload::empty_field;

Result<DeliveredOrder> read_order_delivered(std::string_view payload_json) {
  const auto type = orders::events::order_delivered;
  RF_TRY(e, orders::events::read_order_changed(type, payload_json));
  DeliveredOrder out{std::move(e->order_id),
                     std::move(e->customer_id),
                     std::move(e->merchant_id),
                     e->at_us,
                     {},
                     std::nullopt};
  for (auto& line : e->items) {
    if (line.item_id.empty()) return empty_field(type, "items[].item_id");
    if (line.quantity < 1)
      return fail(ErrorCode::validation_failed,
                  std::string(type) + " payload: an item's quantity is below 1");
    auto same = std::find_if(out.items.begin(), out.items.end(),
                             [&](const OrderedItem& i) { return i.item_id == line.item_id; });
    if (same != out.items.end()) {
      same->quantity += line.quantity;
      continue;
    }
    out.items.push_back({std::move(line.item_id), std::move(line.name), line.quantity});
  }
  return out;
}

Result<std::string> read_user_erased(std::string_view payload_json) {
  const auto type = identity::events::user_erased;
  RF_TRY(e, modules::payload::from_payload<identity::events::UserErased>(type, payload_json));
  if (e->user_id.empty()) return empty_field(type, "user_id");
  return std::move(e->user_id);
}

}  // namespace reskflow::recommendations
