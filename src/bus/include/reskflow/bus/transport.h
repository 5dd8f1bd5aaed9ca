// Where the relay hands committed events: in-process subscribers, or a broker (src/cluster).
// Modules see only the abstract Transport, so a broker replaces the in-process one unseen.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/bus/event.h"
#include "reskflow/core/errors.h"

namespace reskflow::bus {

// A durable consumer: the relay keeps one delivery position per consumer name, so renaming one
// makes it start again from the oldest event still in the outbox.
struct Route {
  std::string consumer;
  std::string pattern;  // see type_matches
  // false for a route whose failures mean "the broker is unreachable" (a transport's publisher):
  // the relay retries it with backoff for as long as it takes and never parks its events.
  bool park_failures = true;
};

using Handler = std::function<Status(const Envelope&)>;

// Runs `consumer`'s `handler` on `event` inside a new span of the trace that published it (a new
// trace when the event carries none), so the handler's log lines and outgoing calls carry that
// trace; the span is exported when an exporter is installed.
Status handle_in_trace(std::string_view consumer, const Handler& handler, const Envelope& event);

class Transport {
 public:
  virtual ~Transport() = default;
  // A durable consumer of the events whose type matches `pattern`, handled by `handler` (make it
  // idempotent with bus::handle_once: delivery is at least once). Modules subscribe in start().
  // Fails with ErrorCode::conflict when consumer is already subscribed.
  virtual Status subscribe(std::string consumer, std::string pattern, Handler handler) = 0;
  virtual std::vector<Route> routes() const = 0;
  // Delivers one event to one consumer; an error means "not handled, retry later".
  virtual Status deliver(std::string_view consumer, const Envelope& event) = 0;
};

// Dispatches to handlers in this process, on the relay's thread, one event at a time.
class InProcessTransport final : public Transport {
 public:
  Status subscribe(std::string consumer, std::string pattern, Handler handler) override;
  std::vector<Route> routes() const override;
  Status deliver(std::string_view consumer, const Envelope& event) override;

 private:
  struct Subscription {
    Route route;
    Handler handler;
  };
  mutable std::mutex mutex_;
  std::vector<Subscription> subscriptions_;  // guarded by mutex_
};

}  // namespace reskflow::bus
