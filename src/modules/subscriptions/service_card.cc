// Changing a membership's card: kept for the next renewal, or, while a renewal is unpaid, charged
// for that period at once, so a member whose card was declined gets their benefits back now.
#include "repository.h"
#include "service.h"

namespace reskflow::subscriptions {

Result<Subscription> Service::change_payment_method(std::string_view customer_id,
                                                    const std::string& payment_method) {
  RF_TRY(current, db_.write([&](store::Transaction& tx) -> Result<Subscription> {
    RF_TRY(s, live(tx, customer_id));
    // Past due: the card is kept only once it paid (below).
    if (s->status == status_past_due) return std::move(*s);
    s->payment_method = payment_method;
    s->updated_at_us = clock_();
    RF_TRY(kept, repository::set_payment_method(tx, s->id, payment_method, s->updated_at_us));
    return std::move(*s);
  }));
  if (current->status != status_past_due) return std::move(*current);
  Subscription with_card = std::move(*current);
  with_card.payment_method = payment_method;
  RF_TRY(period, db_.write([&](store::Transaction& tx) {
    return repository::period_once(tx, next_period(with_card));
  }));
  RF_TRY(charged, charge(with_card, *period));
  if (!charged->paid)
    return std::unexpected(
        Error{ErrorCode::payment_declined,
              charged->decline_reason,
              {},
              {{"intent_id", charged->intent_id}, {"decline_reason", charged->decline_reason}}});
  RF_TRY(renewed, record_renewal(with_card, *period, *charged, true));
  // Renewed by this call or, a moment before, by the renewal job: either way it is paid now.
  RF_TRY(after, db_.read([&](store::Transaction& tx) {
    return repository::subscription(tx, with_card.id);
  }));
  if (!*after) return fail(ErrorCode::not_found, "you have no subscription");
  return std::move(**after);
}

}  // namespace reskflow::subscriptions
