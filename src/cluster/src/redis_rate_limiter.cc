// Shared token buckets: the Lua script, run by its SHA-1 (EVALSHA) and sent whole only when
// Redis lost its script cache (a restart); any failure falls back to a node-local bucket.
#include "redis_rate_limiter.h"

#include <charconv>
#include <optional>

namespace reskflow::cluster {
namespace {

// KEYS[1] the bucket; ARGV burst, refill per minute, cost. Refills from the time elapsed on
// Redis's clock (nodes' clocks may differ), takes when it can, and expires the bucket when it
// would be full again (a full bucket holds nothing a new one would not). Answers {allowed,
// tokens left}.
constexpr std::string_view take_script = R"lua(
local burst = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2]) / 60000
local cost = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at_ms')
local tokens = tonumber(bucket[1]) or burst
local at = tonumber(bucket[2]) or now
if now > at then tokens = math.min(burst, tokens + (now - at) * per_ms) end
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at_ms', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((burst - tokens) / per_ms)))
return {allowed, tostring(tokens)}
)lua";

class RedisRateLimiter final : public modules::RateLimiter {
 public:
  RedisRateLimiter(RedisClient& client, std::string key_prefix, modules::RateLimit limit,
                   std::function<void()> on_fallback)
      : client_(client),
        key_prefix_(std::move(key_prefix)),
        limit_(modules::normalised(limit)),
        local_(limit_),
        on_fallback_(std::move(on_fallback)) {}

  modules::RateDecision take(std::string_view key, std::int64_t cost) override {
    if (auto shared = shared_take(key, cost)) return *shared;
    if (on_fallback_) on_fallback_();
    return local_.take(key, cost);
  }

 private:
  std::optional<modules::RateDecision> shared_take(std::string_view key, std::int64_t cost) {
    static const std::string sha = redis_script_sha1(take_script);
    const auto bucket = key_prefix_ + std::string(key);
    const auto burst = std::to_string(limit_.burst);
    const auto refill = std::to_string(limit_.refill_per_minute);
    const auto taken = std::to_string(cost);
    std::string_view argv[] = {"EVALSHA", sha, "1", bucket, burst, refill, taken};
    auto reply = client_.command(argv);
    if (reply && reply->type == RedisReply::Type::error && reply->text.starts_with("NOSCRIPT")) {
      argv[0] = "EVAL";
      argv[1] = take_script;
      reply = client_.command(argv);
    }
    if (!reply || reply->type != RedisReply::Type::array || reply->elements.size() != 2)
      return std::nullopt;
    const auto& tokens_text = reply->elements[1].text;
    double tokens = 0;
    const auto [end, ec] =
        std::from_chars(tokens_text.data(), tokens_text.data() + tokens_text.size(), tokens);
    if (ec != std::errc{}) return std::nullopt;
    return modules::bucket_decision(limit_, reply->elements[0].integer == 1, tokens, cost);
  }

  RedisClient& client_;
  const std::string key_prefix_;
  const modules::RateLimit limit_;
  modules::TokenBucketLimiter local_;
  const std::function<void()> on_fallback_;
};

}  // namespace

RedisRateLimiters::RedisRateLimiters(RedisClient& client, std::string key_prefix,
                                     std::function<void()> on_fallback)
    : client_(client), key_prefix_(std::move(key_prefix)), on_fallback_(std::move(on_fallback)) {}

std::unique_ptr<modules::RateLimiter> RedisRateLimiters::make(std::string_view name,
                                                              modules::RateLimit limit) {
  return std::make_unique<RedisRateLimiter>(
      client_, key_prefix_ + ":rate:" + std::string(name) + ":", limit, on_fallback_);
}

}  // namespace reskflow::cluster
