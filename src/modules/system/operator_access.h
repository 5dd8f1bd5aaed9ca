// Who may read what the system module shows operators (/metrics, /v1/system/status, the
// system.status feed): callers with the metrics token, and clients on the operator networks.
#pragma once

#include <optional>
#include <string>

#include "reskflow/core/config.h"
#include "reskflow/core/errors.h"
#include "reskflow/core/http.h"
#include "reskflow/core/networks.h"

namespace reskflow::system {

class OperatorAccess {
 public:
  // From metrics_token and operator_networks(config); fails on a malformed network.
  static Result<OperatorAccess> from(const Config& config);

  // nullopt when the request may read: its client (the peer, or the X-Forwarded-For client of
  // a trusted proxy) is on an operator network, or it carries `Authorization: Bearer <metrics
  // token>`. Otherwise unauthenticated (a token would open it) or forbidden (none is set).
  std::optional<Error> refusal(const http::Request& request) const;

 private:
  std::string token_;
  http::Networks networks_;
};

// The refusal as problem+json, with `WWW-Authenticate: Bearer` on a 401.
http::Response refusal_response(const Error& refusal, const http::Request& request);

}  // namespace reskflow::system
