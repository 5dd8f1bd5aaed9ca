// The JetStream transport's set-up and publishing side: the stream, durable consumers, and the
// relay's publishes (one message per event: subject <prefix>.<type>, the payload as data, the
// envelope's other fields as headers, Nats-Msg-Id = event id for de-duplication).
#include "reskflow/cluster/nats_transport.h"

#include <algorithm>
#include <exception>

#include "nats_connection.h"
#include "nats_headers.h"
#include "nats_puller.h"

namespace reskflow::cluster {
namespace {

template <class Duration>
std::int64_t nanoseconds(Duration duration) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(duration).count();
}

Status ensure_stream(jsCtx* jetstream, const NatsTransportOptions& options) {
  const std::string subjects = options.subject_prefix + ".>";
  const char* subject_list[] = {subjects.c_str()};
  jsStreamConfig config;
  jsStreamConfig_Init(&config);
  config.Name = options.stream.c_str();
  config.Subjects = subject_list;
  config.SubjectsLen = 1;
  config.Storage = js_FileStorage;
  config.Retention = js_LimitsPolicy;
  config.MaxAge = nanoseconds(options.retention_hours);
  config.Duplicates = nanoseconds(options.duplicate_window_ms);
  jsStreamInfo* info = nullptr;
  jsErrCode js_error{};
  natsStatus s = js_AddStream(&info, jetstream, &config, nullptr, &js_error);
  if (s != NATS_OK && js_error == JSStreamNameExistErr) {
    s = js_UpdateStream(&info, jetstream, &config, nullptr, &js_error);
  }
  jsStreamInfo_Destroy(info);
  if (s != NATS_OK) {
    return std::unexpected(nats_error("creating the stream " + options.stream, s, js_error));
  }
  return {};
}

// In order, one at a time (MaxAckPending 1), as the relay delivers to an in-process consumer;
// never given up by JetStream (the transport parks events itself after delivery_attempts_max).
Status ensure_consumer(jsCtx* jetstream, const NatsTransportOptions& options,
                       const std::string& durable, const std::string& filter) {
  jsConsumerConfig config;
  jsConsumerConfig_Init(&config);
  config.Durable = durable.c_str();
  config.DeliverPolicy = js_DeliverAll;
  config.AckPolicy = js_AckExplicit;
  config.AckWait = nanoseconds(options.ack_wait_ms);
  config.FilterSubject = filter.c_str();
  config.MaxAckPending = 1;
  jsConsumerInfo* info = nullptr;
  jsErrCode js_error{};
  natsStatus s =
      js_AddConsumer(&info, jetstream, options.stream.c_str(), &config, nullptr, &js_error);
  if (s != NATS_OK && js_error != 0) {  // it exists with other settings: bring them up to date
    s = js_UpdateConsumer(&info, jetstream, options.stream.c_str(), &config, nullptr, &js_error);
  }
  jsConsumerInfo_Destroy(info);
  if (s != NATS_OK) {
    return std::unexpected(nats_error("creating the consumer " + durable, s, js_error));
  }
  return {};
}

}  // namespace

std::string durable_name(std::string_view consumer) {
  std::string out(consumer);
  std::ranges::replace_if(
      out, [](char c) { return c == '.' || c == '*' || c == '>' || c == ' ' || c == '\t'; }, '_');
  return out;
}

