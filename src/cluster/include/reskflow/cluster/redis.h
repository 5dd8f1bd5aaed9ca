// What several nodes share through Redis (REDIS_URL): rate-limit buckets, the broadcast that
// carries session revocations and wake-ups, and the scripts over modules' shared state (the
// couriers on shift); docs/deployment.md says what happens while Redis is down.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "reskflow/core/errors.h"
#include "reskflow/core/metrics.h"
#include "reskflow/modules/broadcast.h"
#include "reskflow/modules/rate_limiter.h"
#include "reskflow/modules/redis_scripts.h"

namespace reskflow::cluster {

struct RedisOptions {
  std::string url;                            // redis://[:password@]host[:port][/database]
  std::string key_prefix = "reskflow";        // every key and channel starts with it
  std::chrono::milliseconds timeout_ms{250};  // connect, and each command's round trip
  std::size_t connections_max = 8;            // commands in flight at once from this node
};

class Redis {
 public:
  // Fails only on a malformed URL: a node whose Redis is down starts and degrades (the shared
  // buckets fall back to this node's, revocation checks to the database) until Redis answers.
  // Counts redis_errors_total and redis_rate_limit_fallbacks_total in `metrics`.
  static Result<std::unique_ptr<Redis>> open(const RedisOptions& options,
                                             metrics::Registry& metrics);
  virtual ~Redis() = default;

  virtual modules::RateLimiters& rate_limiters() = 0;
  virtual modules::Broadcast& broadcast() = 0;
  virtual modules::RedisScripts& scripts() = 0;
  // unavailable unless Redis answers now (readiness).
  virtual Status ping() = 0;
  // Ends the broadcast's subscription: no listener is called afterwards (before the modules
  // that listen stop).
  virtual void stop() = 0;
};

}  // namespace reskflow::cluster
