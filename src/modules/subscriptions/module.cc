// The subscriptions module's construction, migrations, routes and renewal job.
#include "module.h"

#include "reskflow/core/log.h"
#include "reskflow/modules/lease.h"
#include "reskflow/modules/settings.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_subscriptions();

namespace reskflow::subscriptions {

store::MigrationSet migrations() { return {"subscriptions", reskflow_migrations_subscriptions()}; }

SubscriptionsModuleImpl::SubscriptionsModuleImpl(const modules::Platform& platform, Deps deps,
                                                 const SubscriptionsSettings& settings,
                                                 modules::Clock clock)
    : platform_(platform),
      settings_(settings),
      metrics_(platform.metrics),
      service_(platform.database, deps.payments, settings_, metrics_, std::move(clock)),
      // One node at a time runs renewals (a lease), though a second would bill nothing twice.
      renewal_loop_(modules::leased_loop(
          platform, "subscriptions_renewals", settings.renewal_interval_ms, [this] {
            if (auto n = renew_due(); n && *n > 0)
              log::info("subscriptions_renewals_settled", {{"subscriptions", *n}});
          })) {}

SubscriptionsModuleImpl::~SubscriptionsModuleImpl() { stop(); }

std::span<const store::EmbeddedFile> SubscriptionsModuleImpl::migrations() const {
  return reskflow_migrations_subscriptions();
}

Status SubscriptionsModuleImpl::add_routes(http::Router& router) {
  return router.add_all(subscription_routes(service_));
}

Status SubscriptionsModuleImpl::start() {
  renewal_loop_.start();
  return {};
}

void SubscriptionsModuleImpl::stop() {
  renewal_loop_.stop(std::chrono::milliseconds(platform_.config.shutdown_timeout_ms));
}

Result<std::int64_t> SubscriptionsModuleImpl::renew_due() {
  std::int64_t total = 0;
  while (true) {
    auto n = service_.renew_due(settings_.renewal_batch_max);
    if (!n) {
      metrics_.renewal_errors.inc();
      log::warn("subscriptions_renewal_run_failed", {{"detail", n.error().detail}});
      return std::unexpected(n.error());
    }
    total += *n;
    if (*n < settings_.renewal_batch_max || renewal_loop_.stopping()) return total;
  }
}

Result<std::unique_ptr<SubscriptionsModule>> make_module(const modules::Platform& platform,
                                                         Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<SubscriptionsModuleImpl>(platform, deps, *settings,
                                                   modules::system_clock());
}

}  // namespace reskflow::subscriptions
