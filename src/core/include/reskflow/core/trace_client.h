// A CLIENT span around one outgoing HTTP call (OpenTelemetry's HTTP client conventions): the
// request carries its context (`traceparent`, and the trace's `tracestate`), and the span is
// exported with the server spans when export is on.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/core/trace_export.h"

namespace reskflow::trace {

// How much of the URL the span may show in `url.full`.
enum class UrlShown {
  whole,        // the URL without its user and password
  origin_only,  // scheme, host and port: the path is a secret (an API key, a push capability)
};

// Starts when made and ends when destroyed, on the calling thread; inert outside any span
// (no headers to send, nothing exported). Say how the call ended with answered() or failed()
// before it ends; a span ended with neither counts as failed (error.type "_OTHER").
class ClientSpan {
 public:
  ClientSpan(std::string_view method, std::string_view url, UrlShown shown = UrlShown::whole);
  ~ClientSpan();
  ClientSpan(const ClientSpan&) = delete;
  ClientSpan& operator=(const ClientSpan&) = delete;

  // The headers the request carries: `traceparent` naming this span, and `tracestate` when the
  // trace came with one; none outside any span.
  std::vector<std::pair<std::string, std::string>> headers() const;

  // The server answered `status`; 4xx and 5xx mark the span as failed, error.type the status.
  void answered(int status);
  // No usable answer: error.type is the error's code ("timeout", "unavailable", ...).
  void failed(const Error& error);

 private:
  std::optional<FinishedSpan> span_;
  bool ended_ = false;
};

}  // namespace reskflow::trace
