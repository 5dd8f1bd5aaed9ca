// Three `reskflow serve` nodes on one PostgreSQL schema, a private Redis and NATS JetStream,
// behind HAProxy configured from deploy/haproxy/haproxy.cfg: what the cluster test starts,
// kills and restarts (docs/deployment.md#the-cluster-test).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cluster_nats.h"
#include "cluster_redis.h"
#include "process.h"
#include "reskflow/testing/paths.h"

namespace reskflow::testing {

// Why the cluster cannot run on this machine (a missing program, no PostgreSQL), or nullopt.
std::optional<std::string> cluster_unavailable();

// The full path of `program` on PATH or in /usr/sbin and /usr/bin, or nullopt.
std::optional<std::string> find_program(std::string_view program);

// The whole of a text file; throws when it cannot be read.
std::string read_text(const std::filesystem::path& path);

// deploy/haproxy/haproxy.cfg for loopback: the frontend bound to `port`, the statistics frontend
// to `stats_port`, every backend's servers replaced by the nodes on `node_ports`, checked every
// 250 ms and taken at once when back (no slow start), no log to stdout, and a `maxconn` this
// machine's file limit allows. Throws when the template no longer has a line it rewrites.
std::string haproxy_config(const std::string& template_text, std::uint16_t port,
                           std::uint16_t stats_port, const std::vector<std::uint16_t>& node_ports);

class Haproxy {
 public:
  // Starts haproxy on haproxy_config() of the template in `deploy_dir`, in the foreground;
  // throws when it does not answer on its statistics port.
  Haproxy(const std::filesystem::path& deploy_dir, const std::filesystem::path& dir,
          const std::vector<std::uint16_t>& node_ports);
  ~Haproxy();
  Haproxy(const Haproxy&) = delete;
  Haproxy& operator=(const Haproxy&) = delete;

  std::uint16_t port() const { return port_; }
  // "backend/server" -> status ("UP", "DOWN", "UP 1/2" ...), from the statistics CSV.
  std::map<std::string, std::string> servers();
  // Until `server` (node1 ...) is `status` in every backend; false after `timeout`.
  bool wait_for(const std::string& server, std::string_view status,
                std::chrono::milliseconds timeout);

 private:
  std::uint16_t port_ = 0;
  std::uint16_t stats_port_ = 0;
  std::unique_ptr<Process> process_;
};

// The cluster: PostgreSQL from RESKFLOW_TEST_DATABASE_URL (a fresh schema), a private Redis and
// NATS the test may restart, three nodes on fixed loopback ports (a restarted node comes back
// where HAProxy expects it) and HAProxy in front.
class BalancedCluster {
 public:
  static constexpr std::size_t node_count = 3;

  BalancedCluster();
  ~BalancedCluster();
  BalancedCluster(const BalancedCluster&) = delete;
  BalancedCluster& operator=(const BalancedCluster&) = delete;

  std::uint16_t balancer_port() const { return haproxy_->port(); }
  std::uint16_t node_port(std::size_t node) const { return node_ports_[node]; }
  const std::vector<std::uint16_t>& node_ports() const { return node_ports_; }
  const std::string& database_url() const { return database_url_; }
  // The environment node `node` runs with (for `reskflow ledger check` too).
  std::map<std::string, std::string> node_env(std::size_t node) const;
  Process& node_process(std::size_t node) { return *nodes_[node]; }
  Haproxy& haproxy() { return *haproxy_; }
  NatsServer& nats() { return nats_; }
  RedisServer& redis() { return redis_; }

  // SIGKILL, then waits for the exit.
  void kill_node(std::size_t node);
  // Starts the node again under its name and port; waits until HAProxy has it UP again.
  void restart_node(std::size_t node);
  // True when every node runs and HAProxy has each UP.
  bool healthy();
  // Reads what the nodes logged so far, so that no node blocks on a full pipe.
  void drain_logs();
  // The last lines of every node's log, for a failure message.
  std::string log_tails() const;

 private:
  void start_nodes();

  TempDir dir_;
  TempDir nats_dir_;
  TempDir redis_dir_;
  std::string database_url_;
  NatsServer nats_;
  RedisServer redis_;
  std::vector<std::uint16_t> node_ports_;
  std::vector<std::unique_ptr<Process>> nodes_;
  std::unique_ptr<Haproxy> haproxy_;
};

}  // namespace reskflow::testing
