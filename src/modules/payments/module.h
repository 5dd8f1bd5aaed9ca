// The payments module: intents authorized, captured, refunded and cancelled through a provider
// (the built-in test provider, or Stripe), the payer's challenge page, and the intent's view for
// its payer and admins.
#pragma once

#include <chrono>
#include <memory>
#include <optional>

#include "metrics.h"
#include "provider.h"
#include "reskflow/payments/payments.h"
#include "service.h"
#include "settings.h"

namespace reskflow::payments {

class PaymentsModuleImpl final : public PaymentsModule, public Payments {
 public:
  PaymentsModuleImpl(const modules::Platform& platform, ledger::Ledger& ledger,
                     std::unique_ptr<Provider> provider, const PaymentsSettings& settings,
                     modules::Clock clock);

  std::string_view name() const override { return "payments"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  Status start() override { return {}; }
  void stop() override {}

  Payments& payments() override { return *this; }
  Result<Intent> authorize(const AuthorizeRequest& request) override;
  Result<Intent> capture(std::string_view intent_id, const modules::Money& amount,
                         const Settlement& settlement) override;
  Result<Intent> refund(std::string_view intent_id, const modules::Money& amount,
                        std::string_view reason) override;
  Result<Intent> cancel(std::string_view intent_id) override;
  Result<Intent> increase(std::string_view intent_id, const modules::Money& amount) override;
  Result<Intent> intent(std::string_view intent_id) override;
  Result<std::vector<Intent>> intents_of_order(std::string_view order_id) override;

  Service& service() { return service_; }

 private:
  PaymentsSettings settings_;
  modules::Clock clock_;
  PaymentsMetrics metrics_;
  std::unique_ptr<Provider> provider_;
  Service service_;
};

// The provider the settings name.
Result<std::unique_ptr<Provider>> make_provider(const PaymentsSettings& settings,
                                                store::Database& database, modules::Clock clock);

// What the Stripe webhook route checks signatures with.
struct WebhookKeys {
  std::string secret;
  std::chrono::seconds tolerance;
  modules::Clock clock;
};

// The HTTP binding (routes.cc); the webhook route only with Stripe's keys.
Status add_payment_routes(http::Router& router, Service& service,
                          const std::optional<WebhookKeys>& stripe);

}  // namespace reskflow::payments
