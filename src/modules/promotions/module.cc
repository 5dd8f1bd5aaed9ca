// The promotions module's construction, migrations, routes and event subscriptions.
#include "module.h"

#include "reskflow/modules/settings.h"
#include "reskflow/orders/events.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_promotions();

namespace reskflow::promotions {

PromotionsModuleImpl::PromotionsModuleImpl(const modules::Platform& platform, Deps deps,
                                           const PromotionsSettings& settings, modules::Clock clock)
    : events_(platform.events),
      directory_(deps.directory),
      clock_(clock ? std::move(clock) : modules::system_clock()),
      metrics_(platform.metrics),
      service_(platform.database, deps.ledger, settings, metrics_, clock_) {}

std::span<const store::EmbeddedFile> PromotionsModuleImpl::migrations() const {
  return reskflow_migrations_promotions();
}

Status PromotionsModuleImpl::add_routes(http::Router& router) {
  return router.add_all(promotion_routes(service_, directory_, clock_));
}

Status PromotionsModuleImpl::start() {
  using Handle = Status (Service::*)(const bus::Envelope&);
  namespace ev = orders::events;
  const std::vector<std::tuple<std::string_view, std::string, Handle>> consumers{
      {consumer_delivered, std::string(ev::order_delivered), &Service::on_order_delivered},
      {consumer_refunded, std::string(ev::order_refunded), &Service::on_order_refunded},
  };
  for (const auto& [consumer, pattern, handle] : consumers) {
    auto subscribed =
        events_.subscribe(std::string(consumer), pattern,
                          [this, handle](const bus::Envelope& e) { return (service_.*handle)(e); });
    if (!subscribed) return subscribed;
  }
  // One consumer for the three ways an order is called off before delivery.
  return events_.subscribe(std::string(consumer_called_off), "orders.order.*",
                           [this](const bus::Envelope& e) -> Status {
                             if (e.type != ev::order_rejected && e.type != ev::order_cancelled &&
                                 e.type != ev::order_failed)
                               return {};
                             return service_.on_order_called_off(e);
                           });
}

Result<std::unique_ptr<PromotionsModule>> make_module(const modules::Platform& platform,
                                                      Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<PromotionsModuleImpl>(platform, deps, *settings);
}

}  // namespace reskflow::promotions
