// What the drivers module shares with the other nodes of a cluster (REDIS_URL:
// docs/deployment.md): the couriers on shift, their presence and last positions, so that
// dispatch on any node sees every courier. Without it (drivers::make_module) they stay in the
// node's memory.
#pragma once

#include <memory>
#include <string_view>

#include "reskflow/drivers/drivers.h"
#include "reskflow/modules/broadcast.h"
#include "reskflow/modules/redis_scripts.h"

namespace reskflow::drivers {

// The broadcast channel on which a node announces a courier who became available (their first
// point, or the first after a silence): the message is the courier's id. Deliveries wakes its
// dispatcher on it.
inline constexpr std::string_view available_channel = "drivers.available";

struct ClusterDeps {
  modules::RedisScripts& redis;   // the couriers on shift, shared
  modules::Broadcast& broadcast;  // available_channel
};

// make_module for a node of a cluster.
Result<std::unique_ptr<DriversModule>> make_module(const modules::Platform& platform, Deps deps,
                                                   ClusterDeps cluster);

}  // namespace reskflow::drivers
