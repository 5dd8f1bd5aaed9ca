// Route tests of a module over a real http::Server on 127.0.0.1 (one I/O thread, two workers),
// behind a guard that stands in for identity's, so that a module's routes are tested without
// the identity module.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <thread>

#include "reskflow/core/config.h"
#include "reskflow/core/errors.h"
#include "reskflow/core/http.h"
#include "reskflow/core/metrics.h"
#include "reskflow/core/router.h"
#include "reskflow/core/server.h"
#include "reskflow/core/ws_hub.h"
#include "reskflow/modules/authenticator.h"
#include "reskflow/testing/paths.h"

namespace reskflow::modules::testing {

// Stands in for identity's guard with the same role and scope rules:
//   "Bearer <role>"            a session of that role (user "u-1")
//   "Bearer <role>:<user id>"  a session of that role for that user
//   "ApiKey <scope>"           a partner API key ("key-1") holding that one scope
// No Authorization header on a route that needs a caller is 401.
std::optional<http::Response> stand_in_guard(http::Request& request, const http::Route& route);

// The same credentials where the guard does not run: a topic authorizer reading a WebSocket
// upgrade, an anonymous route whose answer depends on who asks.
class StandInAuthenticator final : public Authenticator {
 public:
  Result<http::Principal> required(const http::Request& request) override;
  std::optional<http::Principal> optional(const http::Request& request) override;
};

// Serves `router` (its routes added beforehand) behind stand_in_guard until destroyed.
class ServedRoutes {
  struct Key {};  // only start() constructs

 public:
  static Result<std::unique_ptr<ServedRoutes>> start(http::Router& router, ws::Hub& hub,
                                                     metrics::Registry& registry);
  explicit ServedRoutes(Key /*unused*/) {}
  ~ServedRoutes();
  ServedRoutes(const ServedRoutes&) = delete;
  ServedRoutes& operator=(const ServedRoutes&) = delete;

  std::uint16_t port() const { return port_; }

 private:
  reskflow::testing::TempDir dir_;  // the web root and docs folder: empty
  Config config_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
};

}  // namespace reskflow::modules::testing
