// What payments asks of a processor: hold (and raise a hold), capture, refund and release money,
// each call carrying an idempotency key so that a retried call never moves money twice. The
// built-in test provider, the Stripe adapter and the stablecoin provider implement it.
#pragma once

#include <string>
#include <string_view>

#include "reskflow/core/errors.h"
#include "reskflow/modules/money.h"
#include "reskflow/store/database.h"

namespace reskflow::payments {

enum class ChargeStatus { authorized, requires_action, declined };

struct ChargeRequest {
  modules::Money amount;
  std::string payment_method;   // a test card number, a Stripe PaymentMethod id, "stablecoin"
  std::string idempotency_key;  // the same key returns the same charge
  std::string description;      // shown on the processor's side ("order <id>")
};

struct Charge {
  std::string reference;  // the processor's id of the charge ("pi_..." at Stripe)
  ChargeStatus status = ChargeStatus::declined;
  std::string decline_reason;  // plain words when declined
  // Where the payer completes the challenge (empty: our own page); a stablecoin deposit's EIP-681
  // payment request.
  std::string challenge_url;
};

// Thread-safe; blocking. Errors: payment_declined never (a decline is a Charge), unavailable or
// timeout when the processor cannot answer (the call may be retried with the same key),
// validation_failed or invalid_transition when it refuses the request.
class Provider {
 public:
  virtual ~Provider() = default;

  virtual std::string_view name() const = 0;
  virtual Result<Charge> authorize(const ChargeRequest& request) = 0;
  // Whether the provider's book of charges is our own database (the test provider), so that
  // authorize_in can book a charge in the caller's transaction.
  virtual bool in_database() const { return false; }
  // authorize() inside `tx`: the charge commits with the caller's writes or not at all.
  // invalid_transition for a provider that is not in_database().
  virtual Result<Charge> authorize_in(store::Transaction& /*tx*/,
                                      const ChargeRequest& /*request*/) {
    return fail(ErrorCode::invalid_transition, "this provider books its charges outside");
  }
  // The code the payer must type to complete a challenge on our own challenge page (the test
  // provider); invalid_transition for a processor that runs its own page.
  virtual Result<std::string> challenge_code(std::string_view reference) = 0;
  // Checks the code: authorized, or declined after too many wrong codes; validation_failed
  // for a wrong code with attempts left.
  virtual Result<Charge> complete_challenge(std::string_view reference, std::string_view code) = 0;
  virtual Status capture(std::string_view reference, const modules::Money& amount,
                         std::string_view idempotency_key) = 0;
  virtual Status refund(std::string_view reference, const modules::Money& amount,
                        std::string_view idempotency_key) = 0;
  virtual Status cancel(std::string_view reference, std::string_view idempotency_key) = 0;
  // Raises an authorized hold to `amount` (its new total, more than held now): authorized, or
  // declined with the reason (the hold stays as it was). Stripe's incremental authorization.
  virtual Result<Charge> increment(std::string_view reference, const modules::Money& amount,
                                   std::string_view idempotency_key) = 0;
};

}  // namespace reskflow::payments
