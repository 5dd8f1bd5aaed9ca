// A small blocking HTTP/1.1 client for the Stripe adapter: one form-encoded POST per call over
// HTTPS (certificate and host name verified) or plain HTTP (the test suite's local server), with
// a deadline on the whole exchange; a call made within a trace is a client span of it and sends
// `traceparent` and the trace's `tracestate`.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reskflow/core/errors.h"

namespace reskflow::payments {

struct FormResponse {
  int status = 0;
  std::string body;
};

// POSTs `form` to base_url + path. unavailable when the server cannot be reached or answers
// nothing parsable, timeout past the deadline; any HTTP status is a FormResponse.
Result<FormResponse> post_form(std::string_view base_url, std::string_view path,
                               std::string_view form,
                               const std::vector<std::pair<std::string, std::string>>& headers,
                               std::chrono::milliseconds timeout);

}  // namespace reskflow::payments
