// The payer's challenge (3-D Secure-like): the test provider's code shown on our challenge page
// and typed back, or a provider's webhook, turns a requires_action intent into an authorized or
// failed one, announced through the outbox so orders can go on.
#include "changes.h"
#include "repository.h"
#include "service.h"

namespace reskflow::payments {

Result<Challenge> Service::challenge(std::string_view intent_id, const Caller& caller) {
  RF_TRY(stored, load(intent_id));
  const auto& i = stored->intent;
  if (i.payer_user_id != caller.user_id) return no_such_intent();
  if (i.status != IntentStatus::requires_action)
    return wrong_status(i, "there is no challenge to complete");
  RF_TRY(code, provider_of(*stored).challenge_code(stored->provider_ref));
  return Challenge{i.id, std::move(*code)};
}

Result<Intent> Service::complete_challenge(std::string_view intent_id, const Caller& caller,
                                           std::string_view code) {
  RF_TRY(stored, load(intent_id));
  const auto& i = stored->intent;
  if (i.payer_user_id != caller.user_id) return no_such_intent();
  if (i.status == IntentStatus::authorized) return i;  // a retry
  if (i.status != IntentStatus::requires_action)
    return wrong_status(i, "there is no challenge to complete");
  RF_TRY(charge, provider_of(*stored).complete_challenge(stored->provider_ref, code));
  return settle_challenge(*stored, *charge);
}

Result<std::optional<Intent>> Service::apply_charge(const Charge& charge) {
  auto found = database_.read([&](store::Transaction& tx) {
    return repository::intent_by_provider_ref(tx, charge.reference);
  });
  if (!found) return std::unexpected(found.error());
  if (!*found) return std::optional<Intent>{};
  if ((*found)->intent.status != IntentStatus::requires_action)
    return std::optional<Intent>{(*found)->intent};
  RF_TRY(intent, settle_challenge(**found, charge));
  return std::optional<Intent>{std::move(*intent)};
}

Result<Intent> Service::settle_challenge(const StoredIntent& before, const Charge& charge) {
  if (charge.status == ChargeStatus::requires_action) return before.intent;
  return database_.write([&](store::Transaction& tx) -> Result<Intent> {
    RF_TRY(found, repository::intent(tx, before.intent.id));
    if (!*found) return no_such_intent();
    auto s = std::move(**found);
    auto& i = s.intent;
    if (i.status != IntentStatus::requires_action) return i;
    const bool authorized = charge.status == ChargeStatus::authorized;
    i.status = authorized ? IntentStatus::authorized : IntentStatus::failed;
    i.decline_reason = authorized ? std::string() : charge.decline_reason;
    i.challenge_url.clear();
    i.updated_at_us = clock_();
    RF_TRY(won, write_change(tx, s));
    (authorized ? metrics_.authorized : metrics_.failed).inc();
    return i;
  });
}

}  // namespace reskflow::payments
