// The discovery module's settings, lifecycle and event subscriptions.
#include "module.h"

#include "reskflow/catalog/events.h"
#include "reskflow/discovery/events.h"
#include "reskflow/modules/settings.h"
#include "reskflow/reviews/events.h"
#include "reskflow/store/migrations.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_discovery();

namespace reskflow::discovery {
store::MigrationSet migrations() { return {"discovery", reskflow_migrations_discovery()}; }

DiscoveryModuleImpl::DiscoveryModuleImpl(const modules::Platform& platform,
                                         const DiscoverySettings& settings, Deps deps)
    : platform_(platform),
      metrics_(platform.metrics),
      service_(platform.database, settings, metrics_, deps.drivers) {}

std::span<const store::EmbeddedFile> DiscoveryModuleImpl::migrations() const {
  return reskflow_migrations_discovery();
}

Status DiscoveryModuleImpl::add_routes(http::Router& router) {
  return add_discovery_routes(router, service_);
}

Status DiscoveryModuleImpl::start() {
  auto& events = platform_.events;
  if (auto ok = events.subscribe(
          std::string(consumer_merchants), std::string(catalog::events::merchant_updated),
          [this](const bus::Envelope& e) { return service_.on_merchant_updated(e); });
      !ok)
    return ok;
  if (auto ok =
          events.subscribe(std::string(consumer_menus), std::string(catalog::events::menu_updated),
                           [this](const bus::Envelope& e) { return service_.on_menu_updated(e); });
      !ok)
    return ok;
  if (auto ok = events.subscribe(
          std::string(consumer_ratings), std::string(reviews::events::rating_updated),
          [this](const bus::Envelope& e) { return service_.on_rating_updated(e); });
      !ok)
    return ok;
  // Another node's change (this node's own ones dropped the index as they committed): every
  // node keeps its own index, so each node runs this consumer for itself.
  return events.subscribe(modules::per_node_consumer(platform_.config, consumer_index_prefix),
                          std::string(events::merchant_indexed),
                          [this](const bus::Envelope& /*event*/) -> Status {
                            service_.invalidate();
                            return {};
                          });
}

Result<std::unique_ptr<DiscoveryModule>> make_module(const modules::Platform& platform, Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<DiscoveryModuleImpl>(platform, *settings, deps);
}

}  // namespace reskflow::discovery
