// Commands to Redis (hiredis) from any thread: a bounded pool of connections with a deadline on
// every command, and a reconnect backoff during which commands fail at once, so a node whose Redis
// is down degrades without waiting on it.
#pragma once

#include <hiredis/hiredis.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/modules/redis_scripts.h"

namespace reskflow::cluster {

// Where a Redis listens: redis://[:password@]host[:port][/database].
struct RedisEndpoint {
  std::string host;
  int port = 6379;
  std::string password;
  std::int64_t database = 0;
};

// validation_failed naming what is wrong with the URL.
Result<RedisEndpoint> parse_redis_url(std::string_view url);

// A reply, owned (hiredis frees its own at once): the type modules see from their scripts.
using RedisReply = modules::RedisValue;

RedisReply copy_reply(const redisReply& reply);

// The 40 lowercase hex digits of a Lua script's SHA-1: its name for EVALSHA.
std::string redis_script_sha1(std::string_view source);

struct RedisContextDeleter {
  void operator()(redisContext* context) const noexcept { redisFree(context); }
};
using RedisContextPtr = std::unique_ptr<redisContext, RedisContextDeleter>;

// A connected, authenticated context with `timeout` on its reads and writes; unavailable when
// Redis did not answer within it.
Result<RedisContextPtr> connect_redis(const RedisEndpoint& endpoint,
                                      std::chrono::milliseconds timeout);

// How long to wait before the next connection attempt: doubles from backoff_min to backoff_max
// after each failure, back to backoff_min after a success.
class RedisBackoff {
 public:
  static constexpr std::chrono::milliseconds backoff_min{100};
  static constexpr std::chrono::milliseconds backoff_max{5000};

  std::chrono::milliseconds failed();
  void succeeded() { next_ = backoff_min; }

 private:
  std::chrono::milliseconds next_ = backoff_min;
};

struct RedisClientOptions {
  RedisEndpoint endpoint;
  std::chrono::milliseconds timeout_ms{250};  // connect, and each command's round trip
  std::size_t connections_max = 8;
  // A command that failed for want of Redis (not a Redis error reply): counted by the caller.
  std::function<void(const Error&)> on_error;
  // The connection state changed (lost: false, back: true): logged by the caller.
  std::function<void(bool up)> on_state;
};

class RedisClient {
 public:
  explicit RedisClient(RedisClientOptions options);
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // One command; unavailable when Redis is unreachable (or was, less than the backoff ago), or
  // all connections stayed busy for the timeout. An error reply is a reply, not a failure.
  Result<RedisReply> command(std::span<const std::string_view> argv);
  // unavailable unless Redis answers PING now.
  Status ping();
  // Redis is back after a loss (the subscription was restored): the idle connections, opened
  // before, are dropped, and the next command connects without waiting for the backoff.
  void renew();

 private:
  Result<RedisContextPtr> acquire();
  void release(RedisContextPtr context);
  // A command failed on a borrowed connection (closed by the caller): every idle one is closed
  // too, and no new one is tried before the backoff.
  void lost();

  const RedisClientOptions options_;
  std::mutex mutex_;
  std::condition_variable idle_ready_;
  std::vector<RedisContextPtr> idle_;                 // guarded by mutex_
  std::size_t open_ = 0;                              // guarded by mutex_: idle and lent out
  RedisBackoff backoff_;                              // guarded by mutex_
  std::chrono::steady_clock::time_point retry_at_{};  // guarded by mutex_
  bool up_ = true;                                    // guarded by mutex_: the last state told
};

}  // namespace reskflow::cluster
