// The JetStream transport's consuming side: each durable consumer's thread fetches one event at
// a time, runs the handler, and acknowledges, retries later (NAK with backoff) or parks it.
#include <algorithm>
#include <limits>

#include "nats_connection.h"
#include "nats_headers.h"
#include "nats_puller.h"
#include "reskflow/cluster/nats_transport.h"

namespace reskflow::cluster {
namespace {

std::chrono::milliseconds backoff_for(const NatsTransportOptions& options, std::uint64_t attempts) {
  auto delay = options.retry_backoff_initial_ms;
  for (std::uint64_t i = 1; i < attempts && delay < options.retry_backoff_max_ms; ++i) delay *= 2;
  return std::min(delay, options.retry_backoff_max_ms);
}

// How many times JetStream has handed this message out, this time included.
std::uint64_t deliveries_of(natsMsg* message) {
  jsMsgMetaData* metadata = nullptr;
  if (natsMsg_GetMetaData(&metadata, message) != NATS_OK) return 1;
  const std::uint64_t deliveries = metadata->NumDelivered;
  jsMsgMetaData_Destroy(metadata);
  return deliveries;
}

}  // namespace

void NatsTransport::pull(NatsPuller& puller) {
  for (;;) {
    {
      const std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    natsMsgList batch{nullptr, 0};
    jsErrCode js_error{};
    const natsStatus s = natsSubscription_Fetch(&batch, puller.subscription, 1,
                                                options_.fetch_wait_ms.count(), &js_error);
    if (s == NATS_TIMEOUT) continue;
    if (s != NATS_OK) {
      if (options_.on_error) {
        options_.on_error(nats_error("fetching for " + puller.route.consumer, s, js_error));
      }
      if (!wait_unless_stopping(options_.reconnect_wait_ms)) return;
      continue;
    }
    for (int i = 0; i < batch.Count; ++i) settle(puller, batch.Msgs[i]);
    natsMsgList_Destroy(&batch);
  }
}

void NatsTransport::settle(const NatsPuller& puller, natsMsg* message) {
  auto event = envelope_from(message, options_.subject_prefix);
  if (!event) {  // not an event of ours: never redeliver it
    natsMsg_Term(message, nullptr);
    if (options_.on_error) {
      options_.on_error(Error{ErrorCode::internal,
                              "dropped a message on " + std::string(natsMsg_GetSubject(message)) +
                                  " that is not an event",
                              {},
                              {}});
    }
    return;
  }
  const std::uint64_t deliveries = deliveries_of(message);
  const Status handled = run_handler(puller, *event);
  jsErrCode js_error{};
  if (!handled) {
    if (options_.on_handler_error)
      options_.on_handler_error(puller.route.consumer, handled.error());
    const auto attempts =
        static_cast<int>(std::min<std::uint64_t>(deliveries, std::numeric_limits<int>::max()));
    if (attempts < options_.delivery_attempts_max ||
        !park(puller, *event, handled.error(), attempts)) {
      natsMsg_NakWithDelay(message, backoff_for(options_, deliveries).count(), nullptr);
      return;
    }
  }
  // Lost acknowledgements come back as redeliveries, which bus::handle_once ignores.
  if (const natsStatus s = natsMsg_AckSync(message, nullptr, &js_error);
      s != NATS_OK && options_.on_error) {
    options_.on_error(nats_error("acknowledging " + event->event_id, s, js_error));
  }
}

Status NatsTransport::park(const NatsPuller& puller, const bus::Envelope& event, const Error& error,
                           int attempts) {
  const bus::DeadLetter letter{puller.route.consumer, event, attempts,
                               error.detail.substr(0, options_.error_detail_chars_max), clock_()};
  Status parked =
      db_.write([&](store::Transaction& tx) { return bus::insert_dead_letter(tx, letter); });
  if (!parked) {
    if (options_.on_error) options_.on_error(parked.error());
    return parked;
  }
  if (options_.on_parked) options_.on_parked(letter);
  return {};
}

bool NatsTransport::wait_unless_stopping(std::chrono::milliseconds delay) {
  std::unique_lock lock(mutex_);
  return !stopping_changed_.wait_for(lock, delay, [this] { return stopping_; });
}

}  // namespace reskflow::cluster
