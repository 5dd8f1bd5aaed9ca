// Lua scripts on the Redis every node of a cluster shares (REDIS_URL), for a module that keeps
// shared state in Redis's own types (drivers: the couriers on shift in a GEO set). The
// composition root hands it to such a module; without REDIS_URL there is none.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"

namespace reskflow::modules {

// A script's answer, owned.
struct RedisValue {
  enum class Type { nil, integer, text, status, error, array };
  Type type = Type::nil;
  std::int64_t integer = 0;
  std::string text;  // text, status and error
  std::vector<RedisValue> elements;
};

class RedisScripts {
 public:
  virtual ~RedisScripts() = default;

  // RESKFLOW_REDIS_KEY_PREFIX: the keys a module names start with it and a colon, so that two
  // deployments may share one Redis.
  virtual const std::string& key_prefix() const = 0;
  // Runs `source` with `keys` and `args` in one round trip: by its SHA-1 (EVALSHA), sent whole
  // only when Redis does not hold it (after a restart). A script's error is an error reply, not
  // a failure; unavailable when Redis is unreachable (or was, less than the reconnect backoff
  // ago) or did not answer within RESKFLOW_REDIS_TIMEOUT_MS.
  virtual Result<RedisValue> run(std::string_view source, std::span<const std::string> keys,
                                 std::span<const std::string> args) = 0;
};

}  // namespace reskflow::modules
