// What the identity module shares with the other nodes of a cluster: the rate-limit buckets and
// the broadcast of session revocations (Redis with REDIS_URL: docs/deployment.md). Without them
// (identity::make_module) both stay per node.
#pragma once

#include <memory>

#include "reskflow/identity/identity.h"
#include "reskflow/modules/broadcast.h"
#include "reskflow/modules/rate_limiter.h"

namespace reskflow::identity {

struct ClusterDeps {
  modules::RateLimiters& rate_limiters;  // buckets every node shares
  modules::Broadcast& broadcast;         // session revocations every node hears at once
};

// make_module for a node of a cluster.
Result<std::unique_ptr<IdentityModule>> make_module(const modules::Platform& platform, Deps deps,
                                                    ClusterDeps cluster);

}  // namespace reskflow::identity
