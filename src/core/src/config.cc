// Binds Config to CLI11 options and environment variables, and validates it.
#include "reskflow/core/config.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <map>

#include "reskflow/core/log.h"
#include "reskflow/core/networks.h"

namespace reskflow {

std::string_view environment_name(Environment e) {
  switch (e) {
    case Environment::development: return "development";
    case Environment::test: return "test";
    case Environment::production: return "production";
  }
  return "development";
}

void bind_common_options(CLI::App& app, Config& c) {
  const std::map<std::string, Environment> environments{{"development", Environment::development},
                                                        {"test", Environment::test},
                                                        {"production", Environment::production}};
  app.add_option("--env", c.environment, "development, test or production")
      ->envname("RESKFLOW_ENV")
      ->transform(CLI::CheckedTransformer(environments, CLI::ignore_case))
      ->capture_default_str();
  app.add_option("--database-url", c.database_url,
                 "sqlite:PATH (embedded) or postgresql://USER@HOST:PORT/DB")
      ->envname("DATABASE_URL")
      ->capture_default_str();
  app.add_option("--log-level", c.log_level, "trace, debug, info, warn, error or off")
      ->envname("LOG_LEVEL")
      ->capture_default_str();
}

namespace {

// The portals' maps: tiles (optional) and where maps open.
void bind_map_options(CLI::App& app, Config& c) {
  app.add_option("--map-tile-url", c.map_tile_url,
                 "Tile URL template for the portals' maps ({s}, {z}, {x}, {y}); empty: no tiles")
      ->envname("MAP_TILE_URL");
  app.add_option("--map-tile-attribution", c.map_tile_attribution,
                 "Attribution shown on maps for the tiles (e.g. their licence)")
      ->envname("MAP_TILE_ATTRIBUTION");
  app.add_option("--map-center-lat", c.map_center_lat, "Latitude where portal maps open")
      ->envname("MAP_CENTER_LAT")
      ->capture_default_str()
      ->check(CLI::Range(-90.0, 90.0));
  app.add_option("--map-center-lng", c.map_center_lng, "Longitude where portal maps open")
      ->envname("MAP_CENTER_LNG")
      ->capture_default_str()
      ->check(CLI::Range(-180.0, 180.0));
}

// Who may read metrics and status.
void bind_operator_options(CLI::App& app, Config& c) {
  app.add_option("--metrics-token", c.metrics_token,
                 "Bearer token that opens /metrics and /v1/system/status (>= 32 characters)")
      ->envname("RESKFLOW_METRICS_TOKEN");
  app.add_option("--metrics-networks", c.metrics_networks,
                 "Comma-separated addresses or CIDR networks that may read /metrics and "
                 "/v1/system/status without the token (default: loopback, none in production)")
      ->envname("RESKFLOW_METRICS_NETWORKS")
      ->delimiter(',');
}

// The event outbox: how long delivered events are kept.
void bind_outbox_options(CLI::App& app, Config& c) {
  app.add_option("--outbox-retention-hours", c.outbox_retention_hours,
                 "Hours a delivered event stays in the outbox before it is pruned")
      ->envname("RESKFLOW_OUTBOX_RETENTION_HOURS")
      ->capture_default_str()
      ->check(CLI::Range(1u, 8760u));
}

}  // namespace

std::vector<std::string> operator_networks(const Config& config) {
  if (!config.metrics_networks.empty()) return config.metrics_networks;
  if (config.environment == Environment::production) return {};
  return {"127.0.0.0/8", "::1"};
}

void bind_server_options(CLI::App& app, Config& c) {
  bind_common_options(app, c);
  app.add_option("--host", c.host, "Address to listen on")->envname("HOST")->capture_default_str();
  app.add_option("--port", c.port, "TCP port; 0 picks a free one (printed in the log)")
      ->envname("PORT")
      ->capture_default_str();
  app.add_option("--jwt-secret", c.jwt_secret, "Secret for signing access tokens (>= 32 bytes)")
      ->envname("JWT_SECRET");
  app.add_option("--node-name", c.node_name,
                 "Stable name of this node for event-relay leases (default: host name)")
      ->envname("RESKFLOW_NODE_NAME");
  bind_outbox_options(app, c);
  app.add_option("--modules", c.modules, "Comma-separated modules to run (default: all)")
      ->envname("RESKFLOW_MODULES")
      ->delimiter(',');
  app.add_option("--web-root", c.web_root, "Directory of the built web portals")
      ->envname("RESKFLOW_WEB_ROOT")
      ->capture_default_str();
  app.add_option("--docs-dir", c.docs_dir, "Directory holding the rendered API docs (index.html)")
      ->envname("RESKFLOW_DOCS_DIR")
      ->capture_default_str();
  app.add_option("--trusted-proxies", c.trusted_proxies,
                 "Comma-separated proxy IPs whose X-Forwarded-For/Proto are honoured")
      ->envname("RESKFLOW_TRUSTED_PROXIES")
      ->delimiter(',');
  app.add_option("--cors-origins", c.cors_origins, "Comma-separated origins allowed by CORS")
      ->envname("RESKFLOW_CORS_ORIGINS")
      ->delimiter(',');
  bind_operator_options(app, c);
  bind_map_options(app, c);
  app.add_option("--io-threads", c.io_threads, "I/O threads (0: one per core)")
      ->envname("RESKFLOW_IO_THREADS")
      ->capture_default_str();
  app.add_option("--worker-threads", c.worker_threads, "Threads for blocking work")
      ->envname("RESKFLOW_WORKER_THREADS")
      ->capture_default_str()
      ->check(CLI::Range(1u, 256u));
  app.add_option("--worker-queue-requests-max", c.worker_queue_requests_max,
                 "Requests waiting for a worker before 503")
      ->envname("RESKFLOW_WORKER_QUEUE_REQUESTS_MAX")
      ->capture_default_str();
  app.add_option("--connections-max", c.connections_max, "Concurrent connections")
      ->envname("RESKFLOW_CONNECTIONS_MAX")
      ->capture_default_str();
  app.add_option("--header-bytes-max", c.header_bytes_max, "Request header size limit")
      ->envname("RESKFLOW_HEADER_BYTES_MAX")
      ->capture_default_str();
  app.add_option("--body-bytes-max", c.body_bytes_max, "Request body size limit (413 above)")
      ->envname("RESKFLOW_BODY_BYTES_MAX")
      ->capture_default_str();
  app.add_option("--read-timeout-ms", c.read_timeout_ms,
                 "Time to receive a whole request, and to send its response")
      ->envname("RESKFLOW_READ_TIMEOUT_MS")
      ->capture_default_str();
  app.add_option("--idle-timeout-ms", c.idle_timeout_ms, "Keep-alive idle time")
      ->envname("RESKFLOW_IDLE_TIMEOUT_MS")
      ->capture_default_str();
  app.add_option("--shutdown-timeout-ms", c.shutdown_timeout_ms, "Drain bound on SIGTERM")
      ->envname("RESKFLOW_SHUTDOWN_TIMEOUT_MS")
      ->capture_default_str();
  app.add_option("--ws-send-queue-messages-max", c.ws_send_queue_messages_max,
                 "WebSocket messages queued for one client before it is dropped")
      ->envname("RESKFLOW_WS_SEND_QUEUE_MESSAGES_MAX")
      ->capture_default_str();
  app.add_option("--ws-ping-interval-ms", c.ws_ping_interval_ms, "WebSocket ping interval")
      ->envname("RESKFLOW_WS_PING_INTERVAL_MS")
      ->capture_default_str();
}

std::string tile_source(std::string_view tile_url) {
  std::string_view scheme;
  if (tile_url.starts_with("https://"))
    scheme = "https://";
  else if (tile_url.starts_with("http://"))
    scheme = "http://";
  else
    return {};
  if (tile_url.find("{z}") == std::string_view::npos ||
      tile_url.find("{x}") == std::string_view::npos ||
      tile_url.find("{y}") == std::string_view::npos)
    return {};
  const auto rest = tile_url.substr(scheme.size());
  const auto host = rest.substr(0, rest.find('/'));
  if (host.empty()) return {};
  // A subdomain template ({s}) becomes a wildcard; anything else that is not a host character
  // (quotes, spaces, semicolons) would let the URL rewrite the policy, so it is refused.
  std::string source(scheme);
  for (std::size_t i = 0; i < host.size(); ++i) {
    const char c = host[i];
    if (c == '{') {
      const auto close = host.find('}', i);
      if (close == std::string_view::npos) return {};
      source += '*';
      i = close;
    } else if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' ||
               c == ':') {
      source += c;
    } else {
      return {};
    }
  }
  return source;
}

