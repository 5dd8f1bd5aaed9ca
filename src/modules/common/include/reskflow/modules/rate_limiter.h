// A keyed token-bucket rate limiter with an injected clock and a bound on the keys it tracks;
// a shared implementation of the same interface (over Redis) is the scale-out step.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace reskflow::modules {

struct RateLimit {
  std::int64_t burst = 10;              // bucket capacity, in requests
  std::int64_t refill_per_minute = 60;  // tokens added per minute
};

// What one take() decided, with what the RateLimit-* and Retry-After headers need.
struct RateDecision {
  bool allowed = true;
  std::int64_t limit = 0;                // the burst
  std::int64_t remaining = 0;            // whole tokens left after this request
  std::int64_t reset_seconds = 0;        // until the bucket is full again
  std::int64_t retry_after_seconds = 0;  // until one token is available (0 when allowed)
};

class TokenBucketLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  // keys_max bounds memory: when it is reached, full buckets are dropped (they hold no state
  // a new bucket would not), and if none is full the oldest-touched half is dropped.
  TokenBucketLimiter(RateLimit limit, std::size_t keys_max = 100'000, Clock clock = {});

  RateDecision take(std::string_view key, std::int64_t cost = 1);
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
