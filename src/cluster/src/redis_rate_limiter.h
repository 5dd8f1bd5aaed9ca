// Token buckets every node shares, in Redis: one Lua script refills and takes in one round trip
// (EVALSHA), on Redis's clock, and gives each bucket a TTL of the time it takes to fill up again.
// While Redis is unreachable each limiter decides with a bucket of this node instead.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "redis_client.h"
#include "reskflow/modules/rate_limiter.h"

namespace reskflow::cluster {

class RedisRateLimiters final : public modules::RateLimiters {
 public:
  // Keys are <key_prefix>:rate:<limiter name>:<key>; on_fallback is called for each decision
  // taken by a node-local bucket.
  RedisRateLimiters(RedisClient& client, std::string key_prefix, std::function<void()> on_fallback);

  std::unique_ptr<modules::RateLimiter> make(std::string_view name,
                                             modules::RateLimit limit) override;

 private:
  RedisClient& client_;
  const std::string key_prefix_;
  const std::function<void()> on_fallback_;
};

}  // namespace reskflow::cluster
