// Token buckets: refilled continuously from the elapsed time, so bursts are bounded and the
// long-run rate is refill_per_minute.
#include "reskflow/modules/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace reskflow::modules {

RateLimit normalised(RateLimit limit) {
  return {std::max<std::int64_t>(limit.burst, 1),
          std::max<std::int64_t>(limit.refill_per_minute, 1)};
}

RateDecision bucket_decision(RateLimit limit, bool allowed, double tokens, std::int64_t cost) {
  const double per_second = static_cast<double>(limit.refill_per_minute) / 60.0;
  RateDecision d;
  d.allowed = allowed;
  d.limit = limit.burst;
  if (!allowed) {
    d.retry_after_seconds = std::max<std::int64_t>(
        1, static_cast<std::int64_t>(std::ceil((static_cast<double>(cost) - tokens) / per_second)));
  }
  d.remaining = static_cast<std::int64_t>(std::floor(tokens));
  d.reset_seconds = static_cast<std::int64_t>(
      std::ceil((static_cast<double>(limit.burst) - tokens) / per_second));
  return d;
}

std::unique_ptr<RateLimiter> LocalRateLimiters::make(std::string_view /*name*/, RateLimit limit) {
  return std::make_unique<TokenBucketLimiter>(limit);
}

TokenBucketLimiter::TokenBucketLimiter(RateLimit limit, std::size_t keys_max, Clock clock)
    : limit_(normalised(limit)),
      keys_max_(std::max<std::size_t>(keys_max, 1)),
      clock_(std::move(clock)) {
  if (!clock_) clock_ = [] { return std::chrono::steady_clock::now(); };
}

void TokenBucketLimiter::refill(Bucket& bucket, std::chrono::steady_clock::time_point now) const {
  const auto elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  if (elapsed <= 0) return;
  const double per_second = static_cast<double>(limit_.refill_per_minute) / 60.0;
  bucket.tokens = std::min(static_cast<double>(limit_.burst), bucket.tokens + elapsed * per_second);
  bucket.updated = now;
}

void TokenBucketLimiter::evict(std::chrono::steady_clock::time_point now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    refill(it->second, now);
    it = it->second.tokens >= static_cast<double>(limit_.burst) ? buckets_.erase(it) : ++it;
  }
  if (buckets_.size() < keys_max_) return;
  std::vector<std::chrono::steady_clock::time_point> times;
  times.reserve(buckets_.size());
  for (const auto& [key, bucket] : buckets_) times.push_back(bucket.updated);
  auto middle = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2);
  std::nth_element(times.begin(), middle, times.end());
  const auto cut = *middle;
  std::erase_if(buckets_, [cut](const auto& e) { return e.second.updated <= cut; });
}

RateDecision TokenBucketLimiter::take(std::string_view key, std::int64_t cost) {
  std::lock_guard lock(mutex_);
  const auto now = clock_();
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= keys_max_) evict(now);
    it = buckets_.emplace(std::string(key), Bucket{static_cast<double>(limit_.burst), now}).first;
  }
  auto& bucket = it->second;
  refill(bucket, now);
  const bool allowed = bucket.tokens >= static_cast<double>(cost);
  if (allowed) bucket.tokens -= static_cast<double>(cost);
  return bucket_decision(limit_, allowed, bucket.tokens, cost);
}

std::size_t TokenBucketLimiter::size() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

}  // namespace reskflow::modules
