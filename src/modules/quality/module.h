// The quality module: customers' problem reports on delivered orders and their resolution with
// refunds, and merchants' and drivers' quality scores kept from orders, deliveries and reviews
// events; it publishes quality.report.opened and quality.report.resolved.
#pragma once

#include "metrics.h"
#include "reskflow/quality/quality.h"
#include "service.h"

namespace reskflow::quality {

class QualityModuleImpl final : public QualityModule {
 public:
  QualityModuleImpl(const modules::Platform& platform, Deps deps, const QualitySettings& settings,
                    modules::Clock clock = {});

  std::string_view name() const override { return "quality"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  // Subscribes the four consumers; they run on the relay's thread.
  Status start() override;
  // Nothing runs on its own: requests and deliveries finish with the server and the relay.
  void stop() override {}
  Quality& quality() override { return service_; }

  Service& service() { return service_; }

 private:
  bus::Transport& events_;
  identity::Directory& directory_;
  QualityMetrics metrics_;
  Service service_;
};

// The HTTP binding (routes_reports.cc, routes_scores.cc).
std::vector<http::Route> report_routes(Service& service);
std::vector<http::Route> score_routes(Service& service, identity::Directory& directory);

}  // namespace reskflow::quality
