// The payments module's construction: settings, the providers, the routes, and the stablecoin
// watcher's and sweeper's loops.
#include "module.h"

#include "reskflow/core/log.h"
#include "reskflow/modules/lease.h"
#include "reskflow/modules/settings.h"
#include "stripe_provider.h"
#include "test_provider.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_payments();

namespace reskflow::payments {

PaymentsModuleImpl::PaymentsModuleImpl(const modules::Platform& platform, ledger::Ledger& ledger,
                                       std::unique_ptr<Provider> provider,
                                       const PaymentsSettings& settings, modules::Clock clock,
                                       std::unique_ptr<CryptoProvider> crypto)
    : platform_(platform),
      settings_(settings),
      clock_(clock),
      metrics_(platform.metrics),
      provider_(std::move(provider)),
      crypto_(std::move(crypto)),
      service_(platform.database, ledger, *provider_, metrics_, std::move(clock), crypto_.get()),
      // Without the stablecoin provider the loop is never started (and holds no lease).
      watcher_(crypto_ ? modules::leased_loop(platform_, std::string(watcher_name),
                                              settings_.crypto.interval_ms, [this] { watch(); })
                       : modules::BackgroundLoop(std::string(watcher_name),
                                                 settings_.crypto.interval_ms, [] {})),
      // Likewise without sweeping.
      sweeper_(sweeping()
                   ? modules::leased_loop(platform_, std::string(sweeper_name),
                                          settings_.crypto.sweep_interval_s, [this] { sweep(); })
                   : modules::BackgroundLoop(std::string(sweeper_name),
                                             settings_.crypto.sweep_interval_s, [] {})) {
  if (crypto_) crypto_->on_payout_queued([this] { watcher_.wake(); });
}

PaymentsModuleImpl::~PaymentsModuleImpl() { stop(); }

Status PaymentsModuleImpl::start() {
  if (crypto_) watcher_.start();
  if (sweeping()) sweeper_.start();
  return {};
}

void PaymentsModuleImpl::stop() {
  const std::chrono::milliseconds bound(platform_.config.shutdown_timeout_ms);
  sweeper_.stop(bound);
  watcher_.stop(bound);
}

void PaymentsModuleImpl::watch() {
  if (auto pass = watch_once(); !pass) {
    metrics_.crypto_watch_failures.inc();
    log::warn("payments_crypto_watch_failed", {{"detail", pass.error().detail}});
  }
}

Result<crypto::WatchReport> PaymentsModuleImpl::watch_once() {
  if (!crypto_) return crypto::WatchReport{};
  RF_TRY(report, crypto_->run_once([this](const Charge& charge) -> Status {
    RF_TRY(applied, service_.apply_charge(charge));
    return {};
  }));
  metrics_.crypto_transfers.inc(static_cast<double>(report->transfers_counted));
  metrics_.crypto_paid.inc(static_cast<double>(report->deposits_paid));
  metrics_.crypto_expired.inc(static_cast<double>(report->deposits_expired));
  metrics_.crypto_payouts_sent.inc(static_cast<double>(report->payouts_sent));
  metrics_.crypto_payouts_confirmed.inc(static_cast<double>(report->payouts_confirmed));
  metrics_.crypto_payouts_failed.inc(static_cast<double>(report->payouts_failed));
  return report;
}

void PaymentsModuleImpl::sweep() {
  if (auto pass = sweep_once(); !pass) {
    metrics_.crypto_sweep_failures.inc();
    log::warn("payments_crypto_sweep_failed", {{"detail", pass.error().detail}});
  }
}

Result<crypto::SweepReport> PaymentsModuleImpl::sweep_once() {
  if (!crypto_) return crypto::SweepReport{};
  RF_TRY(report, crypto_->sweep_once());
  metrics_.crypto_sweep_fundings.inc(static_cast<double>(report->fundings_sent));
  metrics_.crypto_sweep_transfers.inc(static_cast<double>(report->sweeps_sent));
  metrics_.crypto_swept.inc(static_cast<double>(report->swept));
  metrics_.crypto_sweeps_skipped.inc(static_cast<double>(report->skipped));
  metrics_.crypto_sweeps_reverted.inc(static_cast<double>(report->failed));
  metrics_.crypto_swept_units.inc(static_cast<double>(report->swept_units));
  metrics_.crypto_sweeps_pending.set(static_cast<double>(report->pending));
  return report;
}

std::span<const store::EmbeddedFile> PaymentsModuleImpl::migrations() const {
  return reskflow_migrations_payments();
}

Status PaymentsModuleImpl::add_routes(http::Router& router) {
  std::optional<WebhookKeys> stripe;
  if (settings_.provider == "stripe")
    stripe = WebhookKeys{settings_.stripe_webhook_secret, settings_.webhook_tolerance_s, clock_};
  return add_payment_routes(router, service_, stripe, crypto_.get());
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
  return service_.refund(intent_id, amount, reason, RefundFunding::shared);
}

Result<Intent> PaymentsModuleImpl::refund_from_merchant(std::string_view intent_id,
                                                        const modules::Money& amount,
                                                        std::string_view reason) {
  return service_.refund(intent_id, amount, reason, RefundFunding::merchant_first);
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
  std::unique_ptr<CryptoProvider> crypto;
  if (settings->crypto.enabled()) {
    auto opened =
        CryptoProvider::open(settings->crypto, platform.database, modules::system_clock());
    if (!opened) return std::unexpected(opened.error());
    crypto = std::move(*opened);
  }
  return std::make_unique<PaymentsModuleImpl>(platform, deps.ledger, std::move(*provider),
                                              *settings, modules::system_clock(),
                                              std::move(crypto));
}

}  // namespace reskflow::payments
