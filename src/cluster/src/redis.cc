// The Redis engines of a node: one connection pool for commands, the shared rate limiters and
// the broadcast over it, their failures logged on each change of state and counted.
#include "reskflow/cluster/redis.h"

#include "redis_broadcast.h"
#include "redis_client.h"
#include "redis_rate_limiter.h"
#include "redis_scripts.h"
#include "reskflow/core/log.h"

namespace reskflow::cluster {
namespace {

class RedisEngines final : public Redis {
 public:
  RedisEngines(const RedisOptions& options, const RedisEndpoint& endpoint,
               metrics::Registry& metrics)
      : errors_(
            metrics.counter("redis_errors_total",
                            "Redis commands and subscriptions that failed (Redis unreachable)")),
        fallbacks_(metrics.counter("redis_rate_limit_fallbacks_total",
                                   "Rate-limit decisions taken by a node-local bucket because "
                                   "Redis did not answer")),
        client_(client_options(options, endpoint)),
        limiters_(client_, options.key_prefix, [this] { fallbacks_.inc(); }),
        broadcast_(client_, broadcast_options(options, endpoint)),
        scripts_(client_, options.key_prefix) {}

  modules::RateLimiters& rate_limiters() override { return limiters_; }
  modules::Broadcast& broadcast() override { return broadcast_; }
  modules::RedisScripts& scripts() override { return scripts_; }
  Status ping() override { return client_.ping(); }
  void stop() override { broadcast_.stop(); }
  // The first subscription, when Redis answers at start: requests served at once may trust the
  // session cache.
  bool wait_until_listening(std::chrono::milliseconds timeout) {
    return broadcast_.wait_until_listening(timeout);
  }

 private:
  RedisClientOptions client_options(const RedisOptions& options, const RedisEndpoint& endpoint) {
    RedisClientOptions out;
    out.endpoint = endpoint;
    out.timeout_ms = options.timeout_ms;
    out.connections_max = options.connections_max;
    out.on_error = [this](const Error&) { errors_.inc(); };
    out.on_state = [](bool up) {
      if (up) {
        log::info("redis_connected", {});
      } else {
        log::warn("redis_unreachable", {{"detail", "shared rate limits fall back to this node's"}});
      }
    };
    return out;
  }

  RedisBroadcastOptions broadcast_options(const RedisOptions& options,
                                          const RedisEndpoint& endpoint) {
    RedisBroadcastOptions out;
    out.endpoint = endpoint;
    out.key_prefix = options.key_prefix;
    out.timeout_ms = options.timeout_ms;
    out.on_error = [this](const Error& e) {
      errors_.inc();
      log::warn("redis_subscription_failed", {{"detail", e.detail}});
    };
    out.on_state = [this](bool listening, bool restored) {
      if (!listening) {
        log::warn("redis_subscription_lost", {{"detail", "revocation checks read the database"}});
        return;
      }
      if (!restored) {
        log::info("redis_subscribed", {});
        return;
      }
      client_.renew();
      log::info("redis_subscription_restored", {});
    };
    return out;
  }

  metrics::Counter& errors_;
  metrics::Counter& fallbacks_;
  RedisClient client_;
  RedisRateLimiters limiters_;
  RedisBroadcast broadcast_;
  RedisScriptRunner scripts_;
};

}  // namespace

Result<std::unique_ptr<Redis>> Redis::open(const RedisOptions& options,
                                           metrics::Registry& metrics) {
  RF_TRY(endpoint, parse_redis_url(options.url));
  auto redis = std::make_unique<RedisEngines>(options, *endpoint, metrics);
  if (auto up = redis->ping(); !up) {
    log::warn("redis_unreachable_at_start", {{"detail", up.error().detail}});
  } else {
    redis->wait_until_listening(options.timeout_ms * 4);
  }
  return std::unique_ptr<Redis>(std::move(redis));
}

}  // namespace reskflow::cluster
