// Raising an authorized hold for an order that grew (Stripe's incremental authorization): the
// provider first, with a key derived from the intent and the new amount, then the intent's new
// amount and its event in one transaction. A hold never shrinks before capture: the capture takes
// what the order costs then, and the processor releases the rest (docs/payments.md).
#include "changes.h"
#include "repository.h"
#include "service.h"

namespace reskflow::payments {
namespace {

Status validate_increase(const Intent& intent, const modules::Money& amount) {
  if (amount.currency != intent.amount.currency)
    return fail(ErrorCode::validation_failed, "the amount is in another currency",
                {{"amount", "must be in " + intent.amount.currency}});
  if (amount.amount_minor <= 0)
    return fail(ErrorCode::validation_failed, "the amount must be more than zero",
                {{"amount", "must be positive"}});
  return {};
}

std::unexpected<Error> increase_declined(const Intent& intent, std::string reason) {
  return std::unexpected(Error{ErrorCode::payment_declined,
                               reason,
                               {},
                               {{"intent_id", intent.id}, {"decline_reason", reason}}});
}

}  // namespace

Result<Intent> Service::increase(std::string_view intent_id, const modules::Money& amount) {
  RF_TRY(stored, load(intent_id));
  const auto& i = stored->intent;
  if (auto ok = validate_increase(i, amount); !ok) return std::unexpected(ok.error());
  if (i.status != IntentStatus::authorized)
    return wrong_status(i, "only an authorized one can hold more");
  if (amount.amount_minor <= i.amount.amount_minor) return i;  // held already (or a retry)
  const auto key = "increment:" + i.id + ":" + std::to_string(amount.amount_minor) + ":" +
                   std::to_string(stored->attempts);
  auto charge = provider_of(*stored).increment(stored->provider_ref, amount, key);
  if (!charge && charge.error().code == ErrorCode::validation_failed) {
    metrics_.increases_declined.inc();
    return increase_declined(i, "Your card cannot hold the new total: " + charge.error().detail);
  }
  if (!charge) {
    metrics_.provider_errors.inc();
    return std::unexpected(charge.error());
  }
  if (charge->status != ChargeStatus::authorized) {
    metrics_.increases_declined.inc();
    return increase_declined(i, charge->decline_reason.empty()
                                    ? "Your card was declined for the new total."
                                    : charge->decline_reason);
  }
  return database_.write([&](store::Transaction& tx) -> Result<Intent> {
    RF_TRY(found, repository::intent(tx, i.id));
    if (!*found) return no_such_intent();
    auto& s = **found;
    auto& now = s.intent;
    if (now.status != IntentStatus::authorized)
      return wrong_status(now, "only an authorized one can hold more");
    if (now.amount.amount_minor >= amount.amount_minor) {
      metrics_.lost_races.inc();
      return now;
    }
    now.amount = amount;
    now.updated_at_us = clock_();
    RF_TRY(won, write_change(tx, s));
    metrics_.increased.inc();
    return now;
  });
}

}  // namespace reskflow::payments
