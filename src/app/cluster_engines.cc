// Opens the JetStream transport, the NATS fan-out and the Redis engines for a node of a cluster,
// with their errors logged and counted.
#include "cluster_engines.h"

#include "reskflow/cluster/nats_fanout.h"
#include "reskflow/cluster/nats_transport.h"
#include "reskflow/cluster/redis.h"
#include "reskflow/core/log.h"
#include "reskflow/modules/settings.h"

namespace reskflow::app {

Result<ClusterSettings> cluster_settings(const std::map<std::string, std::string>& environment) {
  ClusterSettings out;
  if (const auto url = environment.find("NATS_URL"); url != environment.end()) {
    out.nats_url = url->second;
  }
  if (const auto url = environment.find("REDIS_URL"); url != environment.end()) {
    out.redis_url = url->second;
  }
  modules::Settings s("nats", environment);
  out.nats_stream = s.text("STREAM", out.nats_stream);
  out.nats_subject_prefix = s.text("SUBJECT_PREFIX", out.nats_subject_prefix);
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  modules::Settings r("redis", environment);
  out.redis_key_prefix = r.text("KEY_PREFIX", out.redis_key_prefix);
  out.redis_timeout_ms =
      std::chrono::milliseconds(r.integer("TIMEOUT_MS", out.redis_timeout_ms.count(), 10, 10'000));
  out.redis_connections_max = r.integer("CONNECTIONS_MAX", out.redis_connections_max, 1, 256);
  if (auto ok = r.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

ClusterEngines::ClusterEngines() = default;
ClusterEngines::ClusterEngines(ClusterEngines&&) noexcept = default;
ClusterEngines& ClusterEngines::operator=(ClusterEngines&&) noexcept = default;
ClusterEngines::~ClusterEngines() = default;

void ClusterEngines::stop_consumers() {
  if (jetstream != nullptr) jetstream->stop();
  if (redis) redis->stop();
}

Status ClusterEngines::ping() const {
  if (jetstream != nullptr) {
    if (auto up = jetstream->ping(); !up) return up;
  }
  if (fanout) return fanout->ping();
  return {};
}

namespace {

cluster::NatsTransportOptions transport_options(const ClusterSettings& settings,
                                                const std::string& node,
                                                metrics::Registry& metrics) {
  cluster::NatsTransportOptions options;
  options.url = settings.nats_url;
  options.node = node;
  options.stream = settings.nats_stream;
  options.subject_prefix = settings.nats_subject_prefix + ".events";
  auto& handler_errors = metrics.counter("bus_handler_errors_total",
                                         "Event handlers that failed (the event is retried)");
  auto& parked = metrics.counter("bus_dead_letters_total", "Events parked as dead letters");
  auto& nats_errors =
      metrics.counter("nats_errors_total", "NATS operations that failed (fetch, acknowledge)");
  options.on_handler_error = [&handler_errors](std::string_view consumer, const Error& e) {
    handler_errors.inc();
    log::warn("bus_handler_failed", {{"consumer", consumer}, {"detail", e.detail}});
  };
  options.on_parked = [&parked](const bus::DeadLetter& letter) {
    parked.inc();
    log::error("bus_event_parked", {{"consumer", letter.consumer},
                                    {"event_id", letter.event.event_id},
                                    {"detail", letter.last_error}});
  };
  options.on_error = [&nats_errors](const Error& e) {
    nats_errors.inc();
    log::warn("nats_failed", {{"detail", e.detail}});
  };
  return options;
}

}  // namespace

Result<ClusterEngines> open_cluster_engines(const ClusterSettings& settings,
                                            const std::string& node, store::Database& db,
                                            ws::Hub& hub, metrics::Registry& metrics) {
  ClusterEngines engines;
  if (!settings.redis_url.empty()) {
    auto redis = cluster::Redis::open(
        {settings.redis_url, settings.redis_key_prefix, settings.redis_timeout_ms,
         static_cast<std::size_t>(settings.redis_connections_max)},
        metrics);
    if (!redis) return std::unexpected(redis.error());
    engines.redis = std::move(*redis);
    log::info("cluster_redis", {{"key_prefix", settings.redis_key_prefix}});
  }
  if (settings.nats_url.empty()) {
    engines.transport = std::make_unique<bus::InProcessTransport>();
    return engines;
  }
  auto transport = cluster::NatsTransport::open(db, transport_options(settings, node, metrics));
  if (!transport) return std::unexpected(transport.error());
  engines.jetstream = transport->get();
  engines.transport = std::move(*transport);
  auto fanout = cluster::NatsFanout::open(
      {settings.nats_url, node, settings.nats_subject_prefix + ".ws"}, hub, metrics);
  if (!fanout) return std::unexpected(fanout.error());
  engines.fanout = std::move(*fanout);
  log::info("cluster_nats",
            {{"stream", settings.nats_stream}, {"subject_prefix", settings.nats_subject_prefix}});
  return engines;
}

}  // namespace reskflow::app
