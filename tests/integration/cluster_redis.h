// Test support for the Redis cluster tests: the server of RESKFLOW_TEST_REDIS_URL, a private
// redis-server a test may kill and restart on the same port, and key prefixes no other run uses.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "process.h"

namespace reskflow::testing {

// RESKFLOW_TEST_REDIS_URL (scripts/test.sh starts redis-server), or nullopt.
std::optional<std::string> test_redis_url();

// A prefix for keys and channels that no other test run uses at the same time.
std::string unique_redis_prefix(std::string_view name);

// A redis-server of this test's own, without persistence, on a fixed loopback port once started.
class RedisServer {
 public:
  explicit RedisServer(std::filesystem::path dir);
  // Starts (again, on the same port) and waits until it accepts connections; false when not.
  bool start();
  // Kills it (SIGKILL: Redis gone without a goodbye) and waits for the exit.
  void kill();
  std::string url() const;

 private:
  std::filesystem::path dir_;
  std::uint16_t port_ = 0;  // 0 until the first start picked one
  std::unique_ptr<Process> process_;
};

}  // namespace reskflow::testing
