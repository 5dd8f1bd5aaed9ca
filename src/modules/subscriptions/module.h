// The subscriptions module: membership plans, customers' subscriptions billed monthly through
// payments by a background renewal job, and members' benefits for orders' pricing.
#pragma once

#include "metrics.h"
#include "reskflow/bus/event.h"
#include "reskflow/modules/background_loop.h"
#include "reskflow/subscriptions/subscriptions.h"
#include "service.h"

namespace reskflow::subscriptions {

class SubscriptionsModuleImpl final : public SubscriptionsModule {
 public:
  SubscriptionsModuleImpl(const modules::Platform& platform, Deps deps,
                          const SubscriptionsSettings& settings, modules::Clock clock);
  ~SubscriptionsModuleImpl() override;

  std::string_view name() const override { return "subscriptions"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  // Subscribes the erasure consumer and starts the renewal job.
  Status start() override;
  // Stops the renewal job within shutdown_timeout_ms.
  void stop() override;
  Subscriptions& subscriptions() override { return service_; }

  Service& service() { return service_; }
  // The consumer of identity.user.erased (start() subscribes it; tests subscribe it alone).
  Status subscribe_consumers();
  Status on_user_erased(const bus::Envelope& event);
  // One run of the renewal job: due subscriptions batch after batch while batches come back
  // full and without failures; how many it settled.
  Result<std::int64_t> renew_due();

 private:
  const modules::Platform platform_;
  const SubscriptionsSettings settings_;
  SubscriptionsMetrics metrics_;
  Service service_;
  modules::BackgroundLoop renewal_loop_;
};

// The HTTP binding (routes.cc).
std::vector<http::Route> subscription_routes(Service& service);

}  // namespace reskflow::subscriptions
