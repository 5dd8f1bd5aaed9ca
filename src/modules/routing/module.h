// The routing module: the optimization engine's route and assignment solvers over HTTP
// (POST /v1/optimize/routes, POST /v1/optimize/assignments) for admins and partners.
#pragma once

#include <string>

#include "reskflow/routing/routing.h"
#include "service.h"
#include "settings.h"

namespace reskflow::routing {

class RoutingModule final : public modules::Module {
 public:
  RoutingModule(const modules::Platform& platform, const RoutingSettings& settings,
                RouteSolver solver = {});

  std::string_view name() const override { return "routing"; }
  std::span<const store::EmbeddedFile> migrations() const override { return {}; }
  Status add_routes(http::Router& router) override;
  Status start() override { return {}; }
  // Solves finish within their time limit; the server's drain awaits them.
  void stop() override {}

  RoutingService& service() { return service_; }

 private:
  RoutingService service_;
};

Status add_routing_routes(http::Router& router, RoutingService& service);

}  // namespace reskflow::routing
