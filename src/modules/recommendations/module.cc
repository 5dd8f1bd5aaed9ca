// The recommendations module's construction, migrations, routes and event subscriptions.
#include "module.h"

#include "reskflow/bus/transport.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/settings.h"
#include "reskflow/orders/events.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_recommendations();

namespace reskflow::recommendations {
namespace {

LocateMerchant locator(catalog::Catalog& catalog) {
  return [&catalog](std::string_view merchant_id) -> Result<std::optional<modules::geo::Point>> {
    auto merchant = catalog.merchant(merchant_id);
    if (merchant) return merchant->location;
    if (merchant.error().code == ErrorCode::not_found) return std::nullopt;
    return std::unexpected(merchant.error());
  };
}

}  // namespace

RecommendationsModuleImpl::RecommendationsModuleImpl(const modules::Platform& platform, Deps deps,
                                                     const RecommendationsSettings& settings,
                                                     modules::Clock clock)
    : events_(platform.events),
      catalog_(deps.catalog),
      metrics_(platform.metrics),
      service_(platform.database, locator(deps.catalog), settings, metrics_, std::move(clock)) {}

std::span<const store::EmbeddedFile> RecommendationsModuleImpl::migrations() const {
  return reskflow_migrations_recommendations();
}

Status RecommendationsModuleImpl::add_routes(http::Router& router) {
  return router.add_all(recommendation_routes(service_, catalog_, metrics_));
}

Status RecommendationsModuleImpl::start() {
  auto orders =
      events_.subscribe(std::string(consumer_orders), std::string(orders::events::order_delivered),
                        [this](const bus::Envelope& e) { return service_.on_order_delivered(e); });
  if (!orders) return orders;
  return events_.subscribe(std::string(consumer_erasure),
                           std::string(identity::events::user_erased),
                           [this](const bus::Envelope& e) { return service_.on_user_erased(e); });
}

Result<std::unique_ptr<RecommendationsModule>> make_module(const modules::Platform& platform,
                                                           Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<RecommendationsModuleImpl>(platform, deps, *settings);
}

}  // namespace reskflow::recommendations
