// The payments module: intents authorized, captured, refunded and cancelled through a provider
// (the built-in test provider, or Stripe, and the stablecoin provider when configured), the
// payer's challenge page and deposit, the intent's view for its payer and admins, and the
// stablecoin watcher's and sweeper's loops.
#pragma once

#include <chrono>
#include <memory>
#include <optional>

#include "crypto_provider.h"
#include "metrics.h"
#include "provider.h"
#include "reskflow/modules/background_loop.h"
#include "reskflow/payments/payments.h"
#include "service.h"
#include "settings.h"

namespace reskflow::payments {

class PaymentsModuleImpl final : public PaymentsModule, public Payments {
 public:
  // `crypto` (may be null) takes the stablecoin payments; its watcher runs from start().
  PaymentsModuleImpl(const modules::Platform& platform, ledger::Ledger& ledger,
                     std::unique_ptr<Provider> provider, const PaymentsSettings& settings,
                     modules::Clock clock, std::unique_ptr<CryptoProvider> crypto = nullptr);
  ~PaymentsModuleImpl() override;
  PaymentsModuleImpl(const PaymentsModuleImpl&) = delete;
  PaymentsModuleImpl& operator=(const PaymentsModuleImpl&) = delete;

  std::string_view name() const override { return "payments"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  Status start() override;
  void stop() override;

  Payments& payments() override { return *this; }
  Result<Intent> authorize(const AuthorizeRequest& request) override;
  bool authorizes_in_transaction(std::string_view payment_method) const override {
    return service_.authorizes_in_transaction(payment_method);
  }
  Result<Intent> authorize_in(store::Transaction& tx, const AuthorizeRequest& request) override {
    return service_.authorize_in(tx, request);
  }
  Result<Intent> capture(std::string_view intent_id, const modules::Money& amount,
                         const Settlement& settlement) override;
  Result<Intent> refund(std::string_view intent_id, const modules::Money& amount,
                        std::string_view reason) override;
  Result<Intent> refund_from_merchant(std::string_view intent_id, const modules::Money& amount,
                                      std::string_view reason) override;
  Result<Intent> cancel(std::string_view intent_id) override;
  Result<Intent> increase(std::string_view intent_id, const modules::Money& amount) override;
  Result<Intent> intent(std::string_view intent_id) override;
  Result<std::vector<Intent>> intents_of_order(std::string_view order_id) override;

  Service& service() { return service_; }
  CryptoProvider* crypto() { return crypto_.get(); }
  // One pass of the stablecoin watcher, as its loop runs it (tests drive it directly); an
  // empty report without the stablecoin provider.
  Result<crypto::WatchReport> watch_once();
  // One pass of the stablecoin sweeper, as its loop runs it.
  Result<crypto::SweepReport> sweep_once();

 private:
  static constexpr std::string_view watcher_name = "payments_crypto_watch";
  static constexpr std::string_view sweeper_name = "payments_crypto_sweep";
  void watch();
  void sweep();
  bool sweeping() const { return crypto_ && settings_.crypto.sweep_enabled; }

  const modules::Platform platform_;  // a copy: the caller's may be a temporary
  PaymentsSettings settings_;
  modules::Clock clock_;
  PaymentsMetrics metrics_;
  std::unique_ptr<Provider> provider_;
  std::unique_ptr<CryptoProvider> crypto_;
  Service service_;
  modules::BackgroundLoop watcher_;
  modules::BackgroundLoop sweeper_;
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

// The HTTP binding (routes.cc); the webhook route only with Stripe's keys, the deposit route
// answers only with the stablecoin provider.
Status add_payment_routes(http::Router& router, Service& service,
                          const std::optional<WebhookKeys>& stripe, CryptoProvider* crypto);

}  // namespace reskflow::payments
