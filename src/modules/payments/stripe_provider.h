// The Stripe adapter: PaymentIntents with manual capture (and incremental authorization) and
// Refunds in Stripe's wire format
// (form-encoded requests, Idempotency-Key, JSON answers), and the verification of Stripe's
// signed webhooks. The secret key and webhook secret are never logged.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "provider.h"
#include "settings.h"

namespace reskflow::payments {

class StripeProvider final : public Provider {
 public:
  explicit StripeProvider(const PaymentsSettings& settings);

  std::string_view name() const override { return "stripe"; }
  Result<Charge> authorize(const ChargeRequest& request) override;
  Result<std::string> challenge_code(std::string_view reference) override;
  Result<Charge> complete_challenge(std::string_view reference, std::string_view code) override;
  Status capture(std::string_view reference, const modules::Money& amount,
                 std::string_view idempotency_key) override;
  Status refund(std::string_view reference, const modules::Money& amount,
                std::string_view idempotency_key) override;
  Status cancel(std::string_view reference, std::string_view idempotency_key) override;
  Result<Charge> increment(std::string_view reference, const modules::Money& amount,
                           std::string_view idempotency_key) override;

 private:
  Result<std::string> call(std::string_view path,
                           const std::vector<std::pair<std::string, std::string>>& form,
                           std::string_view idempotency_key);

  std::string base_url_;
  std::string secret_key_;
  std::chrono::milliseconds timeout_;
};

// Checks a `Stripe-Signature` header ("t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload">,
// ...") against the webhook secret: some v1 must match, and t must be within `tolerance` of
// now. bad_request naming what failed otherwise.
Status verify_stripe_signature(std::string_view header, std::string_view payload,
                               std::string_view secret, std::int64_t now_s,
                               std::chrono::seconds tolerance);

// The charge news a webhook event carries: payment_intent.amount_capturable_updated
// (authorized) and payment_intent.payment_failed (declined); nullopt for other events.
// validation_failed for a body that is not a Stripe event.
Result<std::optional<Charge>> charge_of_stripe_event(std::string_view payload);

}  // namespace reskflow::payments
