// One connection to NATS (nats.c): reconnects for ever, names the node, and turns nats.c's
// statuses into the project's errors. Shared by the JetStream transport and the fan-out.
#pragma once

#include <nats/nats.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "reskflow/core/errors.h"

namespace reskflow::cluster {

struct NatsConnectionOptions {
  std::string url;   // nats://host:port, or several separated by commas
  std::string name;  // the client name the server shows (this node)
  std::chrono::milliseconds reconnect_wait_ms{250};
  std::chrono::milliseconds timeout_ms{5000};  // connect, JetStream API calls, publish acks
  bool no_echo = false;  // true: this connection's subscriptions skip its own publishes
};

class NatsConnection {
 public:
  // Fails with unavailable when no server of url answers now.
  static Result<std::unique_ptr<NatsConnection>> open(const NatsConnectionOptions& options);
  NatsConnection(natsConnection* connection, jsCtx* jetstream,
                 std::chrono::milliseconds timeout_ms);
  NatsConnection(const NatsConnection&) = delete;
  NatsConnection& operator=(const NatsConnection&) = delete;
  ~NatsConnection();

  natsConnection* get() const noexcept { return connection_; }
  jsCtx* jetstream() const noexcept { return jetstream_; }
  std::chrono::milliseconds timeout() const noexcept { return timeout_ms_; }
  // unavailable while the connection is down (it reconnects on its own).
  Status ping() const;

 private:
  natsConnection* connection_;
  jsCtx* jetstream_;
  std::chrono::milliseconds timeout_ms_;
};

// What `what` failed with: unavailable for a connection that is down or a timeout, internal
// otherwise; the detail names nats.c's status and JetStream's error code when there is one.
Error nats_error(std::string_view what, natsStatus status,
                 jsErrCode js_error = static_cast<jsErrCode>(0));

}  // namespace reskflow::cluster
