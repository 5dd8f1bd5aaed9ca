// Keyed token-bucket rate limiters: the interface, the node-local one (an injected clock and a
// bound on the keys it tracks), and the factory a cluster replaces with buckets every node shares.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace reskflow::modules {

struct RateLimit {
  std::int64_t burst = 10;              // bucket capacity, in requests
  std::int64_t refill_per_minute = 60;  // tokens added per minute
};

// Both at least 1, as every limiter applies them.
RateLimit normalised(RateLimit limit);

// What one take() decided, with what the RateLimit-* and Retry-After headers need.
struct RateDecision {
  bool allowed = true;
  std::int64_t limit = 0;                // the burst
  std::int64_t remaining = 0;            // whole tokens left after this request
  std::int64_t reset_seconds = 0;        // until the bucket is full again
  std::int64_t retry_after_seconds = 0;  // until one token is available (0 when allowed)
};

// The decision for a bucket of `limit` that holds `tokens` after a take of `cost` (taken when
// allowed): what every limiter answers, whichever store holds its buckets.
RateDecision bucket_decision(RateLimit limit, bool allowed, double tokens, std::int64_t cost);

class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  // Takes `cost` tokens from the bucket of `key` when it holds them. Never fails: a shared
  // limiter whose store is unreachable decides with a bucket of this node.
  virtual RateDecision take(std::string_view key, std::int64_t cost = 1) = 0;
};

// Makes a module's limiters; `name` keeps one limiter's buckets apart from another's.
class RateLimiters {
 public:
  virtual ~RateLimiters() = default;
  virtual std::unique_ptr<RateLimiter> make(std::string_view name, RateLimit limit) = 0;
};

// The buckets of this node (the embedded default).
class LocalRateLimiters final : public RateLimiters {
 public:
  std::unique_ptr<RateLimiter> make(std::string_view name, RateLimit limit) override;
};

class TokenBucketLimiter final : public RateLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  // keys_max bounds memory: when it is reached, full buckets are dropped (they hold no state
  // a new bucket would not), and if none is full the oldest-touched half is dropped.
  TokenBucketLimiter(RateLimit limit, std::size_t keys_max = 100'000, Clock clock = {});

  RateDecision take(std::string_view key, std::int64_t cost = 1) override;
  std::size_t size() const;

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point updated;
  };
  void refill(Bucket& bucket, std::chrono::steady_clock::time_point now) const;
  void evict(std::chrono::steady_clock::time_point now);

  RateLimit limit_;
  std::size_t keys_max_;
  Clock clock_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;  // guarded by mutex_
};

}  // namespace reskflow::modules