namespace {

// A guessable token would open what it protects; a space or a control character could not be
// sent in an Authorization header.
void check_metrics_access(const Config& c, std::vector<FieldError>& errors) {
  if (!c.metrics_token.empty()) {
    const bool printable =
        std::ranges::all_of(c.metrics_token, [](char ch) { return ch > ' ' && ch < 0x7F; });
    if (c.metrics_token.size() < metrics_token_chars_min || !printable)
      errors.push_back({"metrics_token", "RESKFLOW_METRICS_TOKEN must be at least " +
                                             std::to_string(metrics_token_chars_min) +
                                             " printable characters without spaces"});
  }
  if (auto networks = http::Networks::parse(c.metrics_networks, "metrics_networks"); !networks) {
    for (auto& f : networks.error().fields) errors.push_back(std::move(f));
  }
}

}  // namespace

Status validate(const Config& c) {
  std::vector<FieldError> errors;
  log::Level level{};
  if (!log::parse_level(c.log_level, level))
    errors.push_back({"log_level", "must be trace, debug, info, warn, error or off"});
  if (c.environment == Environment::production) {
    if (c.jwt_secret == insecure_dev_jwt_secret)
      errors.push_back({"jwt_secret", "JWT_SECRET must be set in production"});
    else if (c.jwt_secret.size() < 32)
      errors.push_back({"jwt_secret", "JWT_SECRET must be at least 32 bytes"});
  }
  check_metrics_access(c, errors);
  if (!c.map_tile_url.empty() && tile_source(c.map_tile_url).empty())
    errors.push_back({"map_tile_url", "must be an http(s) URL template with {z}, {x} and {y}"});
  if (c.body_bytes_max == 0) errors.push_back({"body_bytes_max", "must be positive"});
  if (c.header_bytes_max < 1024) errors.push_back({"header_bytes_max", "must be at least 1024"});
  if (c.ws_send_queue_messages_max == 0)
    errors.push_back({"ws_send_queue_messages_max", "must be positive"});
  if (errors.empty()) return {};
  return fail(ErrorCode::validation_failed, "invalid configuration", std::move(errors));
}

}  // namespace reskflow
