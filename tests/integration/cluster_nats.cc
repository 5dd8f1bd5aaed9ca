// A private nats-server for the restart tests, and names and clean-up on the shared one.
#include "cluster_nats.h"

#include <nats/nats.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <regex>
#include <sstream>

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

constexpr auto server_start_timeout = 30s;

std::string find_in_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(std::string(path == nullptr ? "" : path) + ":/usr/sbin:/usr/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const auto candidate = std::filesystem::path(dir) / program;
    if (!dir.empty() && access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return program;
}

}  // namespace

std::optional<std::string> test_nats_url() {
  const char* url = std::getenv("RESKFLOW_TEST_NATS_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

NatsServer::NatsServer(std::filesystem::path store_dir) : store_dir_(std::move(store_dir)) {}

bool NatsServer::start() {
  const std::string port = port_ == 0 ? "-1" : std::to_string(port_);  // -1: a free port
  process_ = std::make_unique<Process>(
      std::vector<std::string>{find_in_path("nats-server"), "-a", "127.0.0.1", "-p", port, "-js",
                               "-sd", store_dir_.string()},
      std::map<std::string, std::string>{});
  const auto listening = process_->wait_for_line(
      std::regex(R"(Listening for client connections on 127\.0\.0\.1:(\d+))"),
      server_start_timeout);
  if (!listening) return false;
  std::smatch match;
  if (!std::regex_search(*listening, match, std::regex(R"(127\.0\.0\.1:(\d+))"))) return false;
  port_ = static_cast<std::uint16_t>(std::stoi(match[1].str()));
  return process_->wait_for_line(std::regex("Server is ready"), server_start_timeout).has_value();
}

void NatsServer::stop() {
  if (!process_) return;
  process_->signal(SIGTERM);
  process_->wait_exit(server_start_timeout);
  process_.reset();
}

std::string NatsServer::url() const { return "nats://127.0.0.1:" + std::to_string(port_); }

std::string unique_name(std::string_view prefix) {
  static std::atomic<int> counter{0};
  return std::string(prefix) + std::to_string(getpid()) + "_" + std::to_string(++counter);
}

void delete_stream(const std::string& url, const std::string& stream) {
  natsConnection* connection = nullptr;
  if (natsConnection_ConnectTo(&connection, url.c_str()) != NATS_OK) return;
  jsCtx* jetstream = nullptr;
  if (natsConnection_JetStream(&jetstream, connection, nullptr) == NATS_OK) {
    js_DeleteStream(jetstream, stream.c_str(), nullptr, nullptr);
    jsCtx_Destroy(jetstream);
  }
  natsConnection_Destroy(connection);
}

}  // namespace reskflow::testing
