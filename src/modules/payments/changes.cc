// Intent changes with their events through the outbox.
#include "changes.h"

#include "metrics.h"
#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/payload.h"
#include "reskflow/payments/events.h"

namespace reskflow::payments {
namespace {

Status publish(store::Transaction& tx, const Intent& i) {
  const events::IntentChanged payload{
      i.id,     i.order_id, i.payer_user_id, i.merchant_id,   std::string(status_name(i.status)),
      i.amount, i.captured, i.refunded,      i.decline_reason};
  RF_TRY(id, bus::publish(tx, {std::string(event_of(i.status)), i.order_id,
                               modules::payload::to_payload(payload)}));
  return {};
}

}  // namespace

std::string_view event_of(IntentStatus status) {
  switch (status) {
    case IntentStatus::requires_action: return events::intent_requires_action;
    case IntentStatus::authorized: return events::intent_authorized;
    case IntentStatus::captured: return events::intent_captured;
    case IntentStatus::partially_refunded:
    case IntentStatus::refunded: return events::intent_refunded;
    case IntentStatus::cancelled: return events::intent_cancelled;
    case IntentStatus::failed: return events::intent_failed;
  }
  return events::intent_failed;
}

Result<bool> write_change(store::Transaction& tx, const StoredIntent& stored) {
  RF_TRY(updated, repository::update_intent(tx, stored));
  if (!*updated) return false;
  RF_TRY(published, publish(tx, stored.intent));
  return true;
}

Result<bool> write_new(store::Transaction& tx, const StoredIntent& stored) {
  RF_TRY(inserted, repository::insert_intent(tx, stored));
  if (!*inserted) return false;
  RF_TRY(published, publish(tx, stored.intent));
  return true;
}

std::unexpected<Error> wrong_status(const Intent& intent, std::string_view wanted) {
  Error e{ErrorCode::invalid_transition,
          "the payment is " + std::string(status_name(intent.status)) + "; " + std::string(wanted),
          {},
          {{"status", std::string(status_name(intent.status))}}};
  return std::unexpected(std::move(e));
}

std::unexpected<Error> no_such_intent() {
  return std::unexpected(Error{ErrorCode::not_found, "no such payment", {}, {}});
}

}  // namespace reskflow::payments
