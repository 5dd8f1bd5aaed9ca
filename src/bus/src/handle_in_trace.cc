// A consumer's handling of one event inside the trace of the request that published it.
#include "reskflow/bus/transport.h"
#include "reskflow/core/trace_export.h"

namespace reskflow::bus {

Status handle_in_trace(std::string_view consumer, const Handler& handler, const Envelope& event) {
  const auto span = trace::span_for_request(
      event.traceparent.empty() ? std::nullopt : std::optional<std::string_view>(event.traceparent),
      event.tracestate);
  const trace::Scope scope(&span);
  const auto start = trace::unix_now_ns();
  Status handled = handler(event);
  if (trace::exporting()) {
    // After OpenTelemetry's messaging conventions: a consumer span per event processed.
    trace::export_span({span,
                        "process " + event.type,
                        trace::SpanKind::consumer,
                        start,
                        trace::unix_now_ns(),
                        !handled,
                        handled ? std::string() : handled.error().detail,
                        {{"messaging.system", "reskflow"},
                         {"messaging.operation.type", "process"},
                         {"messaging.destination.name", event.type},
                         {"messaging.message.id", event.event_id},
                         {"messaging.consumer.group.name", std::string(consumer)}}});
  }
  return handled;
}

}  // namespace reskflow::bus
