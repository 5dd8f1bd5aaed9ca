// The cluster of the HAProxy test (cluster_haproxy.h): engines, nodes and the balancer.
#include "cluster_haproxy.h"

#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "engines.h"
#include "reskflow/testing/client.h"
#include "shop.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

// Deadlines for a sanitizer build on a busy machine, not measurements.
constexpr auto start_timeout = 60s;
constexpr auto balancer_timeout = 30s;
constexpr std::size_t log_tail_lines = 30;

std::string ltrim(const std::string& line) {
  const auto first = line.find_first_not_of(" \t");
  return first == std::string::npos ? "" : line.substr(first);
}

// "  server node1 127.0.0.1:4001" ... for every node.
std::string server_lines(const std::vector<std::uint16_t>& node_ports) {
  std::string out;
  for (std::size_t i = 0; i < node_ports.size(); ++i)
    out += "  server node" + std::to_string(i + 1) + " 127.0.0.1:" + std::to_string(node_ports[i]) +
           "\n";
  return out;
}

}  // namespace

std::optional<std::string> find_program(std::string_view program) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(std::string(path == nullptr ? "" : path) + ":/usr/sbin:/usr/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const auto candidate = std::filesystem::path(dir) / program;
    if (!dir.empty() && access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return std::nullopt;
}

std::optional<std::string> cluster_unavailable() {
  for (const auto* program : {"haproxy", "nats-server", "redis-server"}) {
    if (!find_program(program))
      return std::string(program) + " is not installed (scripts/setup.sh installs it)";
  }
  const char* database = std::getenv("RESKFLOW_TEST_DATABASE_URL");
  if (database == nullptr || *database == '\0')
    return "RESKFLOW_TEST_DATABASE_URL is not set (scripts/test.sh starts PostgreSQL)";
  return std::nullopt;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string haproxy_config(const std::string& template_text, std::uint16_t port,
                           std::uint16_t stats_port, const std::vector<std::uint16_t>& node_ports) {
  std::istringstream in(template_text);
  std::string out;
  int rewritten = 0;
  int backends = 0;
  for (std::string line; std::getline(in, line);) {
    const auto text = ltrim(line);
    if (text.starts_with("log stdout") || text.starts_with("server ")) continue;
    if (text.starts_with("maxconn ")) {
      line = "  maxconn 1000";
      ++rewritten;
    } else if (text == "bind :80") {
      line = "  bind 127.0.0.1:" + std::to_string(port);
      ++rewritten;
    } else if (text.starts_with("bind 127.0.0.1:8404")) {
      line = "  bind 127.0.0.1:" + std::to_string(stats_port);
      ++rewritten;
    } else if (text.starts_with("default-server ")) {
      line = "  default-server check inter 250ms fall 2 rise 2\n" + server_lines(node_ports);
      ++backends;
    }
    out += line + "\n";
  }
  if (rewritten != 3 || backends != 2)
    throw std::runtime_error(
        "deploy/haproxy/haproxy.cfg changed: the test rewrites its global maxconn, the `bind :80` "
        "and `bind 127.0.0.1:8404` lines and the default-server line of both backends");
  return out;
}

Haproxy::Haproxy(const std::filesystem::path& deploy_dir, const std::filesystem::path& dir,
                 const std::vector<std::uint16_t>& node_ports)
    : port_(free_port()), stats_port_(free_port()) {
  const auto config = dir / "haproxy.cfg";
  std::ofstream(config) << haproxy_config(read_text(deploy_dir / "haproxy" / "haproxy.cfg"), port_,
                                          stats_port_, node_ports);
  process_ = std::make_unique<Process>(
      std::vector<std::string>{*find_program("haproxy"), "-db", "-f", config.string()},
      std::map<std::string, std::string>{});
  // Bound once its statistics answer: polled, as haproxy says nothing when it is ready.
  const auto until = std::chrono::steady_clock::now() + start_timeout;
  while (servers().empty()) {
    if (process_->wait_exit(0ms) || std::chrono::steady_clock::now() > until)
      throw std::runtime_error("haproxy did not start:\n" + process_->output());
  }
}

Haproxy::~Haproxy() {
  process_->signal(SIGTERM);
  process_->wait_exit(start_timeout);
}

std::map<std::string, std::string> Haproxy::servers() {
  std::map<std::string, std::string> out;
  std::string csv;
  try {
    HttpClient client(stats_port_, 5s);
    const auto stats = client.get("/stats;csv");
    if (stats.status != 200) return out;
    csv = stats.body;
  } catch (const std::exception&) {  // not listening yet
    return out;
  }
  // "# pxname,svname,qcur,...,status,..." then one row per frontend, server and backend.
  std::istringstream rows(csv);
  std::string header;
  std::getline(rows, header);
  std::istringstream names(header.substr(header.find(' ') + 1));
  std::size_t status_column = 0;
  for (std::string name; std::getline(names, name, ',') && name != "status";) ++status_column;
  for (std::string row; std::getline(rows, row);) {
    std::vector<std::string> fields;
    std::istringstream cells(row);
    for (std::string cell; std::getline(cells, cell, ',');) fields.push_back(cell);
    if (fields.size() <= status_column || fields[1] == "FRONTEND" || fields[1] == "BACKEND")
      continue;
    out[fields[0] + "/" + fields[1]] = fields[status_column];
  }
  return out;
}

bool Haproxy::wait_for(const std::string& server, std::string_view status,
                       std::chrono::milliseconds timeout) {
  static const std::regex never(R"(\b\B)");
  const auto until = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    // Reads what haproxy wrote (a line per server going up or down) while it waits.
    process_->wait_for_line(never, 1ms);
    const auto all = servers();
    const bool everywhere = all.contains("api/" + server) && all.at("api/" + server) == status &&
                            all.contains("realtime/" + server) &&
                            all.at("realtime/" + server) == status;
    if (everywhere) return true;
    if (std::chrono::steady_clock::now() > until) return false;
  }
}

BalancedCluster::BalancedCluster()
    : database_url_(fresh_database_url(TestEngine::postgres, dir_)),
      nats_(nats_dir_.path()),
      redis_(redis_dir_.path()) {
  if (!nats_.start()) throw std::runtime_error("nats-server did not start");
  if (!redis_.start()) throw std::runtime_error("redis-server did not start");
  for (std::size_t i = 0; i < node_count; ++i) node_ports_.push_back(free_port());
  start_nodes();
  haproxy_ = std::make_unique<Haproxy>(source_dir() / "deploy", dir_.path(), node_ports_);
  for (std::size_t i = 0; i < node_count; ++i) {
    if (!haproxy_->wait_for("node" + std::to_string(i + 1), "UP", balancer_timeout))
      throw std::runtime_error("HAProxy never had node " + std::to_string(i + 1) + " UP");
  }
}

BalancedCluster::~BalancedCluster() {
  haproxy_.reset();
  for (auto& node : nodes_) {
    if (node) node->signal(SIGTERM);
  }
  for (auto& node : nodes_) {
    if (node) node->wait_exit(start_timeout);
  }
}

std::map<std::string, std::string> BalancedCluster::node_env(std::size_t node) const {
  return shop_env(database_url_, dir_.path(),
                  {{"RESKFLOW_NODE_NAME", "node" + std::to_string(node + 1)},
                   {"PORT", std::to_string(node_ports_[node])},
                   {"LOG_LEVEL", "info"},
                   {"RESKFLOW_IO_THREADS", "2"},
                   {"NATS_URL", nats_.url()},
                   {"REDIS_URL", redis_.url()},
                   {"RESKFLOW_TRUSTED_PROXIES", "127.0.0.1"},
                   {"RESKFLOW_PROOFS_DIR", (dir_.path() / "proofs").string()},
                   // A killed node's leases move within ttl + ttl / 3 (docs/deployment.md#leases).
                   {"RESKFLOW_LEASE_TTL_MS", "2000"},
                   // A retry of an order whose node died takes its key over after 3 s.
                   {"RESKFLOW_IDEMPOTENCY_IN_FLIGHT_TIMEOUT_S", "3"},
                   {"RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION", "0"},
                   {"RESKFLOW_DELIVERIES_DISPATCH_INTERVAL_S", "1"},
                   {"RESKFLOW_DELIVERIES_DISPATCH_LEAD_S", "3600"},
                   {"RESKFLOW_DELIVERIES_POSITION_THROTTLE_MS", "0"},
                   // Couriers and the load call as fast as they can; the shared limit the
                   // test spends is four token refreshes per session.
                   {"RESKFLOW_IDENTITY_USER_RATE_BURST", "1000000"},
                   {"RESKFLOW_IDENTITY_REFRESH_RATE_BURST", "4"},
                   {"RESKFLOW_IDENTITY_REFRESH_RATE_PER_MINUTE", "1"}});
}

// The first node alone (it migrates the schema), then the others side by side.
void BalancedCluster::start_nodes() {
  const std::regex listening(R"("event":"listening")");
  const auto await = [&](std::size_t node) {
    if (!nodes_[node]->wait_for_line(listening, start_timeout))
      throw std::runtime_error("node " + std::to_string(node + 1) + " did not start:\n" +
                               nodes_[node]->output());
  };
  nodes_.resize(node_count);
  for (std::size_t i = 0; i < node_count; ++i) {
    nodes_[i] =
        std::make_unique<Process>(std::vector<std::string>{binary_path(), "serve"}, node_env(i));
    if (i == 0) await(0);
  }
  for (std::size_t i = 1; i < node_count; ++i) await(i);
}

void BalancedCluster::kill_node(std::size_t node) {
  nodes_[node]->signal(SIGKILL);
  if (!nodes_[node]->wait_exit(start_timeout))
    throw std::runtime_error("node " + std::to_string(node + 1) + " outlived SIGKILL");
}

void BalancedCluster::restart_node(std::size_t node) {
  nodes_[node] =
      std::make_unique<Process>(std::vector<std::string>{binary_path(), "serve"}, node_env(node));
  if (!nodes_[node]->wait_for_line(std::regex(R"("event":"listening")"), start_timeout))
    throw std::runtime_error("node " + std::to_string(node + 1) + " did not restart:\n" +
                             nodes_[node]->output());
  if (!haproxy_->wait_for("node" + std::to_string(node + 1), "UP", balancer_timeout))
    throw std::runtime_error("HAProxy never took node " + std::to_string(node + 1) + " back");
}

bool BalancedCluster::healthy() {
  for (std::size_t i = 0; i < node_count; ++i) {
    if (nodes_[i]->wait_exit(0ms)) return false;
    if (!haproxy_->wait_for("node" + std::to_string(i + 1), "UP", balancer_timeout)) return false;
  }
  return true;
}

void BalancedCluster::drain_logs() {
  static const std::regex never(R"(\b\B)");
  for (auto& node : nodes_) node->wait_for_line(never, 5ms);
}

std::string BalancedCluster::log_tails() const {
  std::string out;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const auto lines = nodes_[i]->lines();
    out += "node" + std::to_string(i + 1) + ":\n";
    for (auto l = lines.size() > log_tail_lines ? lines.size() - log_tail_lines : 0;
         l < lines.size(); ++l)
      out += "  " + lines[l] + "\n";
  }
  return out;
}

}  // namespace reskflow::testing
