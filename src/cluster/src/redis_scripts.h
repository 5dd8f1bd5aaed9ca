// modules::RedisScripts over the node's Redis connection pool: EVALSHA, and EVAL with the whole
// source only when Redis answers NOSCRIPT (its script cache was lost with a restart).
#pragma once

#include <string>

#include "redis_client.h"
#include "reskflow/modules/redis_scripts.h"

namespace reskflow::cluster {

class RedisScriptRunner final : public modules::RedisScripts {
 public:
  RedisScriptRunner(RedisClient& client, std::string key_prefix)
      : client_(client), key_prefix_(std::move(key_prefix)) {}

  const std::string& key_prefix() const override { return key_prefix_; }
  Result<modules::RedisValue> run(std::string_view source, std::span<const std::string> keys,
                                  std::span<const std::string> args) override;

 private:
  RedisClient& client_;
  const std::string key_prefix_;
};

}  // namespace reskflow::cluster
