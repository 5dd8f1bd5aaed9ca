// The quality module's construction, migrations, routes and event subscriptions.
#include "module.h"

#include "reskflow/deliveries/events.h"
#include "reskflow/modules/settings.h"
#include "reskflow/orders/events.h"
#include "reskflow/reviews/events.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_quality();

namespace reskflow::quality {

QualityModuleImpl::QualityModuleImpl(const modules::Platform& platform, Deps deps,
                                     const QualitySettings& settings, modules::Clock clock)
    : events_(platform.events),
      directory_(deps.directory),
      metrics_(platform.metrics),
      service_(platform.database, deps.payments, settings, metrics_, std::move(clock)) {}

std::span<const store::EmbeddedFile> QualityModuleImpl::migrations() const {
  return reskflow_migrations_quality();
}

Status QualityModuleImpl::add_routes(http::Router& router) {
  auto routes = report_routes(service_);
  for (auto& r : score_routes(service_, directory_)) routes.push_back(std::move(r));
  return router.add_all(std::move(routes));
}

Status QualityModuleImpl::start() {
  using Handle = Status (Service::*)(const bus::Envelope&);
  const std::vector<std::tuple<std::string_view, std::string, Handle>> consumers{
      {consumer_orders, std::string(orders::events::order_delivered), &Service::on_order_delivered},
      {consumer_deliveries, std::string(deliveries::events::delivery_delivered),
       &Service::on_delivery_delivered},
      {consumer_offers, "deliveries.offer.*", &Service::on_offer_resolved},
      {consumer_ratings, std::string(reviews::events::rating_updated), &Service::on_rating_updated},
      {consumer_courier_ratings, std::string(reviews::events::courier_rated),
       &Service::on_courier_rated},
  };
  for (const auto& [consumer, pattern, handle] : consumers) {
    auto subscribed =
        events_.subscribe(std::string(consumer), pattern,
                          [this, handle](const bus::Envelope& e) { return (service_.*handle)(e); });
    if (!subscribed) return subscribed;
  }
  return {};
}

Result<std::unique_ptr<QualityModule>> make_module(const modules::Platform& platform, Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<QualityModuleImpl>(platform, deps, *settings);
}

}  // namespace reskflow::quality
