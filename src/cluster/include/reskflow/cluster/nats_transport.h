// The bus over NATS JetStream: the outbox relay publishes each committed event to a stream
// (subject per event type, message id = event id), and every consumer is a durable pull
// consumer shared by all nodes, acknowledged after its handler succeeded (docs/deployment.md).
#pragma once

#include <nats/nats.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "reskflow/bus/relay.h"
#include "reskflow/bus/transport.h"
#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"

namespace reskflow::cluster {

class NatsConnection;
struct NatsPuller;

struct NatsTransportOptions {
  std::string url;   // NATS_URL
  std::string node;  // the client name NATS shows: this node
  std::string stream = "RESKFLOW_EVENTS";
  std::string subject_prefix = "reskflow.events";  // events go to <prefix>.<event type>
  // The stream keeps events this long (as the outbox does) whether consumed or not.
  std::chrono::hours retention_hours{168};
  // JetStream drops a second publish of an event id within this window (a relay that published
  // but did not record it); consumers' bus::handle_once covers what comes later.
  std::chrono::milliseconds duplicate_window_ms{120'000};
  // A handler still running after this is presumed dead: the event goes to another node.
  std::chrono::milliseconds ack_wait_ms{30'000};
  // A consumer's longest wait for the next event; stop() returns within it.
  std::chrono::milliseconds fetch_wait_ms{500};
  std::chrono::milliseconds reconnect_wait_ms{250};
  std::chrono::milliseconds timeout_ms{5000};  // JetStream API calls and publish acks
  // Deliveries of one event to one consumer before it is parked in bus_dead_letters, and the
  // backoff between them (doubling), as the relay does for in-process consumers.
  int delivery_attempts_max = 8;
  std::chrono::milliseconds retry_backoff_initial_ms{100};
  std::chrono::milliseconds retry_backoff_max_ms{60'000};
  std::size_t error_detail_chars_max = 2000;
  // Called (log and count) when a handler fails, an event is parked, or a consumer cannot
  // fetch (NATS unreachable: it retries after reconnect_wait_ms).
  std::function<void(std::string_view consumer, const Error&)> on_handler_error;
  std::function<void(const bus::DeadLetter&)> on_parked;
  std::function<void(const Error&)> on_error;
};

class NatsTransport final : public bus::Transport {
 public:
  // The relay's one route: its position is what has been published to the stream.
  static constexpr std::string_view publisher_consumer = "nats.jetstream";

  // Connects and creates (or updates) the stream. db holds the dead letters.
  static Result<std::unique_ptr<NatsTransport>> open(store::Database& db,
                                                     NatsTransportOptions options,
                                                     bus::UnixMicrosClock clock = {});
  NatsTransport(store::Database& db, NatsTransportOptions options, bus::UnixMicrosClock clock,
                std::unique_ptr<NatsConnection> connection);
  NatsTransport(const NatsTransport&) = delete;
  NatsTransport& operator=(const NatsTransport&) = delete;
  ~NatsTransport() override;

  // Creates the durable consumer (named after `consumer`, '.' becoming '_') when missing and
  // starts pulling from it. Handlers of one node run one at a time, as with the relay.
  Status subscribe(std::string consumer, std::string pattern, bus::Handler handler) override;
  std::vector<bus::Route> routes() const override;
  // For publisher_consumer: publishes event to the stream and waits for JetStream's ack
  // (unavailable while NATS is down). For a subscribed consumer: runs its handler here (dead
  // letters replayed by an operator).
  Status deliver(std::string_view consumer, const bus::Envelope& event) override;

  // Stops pulling: the handler running finishes, unacknowledged events go to other nodes.
  void stop();
  // unavailable while the connection to NATS is down.
  Status ping() const;

 private:
  Status publish(const bus::Envelope& event);
  Status run_handler(const NatsPuller& puller, const bus::Envelope& event);
  void pull(NatsPuller& puller);
  void settle(const NatsPuller& puller, natsMsg* message);
  Status park(const NatsPuller& puller, const bus::Envelope& event, const Error& error,
              int attempts);
  bool wait_unless_stopping(std::chrono::milliseconds delay);

  store::Database& db_;
  const NatsTransportOptions options_;
  const bus::UnixMicrosClock clock_;
  std::unique_ptr<NatsConnection> connection_;
  std::mutex handler_mutex_;  // one handler at a time on this node
  mutable std::mutex mutex_;
  std::condition_variable stopping_changed_;
  bool stopping_ = false;                             // guarded by mutex_
  std::vector<std::unique_ptr<NatsPuller>> pullers_;  // guarded by mutex_ (appended only)
};

// The durable consumer name of a bus consumer: NATS forbids '.', '*', '>' and spaces in it.
std::string durable_name(std::string_view consumer);

}  // namespace reskflow::cluster
