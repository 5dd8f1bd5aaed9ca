// The engines several nodes share, chosen by the environment: with NATS_URL the bus rides
// JetStream and WebSocket topics fan out over NATS; without it, the in-process transport.
#pragma once

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
}  // namespace reskflow::cluster

namespace reskflow::app {

struct ClusterSettings {
  std::string nats_url;  // NATS_URL; empty: this node alone
  std::string nats_stream = "RESKFLOW_EVENTS";
  std::string nats_subject_prefix = "reskflow";  // <prefix>.events.<type>, <prefix>.ws
};

// NATS_URL and the RESKFLOW_NATS_* settings (STREAM, SUBJECT_PREFIX).
Result<ClusterSettings> cluster_settings(const std::map<std::string, std::string>& environment);

struct ClusterEngines {
  ClusterEngines();
  ClusterEngines(ClusterEngines&&) noexcept;
  ClusterEngines& operator=(ClusterEngines&&) noexcept;
  ~ClusterEngines();

  std::unique_ptr<bus::Transport> transport;
  cluster::NatsTransport* jetstream = nullptr;  // transport, when it is JetStream
  std::unique_ptr<cluster::NatsFanout> fanout;  // set as hub's fan-out while it lives

  // The JetStream transport's consumers stop (before the modules whose handlers they run).
  void stop_consumers();
  // unavailable while NATS is down (readiness).
  Status ping() const;
};

Result<ClusterEngines> open_cluster_engines(const ClusterSettings& settings,
                                            const std::string& node, store::Database& db,
                                            ws::Hub& hub, metrics::Registry& metrics);

}  // namespace reskflow::app
