// Erasure of a member (identity.user.erased): the live subscription ends at once and no card is
// kept; the month already paid is not refunded (docs/subscriptions.md, "Erasure").
#include "repository.h"
#include "service.h"

namespace reskflow::subscriptions {

Result<bool> Service::erase_customer(store::Transaction& tx, std::string_view customer_id) {
  RF_TRY(found, repository::live_of(tx, customer_id));
  bool ended = false;
  if (*found) {
    const Subscription& s = **found;
    Subscription after = s;
    after.status = std::string(status_ended);
    after.updated_at_us = clock_();
    after.ended_at_us = after.updated_at_us;
    after.ended_reason = "the account was erased";
    RF_TRY(won, write(tx, after, s.version, events::subscription_ended, after.ended_reason));
    // The row was read in this transaction: only a concurrent writer moves it, and the relay
    // delivers the erasure again.
    if (!*won) return fail(ErrorCode::conflict, "the subscription changed during its erasure");
    ended = true;
  }
  RF_TRY(forgotten, repository::forget_payment_methods(tx, customer_id));
  return ended;
}

}  // namespace reskflow::subscriptions
