// WebSocket fan-out over NATS core subjects: what a node's hub publishes reaches the
// subscribers connected to every other node (at most once, as a socket's messages are).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "reskflow/core/errors.h"
#include "reskflow/core/metrics.h"
#include "reskflow/core/ws_fanout.h"
#include "reskflow/core/ws_hub.h"

namespace reskflow::cluster {

class NatsConnection;
struct NatsFanoutSubscription;

struct NatsFanoutOptions {
  std::string url;   // NATS_URL
  std::string node;  // the client name NATS shows: this node
  std::string subject = "reskflow.ws";
  std::chrono::milliseconds reconnect_wait_ms{250};
  std::chrono::milliseconds timeout_ms{5000};
};

class NatsFanout final : public ws::Fanout {
 public:
  // Connects, subscribes and becomes hub's fan-out; the destructor undoes it.
  static Result<std::unique_ptr<NatsFanout>> open(const NatsFanoutOptions& options, ws::Hub& hub,
                                                  metrics::Registry& metrics);
  NatsFanout(NatsFanoutOptions options, ws::Hub& hub, metrics::Registry& metrics,
             std::unique_ptr<NatsConnection> connection);
  NatsFanout(const NatsFanout&) = delete;
  NatsFanout& operator=(const NatsFanout&) = delete;
  ~NatsFanout() override;

  // Sends {topic, data} to the other nodes; a message NATS cannot take now is counted and
  // dropped (a subscriber resynchronises from the HTTP API, as after a reconnect).
  void publish(std::string_view topic, std::string_view data_json) override;
  Status ping() const;

 private:
  Status start();

  const NatsFanoutOptions options_;
  ws::Hub& hub_;
  metrics::Counter& sent_;
  metrics::Counter& received_;
  metrics::Counter& dropped_;
  std::unique_ptr<NatsConnection> connection_;
  std::unique_ptr<NatsFanoutSubscription> subscription_;
};

}  // namespace reskflow::cluster
