// The HTTP/1.1 + WebSocket server (Boost.Beast on Asio): one io_context per core, a bounded
// worker pool for blocking handlers, connection limits, static files and graceful shutdown.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "reskflow/core/config.h"
#include "reskflow/core/errors.h"
#include "reskflow/core/metrics.h"
#include "reskflow/core/router.h"
#include "reskflow/core/ws_hub.h"

namespace reskflow::http {

class Server {
 public:
  // `page_connect_sources`: origins the pages may connect to besides their own (the pages'
  // Content-Security-Policy connect-src), e.g. a public JSON-RPC node the portal reads.
  Server(const Config& config, const Router& router, ws::Hub& hub, metrics::Registry& registry,
         const std::vector<std::string>& page_connect_sources = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; returns the port (useful with port 0). With stop_on_signals,
  // SIGTERM and SIGINT start the drain from this moment on.
  Result<std::uint16_t> listen(bool stop_on_signals);

  // Serves until a stop is requested (by request_stop() or a signal) and the drain finishes:
  // no new connections, in-flight requests complete (bounded by shutdown_timeout_ms),
  // WebSockets close with 1001. Blocks the calling thread.
  void run();

  // Thread-safe; starts the drain.
  void request_stop();

  // True from the moment the drain starts (readiness turns false).
  bool draining() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reskflow::http
