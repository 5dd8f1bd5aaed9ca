// The discovery module: the search and geo index over catalog's merchants and menus and
// reviews' ratings (a read model fed by their events), served as GET /v1/merchants and
// GET /v1/search.
#pragma once

#include <string>

#include "metrics.h"
#include "reskflow/discovery/discovery.h"
#include "reskflow/store/migrations.h"
#include "service.h"

namespace reskflow::discovery {

class DiscoveryModuleImpl final : public DiscoveryModule {
 public:
  DiscoveryModuleImpl(const modules::Platform& platform, const DiscoverySettings& settings,
                      Deps deps);

  std::string_view name() const override { return "discovery"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  // Subscribes the three consumers (merchants, menus, ratings) and this node's index consumer.
  Status start() override;
  // Handlers run on the relay's thread, which the platform stops first.
  void stop() override {}

  Discovery& discovery() override { return service_; }
  Service& service() { return service_; }

 private:
  modules::Platform platform_;
  DiscoveryMetrics metrics_;
  Service service_;
};

// The module's migrations, for tests that build the schema without the module.
store::MigrationSet migrations();

Status add_discovery_routes(http::Router& router, Service& discovery);

}  // namespace reskflow::discovery
