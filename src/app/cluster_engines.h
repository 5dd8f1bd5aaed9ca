// The engines several nodes share, chosen by the environment: with NATS_URL the bus rides
// JetStream and WebSocket topics fan out over NATS (without it, the in-process transport); with
// REDIS_URL rate-limit buckets and session revocations are shared through Redis.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "reskflow/bus/transport.h"
#include "reskflow/core/errors.h"
#include "reskflow/core/metrics.h"
#include "reskflow/core/ws_hub.h"
#include "reskflow/store/database.h"

namespace reskflow::cluster {
class NatsFanout;
class NatsTransport;
class Redis;
}  // namespace reskflow::cluster

namespace reskflow::app {

struct ClusterSettings {
  std::string nats_url;  // NATS_URL; empty: this node alone
  std::string nats_stream = "RESKFLOW_EVENTS";
  std::string nats_subject_prefix = "reskflow";  // <prefix>.events.<type>, <prefix>.ws
  std::string redis_url;                         // REDIS_URL; empty: nothing in Redis
  std::string redis_key_prefix = "reskflow";     // every Redis key and channel starts with it
  std::chrono::milliseconds redis_timeout_ms{250};
  std::int64_t redis_connections_max = 8;
};

// NATS_URL, REDIS_URL, the RESKFLOW_NATS_* settings (STREAM, SUBJECT_PREFIX) and the
// RESKFLOW_REDIS_* ones (KEY_PREFIX, TIMEOUT_MS, CONNECTIONS_MAX).
Result<ClusterSettings> cluster_settings(const std::map<std::string, std::string>& environment);

struct ClusterEngines {
  ClusterEngines();
  ClusterEngines(ClusterEngines&&) noexcept;
  ClusterEngines& operator=(ClusterEngines&&) noexcept;
  ~ClusterEngines();

  std::unique_ptr<bus::Transport> transport;
  cluster::NatsTransport* jetstream = nullptr;  // transport, when it is JetStream
  std::unique_ptr<cluster::NatsFanout> fanout;  // set as hub's fan-out while it lives
  std::unique_ptr<cluster::Redis> redis;        // with REDIS_URL

  // The JetStream transport's consumers and the Redis broadcast's listeners stop (before the
  // modules whose handlers they run).
  void stop_consumers();
  // unavailable while NATS is down (readiness).
  Status ping() const;
};

Result<ClusterEngines> open_cluster_engines(const ClusterSettings& settings,
                                            const std::string& node, store::Database& db,
                                            ws::Hub& hub, metrics::Registry& metrics);

}  // namespace reskflow::app