Result<std::unique_ptr<NatsTransport>> NatsTransport::open(store::Database& db,
                                                           NatsTransportOptions options,
                                                           bus::UnixMicrosClock clock) {
  auto connection = NatsConnection::open(
      {options.url, options.node, options.reconnect_wait_ms, options.timeout_ms, false});
  if (!connection) return std::unexpected(connection.error());
  if (auto stream = ensure_stream((*connection)->jetstream(), options); !stream) {
    return std::unexpected(stream.error());
  }
  if (!clock) {
    clock = [] {
      return std::chrono::duration_cast<std::chrono::microseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  }
  return std::make_unique<NatsTransport>(db, std::move(options), std::move(clock),
                                         std::move(*connection));
}

NatsTransport::NatsTransport(store::Database& db, NatsTransportOptions options,
                             bus::UnixMicrosClock clock, std::unique_ptr<NatsConnection> connection)
    : db_(db),
      options_(std::move(options)),
      clock_(std::move(clock)),
      connection_(std::move(connection)) {}

NatsTransport::~NatsTransport() {
  stop();
  pullers_.clear();  // their subscriptions go before the connection
}

Status NatsTransport::subscribe(std::string consumer, std::string pattern, bus::Handler handler) {
  auto puller = std::make_unique<NatsPuller>();
  puller->durable = durable_name(consumer);
  const std::lock_guard lock(mutex_);
  if (stopping_) return fail(ErrorCode::unavailable, "the NATS transport is stopping");
  for (const auto& other : pullers_) {
    if (other->route.consumer == consumer || other->durable == puller->durable) {
      return fail(ErrorCode::conflict, "consumer " + consumer + " is already subscribed");
    }
  }
  const std::string filter = options_.subject_prefix + "." + pattern;
  if (auto made = ensure_consumer(connection_->jetstream(), options_, puller->durable, filter);
      !made) {
    return made;
  }
  jsSubOptions subscribe_options;
  jsSubOptions_Init(&subscribe_options);
  subscribe_options.Stream = options_.stream.c_str();
  subscribe_options.Consumer = puller->durable.c_str();
  jsErrCode js_error{};
  if (const natsStatus s =
          js_PullSubscribe(&puller->subscription, connection_->jetstream(), filter.c_str(),
                           puller->durable.c_str(), nullptr, &subscribe_options, &js_error);
      s != NATS_OK) {
    return std::unexpected(nats_error("pulling from " + puller->durable, s, js_error));
  }
  puller->route = bus::Route{std::move(consumer), std::move(pattern)};
  puller->handler = std::move(handler);
  NatsPuller& started = *puller;
  pullers_.push_back(std::move(puller));
  started.thread = std::thread([this, &started] { pull(started); });
  return {};
}

std::vector<bus::Route> NatsTransport::routes() const {
  return {bus::Route{std::string(publisher_consumer), ">", false}};
}

Status NatsTransport::deliver(std::string_view consumer, const bus::Envelope& event) {
  if (consumer == publisher_consumer) return publish(event);
  const NatsPuller* found = nullptr;
  {
    const std::lock_guard lock(mutex_);
    for (const auto& puller : pullers_) {
      if (puller->route.consumer == consumer) found = puller.get();
    }
  }
  if (found == nullptr) return fail(ErrorCode::not_found, "no consumer " + std::string(consumer));
  return run_handler(*found, event);
}

Status NatsTransport::publish(const bus::Envelope& event) {
  auto message = message_for(options_.subject_prefix, event);
  if (!message) return std::unexpected(message.error());
  jsPubOptions publish_options;
  jsPubOptions_Init(&publish_options);
  publish_options.MsgId = event.event_id.c_str();
  publish_options.ExpectStream = options_.stream.c_str();
  publish_options.MaxWait = options_.timeout_ms.count();
  jsPubAck* ack = nullptr;
  jsErrCode js_error{};
  const natsStatus s =
      js_PublishMsg(&ack, connection_->jetstream(), message->get(), &publish_options, &js_error);
  jsPubAck_Destroy(ack);
  if (s != NATS_OK) {
    return std::unexpected(nats_error("publishing " + event.event_id, s, js_error));
  }
  return {};
}

Status NatsTransport::run_handler(const NatsPuller& puller, const bus::Envelope& event) {
  const std::lock_guard lock(handler_mutex_);
  try {
    return bus::handle_in_trace(puller.route.consumer, puller.handler, event);
  } catch (const std::exception& thrown) {  // a handler bug must not end the puller's thread
    return fail(ErrorCode::internal, std::string("handler threw: ") + thrown.what());
  }
}

void NatsTransport::stop() {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  stopping_changed_.notify_all();
  for (auto& puller : pullers_) {  // appended only under mutex_, which stopping_ now closes
    if (puller->thread.joinable()) puller->thread.join();
  }
}

Status NatsTransport::ping() const { return connection_->ping(); }

}  // namespace reskflow::cluster
