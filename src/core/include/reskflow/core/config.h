// Server configuration: environment variables (the original's appendix B names) and CLI flags.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reskflow/core/errors.h"

namespace CLI {
class App;
}

namespace reskflow {

enum class Environment : std::uint8_t { development, test, production };

inline constexpr std::string_view insecure_dev_jwt_secret =
    "reskflow-development-secret-change-me-in-production";

inline constexpr std::size_t metrics_token_chars_min = 32;

struct Config {
  Environment environment = Environment::development;
  std::string host = "127.0.0.1";
  std::uint16_t port = 3000;
  std::string database_url = "sqlite:var/reskflow.db";
  std::string jwt_secret{insecure_dev_jwt_secret};
  std::string log_level = "info";
  std::string web_root = "web/dist";
  std::string docs_dir = "build/docs";
  std::string node_name;                       // empty: the host name
  std::uint32_t outbox_retention_hours = 168;  // delivered events are pruned after this
  std::vector<std::string> modules;            // empty: every module
  std::vector<std::string> trusted_proxies;
  std::vector<std::string> cors_origins;
  // Who may read /metrics, /v1/system/status and the system.status feed (they show the
  // environment, engine, modules, memory and per-route counters): callers that send this
  // bearer token, and clients on these networks (see operator_networks()).
  std::string metrics_token;
  std::vector<std::string> metrics_networks;
  // Map tiles for the portals' maps ("https://{s}.tile.example.org/{z}/{x}/{y}.png"); empty draws
  // vector layers on a plain background and never fetches a tile.
  std::string map_tile_url;
  std::string map_tile_attribution;
  double map_center_lat = 52.520;  // where portal maps open (the demo city: Berlin)
  double map_center_lng = 13.405;

  unsigned io_threads = 0;  // 0: one per core
  unsigned worker_threads = 8;
  std::uint32_t worker_queue_requests_max = 1024;
  std::uint32_t connections_max = 10000;
  std::uint32_t header_bytes_max = 16u * 1024u;
  std::uint64_t body_bytes_max = std::uint64_t{1024} * 1024;
  std::uint32_t read_timeout_ms = 10000;
  std::uint32_t idle_timeout_ms = 60000;
  std::uint32_t shutdown_timeout_ms = 10000;
  std::uint32_t gzip_min_bytes = 1024;
  std::uint32_t ws_send_queue_messages_max = 256;
  std::uint32_t ws_message_bytes_max = 64u * 1024u;
  std::uint32_t ws_ping_interval_ms = 20000;
  std::uint32_t ws_topics_per_connection_max = 64;
};

// Registers every option of `serve` with its environment variable on the CLI11 app.
void bind_server_options(CLI::App& app, Config& config);

// Registers the options every verb shares (DATABASE_URL, LOG_LEVEL, RESKFLOW_ENV).
void bind_common_options(CLI::App& app, Config& config);

// Rejects inconsistent or unsafe settings, e.g. the development secret in production.
Status validate(const Config& config);

std::string_view environment_name(Environment e);

// The networks whose clients may read metrics and status without the token: metrics_networks
// when set; otherwise loopback outside production (`make run`, tests, a local Prometheus) and
// none in production, where only the token or configured networks open them.
std::vector<std::string> operator_networks(const Config& config);

// The origin a tile URL template fetches from, as a CSP source ("https://*.tile.example.org"
// for "https://{s}.tile.example.org/{z}/{x}/{y}.png"); empty when the template is not an
// http(s) URL.
std::string tile_source(std::string_view tile_url);

}  // namespace reskflow
