// What the deliveries module shares with the other nodes of a cluster (REDIS_URL:
// docs/deployment.md): wake-ups of the dispatcher, which runs on the node holding its lease,
// when an order becomes ready, a courier declines or a courier becomes available on any node.
// Without it (deliveries::make_module) a wake-up acts on the node where it happens.
#pragma once

#include <memory>
#include <string_view>

#include "reskflow/deliveries/deliveries.h"
#include "reskflow/modules/broadcast.h"

namespace reskflow::deliveries {

// The broadcast channel that wakes every node's dispatcher (only the lease holder's runs).
inline constexpr std::string_view dispatch_wake_channel = "deliveries.dispatch";

struct ClusterDeps {
  // dispatch_wake_channel, and drivers' available_channel (reskflow/drivers/cluster.h)
  modules::Broadcast& broadcast;
};

// make_module for a node of a cluster.
Result<std::unique_ptr<DeliveriesModule>> make_module(const modules::Platform& platform, Deps deps,
                                                      ClusterDeps cluster);

}  // namespace reskflow::deliveries
