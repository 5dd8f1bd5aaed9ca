// The promotions module: merchants' and the platform's codes and automatic campaigns, what a
// basket gets at checkout, and the redemptions settled or given back from orders events.
#pragma once

#include "metrics.h"
#include "reskflow/promotions/promotions.h"
#include "service.h"

namespace reskflow::promotions {

class PromotionsModuleImpl final : public PromotionsModule {
 public:
  PromotionsModuleImpl(const modules::Platform& platform, Deps deps,
                       const PromotionsSettings& settings, modules::Clock clock = {});

  std::string_view name() const override { return "promotions"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  // Subscribes the three orders consumers; they run on the relay's thread.
  Status start() override;
  // Nothing runs on its own: requests and deliveries finish with the server and the relay.
  void stop() override {}
  Promotions& promotions() override { return service_; }

  Service& service() { return service_; }

 private:
  bus::Transport& events_;
  identity::Directory& directory_;
  modules::Clock clock_;
  PromotionsMetrics metrics_;
  Service service_;
};

// The HTTP binding (routes.cc).
std::vector<http::Route> promotion_routes(Service& service, identity::Directory& directory,
                                          modules::Clock& clock);

}  // namespace reskflow::promotions
