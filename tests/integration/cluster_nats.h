// Test support for the cluster tests: the NATS server of RESKFLOW_TEST_NATS_URL, a private
// nats-server a test may stop and restart, and a fresh stream per test.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "process.h"

namespace reskflow::testing {

// RESKFLOW_TEST_NATS_URL (scripts/test.sh starts nats-server with JetStream), or nullopt.
std::optional<std::string> test_nats_url();

// A nats-server with JetStream of this test's own, on a fixed loopback port once started, with
// its store in `store_dir`, so that stop() and start() keep the streams.
class NatsServer {
 public:
  explicit NatsServer(std::filesystem::path store_dir);
  // Starts (again, on the same port) and waits for "Server is ready"; false when it did not.
  bool start();
  // Stops with SIGTERM and waits for the exit.
  void stop();
  std::string url() const;

 private:
  std::filesystem::path store_dir_;
  std::uint16_t port_ = 0;  // 0 until the first start picked one
  std::unique_ptr<Process> process_;
};

// A name no other test run uses at the same time: prefix, the process id and a counter.
std::string unique_name(std::string_view prefix);

// Deletes a stream (a test's leftovers) from the server at url.
void delete_stream(const std::string& url, const std::string& stream);

}  // namespace reskflow::testing
