// Token buckets and the TTL cache under an injected clock: no sleeps.
#include <gtest/gtest.h>

#include "reskflow/modules/rate_limiter.h"
#include "reskflow/modules/ttl_cache.h"

namespace reskflow::modules {
namespace {

using namespace std::chrono_literals;

struct FakeClock {
  std::chrono::steady_clock::time_point now{};
  auto fn() {
    return [this] { return now; };
  }
};

TEST(TokenBucketLimiterTest, AllowsTheBurstThenRefusesWithRetryAfter) {
  FakeClock clock;
  TokenBucketLimiter limiter({3, 60}, 100, clock.fn());
  EXPECT_TRUE(limiter.take("ip").allowed);
  EXPECT_TRUE(limiter.take("ip").allowed);
  const auto third = limiter.take("ip");
  EXPECT_TRUE(third.allowed);
  EXPECT_EQ(third.remaining, 0);
  EXPECT_EQ(third.limit, 3);
  const auto refused = limiter.take("ip");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 1);
  EXPECT_TRUE(limiter.take("other").allowed);
}

TEST(TokenBucketLimiterTest, RefillsWithElapsedTimeUpToTheBurst) {
  FakeClock clock;
  TokenBucketLimiter limiter({2, 60}, 100, clock.fn());
  limiter.take("k");
  limiter.take("k");
  EXPECT_FALSE(limiter.take("k").allowed);
  clock.now += 1s;
  EXPECT_TRUE(limiter.take("k").allowed);
  EXPECT_FALSE(limiter.take("k").allowed);
  clock.now += 1h;
  EXPECT_TRUE(limiter.take("k").allowed);
  EXPECT_TRUE(limiter.take("k").allowed);
  EXPECT_FALSE(limiter.take("k").allowed);
}

TEST(TokenBucketLimiterTest, StaysWithinItsKeyBound) {
  FakeClock clock;
  TokenBucketLimiter limiter({5, 60}, 8, clock.fn());
  for (int i = 0; i < 100; ++i) {
    limiter.take("key" + std::to_string(i));
    clock.now += 1ms;
  }
  EXPECT_LE(limiter.size(), 8U);
}

TEST(TtlCacheTest, ExpiresEntriesAndHonoursErase) {
  FakeClock clock;
  TtlCache<int> cache(1000ms, 4, clock.fn());
  cache.put("a", 1);
  EXPECT_EQ(cache.get("a"), 1);
  cache.erase("a");
  EXPECT_FALSE(cache.get("a"));
  cache.put("b", 2);
  clock.now += 1001ms;
  EXPECT_FALSE(cache.get("b"));
}

}  // namespace
}  // namespace reskflow::modules
