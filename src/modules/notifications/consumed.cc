// Consumed events -> notices, through reskflow/modules/payload.h and the publishers' payloads.
#include "consumed.h"

#include <boost/json.hpp>

#include "reskflow/deliveries/events.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/payload.h"
#include "reskflow/orders/events.h"
#include "reskflow/payments/events.h"
#include "reskflow/subscriptions/events.h"

namespace reskflow::notifications {
namespace {

using modules::payload::empty_field;

Result<Notice> order_notice(const bus::Envelope& event, Kind kind) {
  RF_TRY(e, modules::payload::from_payload<orders::events::OrderChanged>(event.type,
                                                                         event.payload_json));
  if (e->customer_id.empty()) return empty_field(event.type, "customer_id");
  return Notice{event.type, kind, e->customer_id, e->order_id, e->total, e->at_us, {}};
}

Result<Notice> delivery_notice(const bus::Envelope& event, Kind kind) {
  RF_TRY(e, modules::payload::from_payload<deliveries::events::DeliveryChanged>(
                event.type, event.payload_json));
  if (e->customer_id.empty()) return empty_field(event.type, "customer_id");
  return Notice{event.type, kind, e->customer_id, e->order_id, std::nullopt, e->at_us, e->reason};
}

Result<Notice> payment_notice(const bus::Envelope& event, Kind kind) {
  RF_TRY(e, modules::payload::from_payload<payments::events::IntentChanged>(event.type,
                                                                            event.payload_json));
  if (e->payer_user_id.empty()) return empty_field(event.type, "payer_user_id");
  auto amount = event.type == payments::events::intent_refunded ? e->refunded : e->amount;
  return Notice{
      event.type,       kind, e->payer_user_id, e->order_id, std::move(amount), event.created_at_us,
      e->decline_reason};
}

Result<Notice> account_notice(const bus::Envelope& event, Kind kind) {
  RF_TRY(e, modules::payload::from_payload<identity::events::UserRegistered>(event.type,
                                                                             event.payload_json));
  if (e->user_id.empty()) return empty_field(event.type, "user_id");
  return Notice{event.type, kind, e->user_id, e->user_id, std::nullopt, event.created_at_us, {}};
}

Result<Notice> subscription_notice(const bus::Envelope& event, Kind kind) {
  RF_TRY(e, modules::payload::from_payload<subscriptions::events::SubscriptionChanged>(
                event.type, event.payload_json));
  if (e->customer_id.empty()) return empty_field(event.type, "customer_id");
  return Notice{event.type, kind,     e->customer_id, e->subscription_id,
                e->amount,  e->at_us, e->reason};
}

Result<Notice> notice_of(const bus::Envelope& event, Kind kind) {
  if (event.type.starts_with("subscriptions.")) return subscription_notice(event, kind);
  switch (kind) {
    case Kind::order: return order_notice(event, kind);
    case Kind::delivery: return delivery_notice(event, kind);
    case Kind::payment: return payment_notice(event, kind);
    case Kind::account:
    case Kind::security:
    case Kind::chat: break;
  }
  return account_notice(event, kind);
}

}  // namespace

Result<std::vector<Notice>> notices_of(const bus::Envelope& event) {
  const auto kind = template_kind(event.type);
  if (!kind) return std::vector<Notice>{};
  RF_TRY(notice, notice_of(event, *kind));
  // A membership's monthly payment: subscriptions' own events tell the member about it.
  if (*kind == Kind::payment && !event.type.starts_with("subscriptions.") &&
      notice->subject_id.starts_with(subscriptions::events::payment_order_prefix))
    return std::vector<Notice>{};
  return std::vector<Notice>{std::move(*notice)};
}

}  // namespace reskflow::notifications
