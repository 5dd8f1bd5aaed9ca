// The recommendations module: counters kept from orders.order.delivered (and emptied for an
// erased customer), served as "order again", "popular near you" and "often ordered together".
#pragma once

#include <span>
#include <vector>

#include "metrics.h"
#include "reskflow/core/router.h"
#include "reskflow/recommendations/recommendations.h"
#include "service.h"

namespace reskflow::recommendations {

class RecommendationsModuleImpl final : public RecommendationsModule {
 public:
  RecommendationsModuleImpl(const modules::Platform& platform, Deps deps,
                            const RecommendationsSettings& settings, modules::Clock clock = {});

  std::string_view name() const override { return "recommendations"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  // Subscribes the two consumers; they run on the relay's thread.
  Status start() override;
  // Nothing runs on its own: requests and deliveries finish with the server and the relay.
  void stop() override {}

  Service& service() { return service_; }

 private:
  bus::Transport& events_;
  catalog::Catalog& catalog_;
  RecommendationsMetrics metrics_;
  Service service_;
};

// The HTTP binding (routes.cc).
std::vector<http::Route> recommendation_routes(Service& service, catalog::Catalog& catalog,
                                               RecommendationsMetrics& metrics);

}  // namespace reskflow::recommendations
