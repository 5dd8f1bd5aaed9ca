// The reviews module's construction, migrations and event subscriptions.
#include "module.h"

#include "reskflow/deliveries/events.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/settings.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_reviews();

namespace reskflow::reviews {

ReviewsModuleImpl::ReviewsModuleImpl(const modules::Platform& platform, catalog::Catalog& catalog,
                                     const ReviewsSettings& settings, modules::Clock clock)
    : events_(platform.events),
      metrics_(platform.metrics),
      service_(platform.database, catalog, settings, metrics_, std::move(clock)) {}

std::span<const store::EmbeddedFile> ReviewsModuleImpl::migrations() const {
  return reskflow_migrations_reviews();
}

Status ReviewsModuleImpl::add_routes(http::Router& router) {
  return add_review_routes(router, service_);
}

Status ReviewsModuleImpl::start() {
  auto delivered =
      events_.subscribe(std::string(consumer_deliveries), std::string(event_order_delivered),
                        [this](const bus::Envelope& e) { return service_.on_order_delivered(e); });
  if (!delivered) return delivered;
  auto couriers = events_.subscribe(
      std::string(consumer_couriers), std::string(deliveries::events::delivery_delivered),
      [this](const bus::Envelope& e) { return service_.on_delivery_delivered(e); });
  if (!couriers) return couriers;
  return events_.subscribe(std::string(consumer_erasures),
                           std::string(identity::events::user_erased),
                           [this](const bus::Envelope& e) { return service_.on_user_erased(e); });
}

Result<std::unique_ptr<ReviewsModule>> make_module(const modules::Platform& platform, Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<ReviewsModuleImpl>(platform, deps.catalog, *settings);
}

}  // namespace reskflow::reviews
