// deliveries.delivery.<status> and deliveries.offer.<outcome> through the outbox.
#include "publish.h"

#include "reskflow/bus/outbox.h"
#include "reskflow/deliveries/events.h"
#include "reskflow/modules/payload.h"

namespace reskflow::deliveries {

Status publish_change(store::Transaction& tx, const DeliveryRecord& r) {
  const auto& d = r.delivery;
  events::DeliveryChanged event{d.id,        d.order_id, d.customer_id,   d.merchant_id,
                                d.driver_id, d.status,   r.updated_at_us, r.reason};
  if (d.status == status_delivered) {
    event.on_time = d.delivered_at_us.value_or(r.updated_at_us) <= r.due_by_us;
    event.predicted_at_us = r.predicted_dropoff_us.value_or(0);
  }
  RF_TRY(id, bus::publish(tx, {std::string(events::event_type_of(d.status)), d.id,
                               modules::payload::to_payload(event)}));
  return {};
}

Status publish_offer(store::Transaction& tx, const Offer& offer, std::string_view outcome,
                     std::int64_t at_us) {
  const events::OfferResolved event{offer.id, offer.delivery_id, offer.driver_id,
                                    std::string(outcome), at_us};
  const auto type = outcome == "accepted"   ? events::offer_accepted
                    : outcome == "declined" ? events::offer_declined
                                            : events::offer_expired;
  RF_TRY(id, bus::publish(
                 tx, {std::string(type), offer.delivery_id, modules::payload::to_payload(event)}));
  return {};
}

}  // namespace reskflow::deliveries
