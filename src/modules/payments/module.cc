// The payments module's construction: settings, the provider, and the routes.
#include "module.h"

#include "reskflow/modules/settings.h"
#include "stripe_provider.h"
#include "test_provider.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_payments();

namespace reskflow::payments {

PaymentsModuleImpl::PaymentsModuleImpl(const modules::Platform& platform, ledger::Ledger& ledger,
                                       std::unique_ptr<Provider> provider,
                                       const PaymentsSettings& settings, modules::Clock clock)
    : settings_(settings),
      clock_(clock),
      metrics_(platform.metrics),
      provider_(std::move(provider)),
      service_(platform.database, ledger, *provider_, metrics_, std::move(clock)) {}

std::span<const store::EmbeddedFile> PaymentsModuleImpl::migrations() const {
  return reskflow_migrations_payments();
}

Status PaymentsModuleImpl::add_routes(http::Router& router) {
  std::optional<WebhookKeys> stripe;
  if (settings_.provider == "stripe")
    stripe = WebhookKeys{settings_.stripe_webhook_secret, settings_.webhook_tolerance_s, clock_};
  return add_payment_routes(router, service_, stripe);
}

Result<Intent> PaymentsModuleImpl::authorize(const AuthorizeRequest& request) {
  return service_.authorize(request);
}

Result<Intent> PaymentsModuleImpl::capture(std::string_view intent_id, const modules::Money& amount,
                                           const Settlement& settlement) {
  return service_.capture(intent_id, amount, settlement);
}

Result<Intent> PaymentsModuleImpl::refund(std::string_view intent_id, const modules::Money& amount,
                                          std::string_view reason) {
  return service_.refund(intent_id, amount, reason);
}

Result<Intent> PaymentsModuleImpl::cancel(std::string_view intent_id) {
  return service_.cancel(intent_id);
}

Result<Intent> PaymentsModuleImpl::increase(std::string_view intent_id,
                                            const modules::Money& amount) {
  return service_.increase(intent_id, amount);
}

Result<Intent> PaymentsModuleImpl::intent(std::string_view intent_id) {
  return service_.intent(intent_id);
}

Result<std::vector<Intent>> PaymentsModuleImpl::intents_of_order(std::string_view order_id) {
  return service_.intents_of_order(order_id);
}

Result<std::unique_ptr<Provider>> make_provider(const PaymentsSettings& settings,
                                                store::Database& database, modules::Clock clock) {
  if (settings.provider == "test")
    return std::make_unique<TestProvider>(database, std::move(clock));
  if (settings.provider == "stripe") return std::make_unique<StripeProvider>(settings);
  return fail(ErrorCode::validation_failed, "unknown payment provider " + settings.provider);
}

Result<std::unique_ptr<PaymentsModule>> make_module(const modules::Platform& platform, Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  auto provider = make_provider(*settings, platform.database, modules::system_clock());
  if (!provider) return std::unexpected(provider.error());
  return std::make_unique<PaymentsModuleImpl>(platform, deps.ledger, std::move(*provider),
                                              *settings, modules::system_clock());
}

}  // namespace reskflow::payments
