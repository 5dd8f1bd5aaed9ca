// The /v1/ws WebSocket session: topic subscribe/unsubscribe, ping/pong, bounded send queue.
#pragma once

#include <functional>
#include <memory>

#include "http/beast.h"
#include "http/http_metrics.h"
#include "reskflow/core/config.h"
#include "reskflow/core/http.h"
#include "reskflow/core/ws_hub.h"

namespace reskflow::http {

// Held by whatever owns an accepted connection; destroying it frees the connection's slot.
class ConnectionSlot {
 public:
  explicit ConnectionSlot(std::function<void()> on_release) : on_release_(std::move(on_release)) {}
  ~ConnectionSlot() { on_release_(); }
  ConnectionSlot(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(const ConnectionSlot&) = delete;

 private:
  std::function<void()> on_release_;
};

// Completes the upgrade handshake and runs the session until either side closes; topic
// authorizers run on `workers` (the dispatcher's pool).
void start_websocket_session(beast::tcp_stream stream, BeastRequest upgrade, Request request,
                             ws::Hub& hub, asio::any_io_executor workers, const Config& config,
                             HttpMetrics& metrics, std::shared_ptr<ConnectionSlot> slot);

}  // namespace reskflow::http
