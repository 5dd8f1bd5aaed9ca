// The deliveries module: deliveries created from accepted orders, the dispatch loop, offers,
// the courier's lifecycle, live tracking on "delivery.<id>" and offers on "driver.<id>".
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "metrics.h"
#include "reskflow/deliveries/cluster.h"
#include "reskflow/deliveries/deliveries.h"
#include "reskflow/modules/background_loop.h"
#include "reskflow/store/migrations.h"
#include "service.h"
#include "settings.h"
#include "tracking.h"

namespace reskflow::deliveries {

inline constexpr std::string_view driver_family = "driver";

// The Deliveries interface other modules see, over the service.
class PublicDeliveries final : public Deliveries {
 public:
  explicit PublicDeliveries(Service& service) : service_(service) {}
  Result<Delivery> delivery(std::string_view delivery_id) override;
  Result<Delivery> delivery_of_order(std::string_view order_id) override;

 private:
  Service& service_;
};

// Lets the drivers module, which outlives this one, call the position listener safely: the
// tracker is detached before it is destroyed and later points are dropped.
struct PositionGate {
  std::mutex mutex;
  Tracker* tracker = nullptr;  // guarded by mutex
};

// Lets the broadcast, which outlives this module in tests, wake the dispatch loop safely: the
// loop is detached before it is destroyed and later wake-ups are dropped.
struct WakeGate {
  std::mutex mutex;
  modules::BackgroundLoop* loop = nullptr;  // guarded by mutex
  void wake();
};

class DeliveriesModuleImpl final : public DeliveriesModule {
 public:
  // With `broadcast`, wake-ups reach the dispatcher on whichever node holds its lease.
  DeliveriesModuleImpl(const modules::Platform& platform, Deps deps,
                       const DeliveriesSettings& settings, modules::Clock clock,
                       modules::Broadcast* broadcast = nullptr);
  ~DeliveriesModuleImpl() override;
  DeliveriesModuleImpl(const DeliveriesModuleImpl&) = delete;
  DeliveriesModuleImpl& operator=(const DeliveriesModuleImpl&) = delete;

  std::string_view name() const override { return "deliveries"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  Status start() override;
  void stop() override;
  Deliveries& deliveries() override { return public_deliveries_; }
  Result<DispatchBacklog> dispatch_backlog() override;

  Service& service() { return service_; }
  Tracker& tracker() { return tracker_; }
  // One dispatch round now (the loop's body; tests call it directly).
  void run_dispatch();
  // A round soon on the node holding the dispatcher's lease: every node hears it over the
  // broadcast; without one, or when it cannot be sent, this node's loop is woken.
  void wake_dispatch();
  // "delivery.<id>": the courier, merchant staff, admins, and the customer while it is under
  // way; "driver.<id>": that courier only. Others get not_found.
  Status authorize_topic(const http::Request& upgrade, std::string_view topic);

 private:
  // The dispatch loop wakes on this node's wake-ups and on the broadcast's.
  void listen_for_wake_ups();

  modules::Platform platform_;
  DeliveriesSettings settings_;
  DeliveriesMetrics metrics_;
  modules::Authenticator& authenticator_;
  drivers::Drivers& drivers_;
  Service service_;
  Tracker tracker_;
  PublicDeliveries public_deliveries_{service_};
  std::shared_ptr<PositionGate> gate_ = std::make_shared<PositionGate>();
  modules::BackgroundLoop dispatch_loop_;
  modules::BackgroundLoop path_loop_;
  modules::Broadcast* broadcast_;
  std::shared_ptr<WakeGate> wake_gate_ = std::make_shared<WakeGate>();
  std::mutex last_round_mutex_;
  std::optional<DispatchRound> last_round_;  // guarded by last_round_mutex_
};

// Migrations of the deliveries tables (tests, and verbs that run without the full platform).
store::MigrationSet migrations();

// The HTTP binding (routes.cc); wake_dispatch starts a round now (after a decline).
Status add_routes(http::Router& router, Service& service,
                  const std::function<void()>& wake_dispatch);

}  // namespace reskflow::deliveries
