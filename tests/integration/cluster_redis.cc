// A private redis-server for the restart tests, and names on the shared one.
#include "cluster_redis.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

constexpr auto server_start_timeout = 30s;

}  // namespace

std::optional<std::string> test_redis_url() {
  const char* url = std::getenv("RESKFLOW_TEST_REDIS_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

std::string unique_redis_prefix(std::string_view name) {
  static std::atomic<int> counter{0};
  return "test:" + std::string(name) + ":" + std::to_string(getpid()) + ":" +
         std::to_string(++counter);
}

RedisServer::RedisServer(std::filesystem::path dir) : dir_(std::move(dir)) {}

bool RedisServer::start() {
  if (port_ == 0) port_ = free_port();
  process_ = std::make_unique<Process>(
      std::vector<std::string>{"/usr/bin/redis-server", "--bind", "127.0.0.1", "--port",
                               std::to_string(port_), "--dir", dir_.string(), "--save", "",
                               "--appendonly", "no"},
      std::map<std::string, std::string>{});
  return process_->wait_for_line(std::regex("Ready to accept connections"), server_start_timeout)
      .has_value();
}

void RedisServer::kill() {
  if (!process_) return;
  process_->signal(SIGKILL);
  process_->wait_exit(server_start_timeout);
  process_.reset();
}

std::string RedisServer::url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

}  // namespace reskflow::testing
