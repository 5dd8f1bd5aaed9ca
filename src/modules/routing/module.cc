// The routing module's construction from its settings (settings.cc) and its routes.
#include "module.h"

#include <algorithm>
#include <thread>

#include "reskflow/modules/settings.h"

namespace reskflow::routing {

RoutingModule::RoutingModule(const modules::Platform& platform, const RoutingSettings& settings,
                             RouteSolver solver)
    : service_(settings.limits, settings.solves_concurrent_max, platform.metrics,
               std::move(solver)) {}

Status RoutingModule::add_routes(http::Router& router) {
  return add_routing_routes(router, service_);
}

Result<std::unique_ptr<modules::Module>> make_module(const modules::Platform& platform,
                                                     Deps /*deps*/) {
  auto settings = load_settings(modules::Settings::process_environment(),
                                std::max(1U, std::thread::hardware_concurrency()),
                                platform.config.worker_threads);
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<RoutingModule>(platform, *settings);
}

}  // namespace reskflow::routing
