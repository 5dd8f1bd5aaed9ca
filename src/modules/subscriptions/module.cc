// The subscriptions module's construction, migrations, routes and renewal job.
#include "module.h"

#include "reskflow/bus/outbox.h"
#include "reskflow/core/log.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/lease.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/settings.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_subscriptions();

namespace reskflow::subscriptions {
namespace {

constexpr std::string_view consumer_erasure = "subscriptions.user_erased";

}  // namespace

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
  if (auto ok = subscribe_consumers(); !ok) return ok;
  renewal_loop_.start();
  return {};
}

Status SubscriptionsModuleImpl::subscribe_consumers() {
  return platform_.events.subscribe(std::string(consumer_erasure),
                                    std::string(identity::events::user_erased),
                                    [this](const bus::Envelope& e) { return on_user_erased(e); });
}

Status SubscriptionsModuleImpl::on_user_erased(const bus::Envelope& event) {
  const auto erased = modules::payload::from_payload<identity::events::UserErased>(
      identity::events::user_erased, event.payload_json);
  if (!erased || erased->user_id.empty()) {
    metrics_.events_rejected.inc();
    log::warn("subscriptions_event_rejected", {{"event_id", event.event_id}, {"type", event.type}});
    return {};
  }
  bool ended = false;
  auto done = bus::handle_once(platform_.database, consumer_erasure, event,
                               [&](store::Transaction& tx) -> Status {
                                 RF_TRY(erased_now, service_.erase_customer(tx, erased->user_id));
                                 ended = *erased_now;
                                 return {};
                               });
  if (done && ended) metrics_.ended.inc();
  return done;
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
