// The WebSocket fan-out's NATS side: one subject for every topic, the topic in a header; the
// connection does not echo, so a node never delivers its own messages twice.
#include "reskflow/cluster/nats_fanout.h"

#include <string>

#include "nats_connection.h"

namespace reskflow::cluster {
namespace {

constexpr const char* header_topic = "Reskflow-Topic";
constexpr std::int64_t drain_timeout_ms = 2000;

}  // namespace

struct NatsFanoutSubscription {
  ws::Hub& hub;
  metrics::Counter& received;
  natsSubscription* subscription = nullptr;
  NatsFanoutSubscription(ws::Hub& to, metrics::Counter& counted) : hub(to), received(counted) {}
  NatsFanoutSubscription(const NatsFanoutSubscription&) = delete;
  NatsFanoutSubscription& operator=(const NatsFanoutSubscription&) = delete;
  // Drained, so that no callback runs after the fan-out is gone.
  ~NatsFanoutSubscription() {
    if (natsSubscription_Drain(subscription) == NATS_OK) {
      natsSubscription_WaitForDrainCompletion(subscription, drain_timeout_ms);
    }
    natsSubscription_Destroy(subscription);
  }
};

Result<std::unique_ptr<NatsFanout>> NatsFanout::open(const NatsFanoutOptions& options, ws::Hub& hub,
                                                     metrics::Registry& metrics) {
  auto connection = NatsConnection::open(
      {options.url, options.node, options.reconnect_wait_ms, options.timeout_ms, true});
  if (!connection) return std::unexpected(connection.error());
  auto fanout = std::make_unique<NatsFanout>(options, hub, metrics, std::move(*connection));
  if (auto started = fanout->start(); !started) return std::unexpected(started.error());
  return fanout;
}

NatsFanout::NatsFanout(NatsFanoutOptions options, ws::Hub& hub, metrics::Registry& metrics,
                       std::unique_ptr<NatsConnection> connection)
    : options_(std::move(options)),
      hub_(hub),
      sent_(metrics.counter("ws_fanout_sent_total", "WebSocket messages sent to other nodes")),
      received_(metrics.counter("ws_fanout_received_total",
                                "WebSocket messages received from other nodes")),
      dropped_(metrics.counter("ws_fanout_dropped_total",
                               "WebSocket messages that could not be sent to other nodes")),
      connection_(std::move(connection)) {}

namespace {

void on_fanout_message(natsConnection* /*connection*/, natsSubscription* /*subscription*/,
                       natsMsg* message, void* closure) {
  auto& to = *static_cast<NatsFanoutSubscription*>(closure);
  const char* topic = nullptr;
  if (natsMsgHeader_Get(message, header_topic, &topic) == NATS_OK && topic != nullptr) {
    to.received.inc();
    const char* data = natsMsg_GetData(message);
    to.hub.publish_local(
        topic, std::string_view(data == nullptr ? "" : data,
                                static_cast<std::size_t>(natsMsg_GetDataLength(message))));
  }
  natsMsg_Destroy(message);
}

}  // namespace

Status NatsFanout::start() {
  auto subscription = std::make_unique<NatsFanoutSubscription>(hub_, received_);
  if (const natsStatus s =
          natsConnection_Subscribe(&subscription->subscription, connection_->get(),
                                   options_.subject.c_str(), on_fanout_message, subscription.get());
      s != NATS_OK) {
    return std::unexpected(nats_error("subscribing to " + options_.subject, s));
  }
  subscription_ = std::move(subscription);
  hub_.set_fanout(this);
  return {};
}

NatsFanout::~NatsFanout() {
  hub_.set_fanout(nullptr);
  subscription_.reset();
}

void NatsFanout::publish(std::string_view topic, std::string_view data_json) {
  natsMsg* raw = nullptr;
  natsStatus s = natsMsg_Create(&raw, options_.subject.c_str(), nullptr, data_json.data(),
                                static_cast<int>(data_json.size()));
  if (s == NATS_OK) s = natsMsgHeader_Set(raw, header_topic, std::string(topic).c_str());
  if (s == NATS_OK) s = natsConnection_PublishMsg(connection_->get(), raw);
  natsMsg_Destroy(raw);
  (s == NATS_OK ? sent_ : dropped_).inc();
}

Status NatsFanout::ping() const { return connection_->ping(); }

}  // namespace reskflow::cluster
