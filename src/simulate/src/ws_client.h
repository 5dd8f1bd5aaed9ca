// A WebSocket to the target's /v1/ws: one per courier who listens for offers and one per
// customer who watches an order, within the run's socket budget (docs/simulator.md); over TLS
// for an https:// target (transport.h).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "asio.h"
#include "http_pool.h"
#include "transport.h"

namespace reskflow::simulate {

class WsConnection {
 public:
  // Opens `target` ("/v1/ws?ticket=..." or "/v1/ws" with `bearer_token` in the handshake) on
  // the pool's target, with its addresses and TLS context; nullptr when the server cannot be
  // reached or refuses the upgrade.
  static Task<std::unique_ptr<WsConnection>> open(const HttpPool& pool, std::string target,
                                                  std::string bearer_token);

  WsConnection() = default;
  WsConnection(const WsConnection&) = delete;
  WsConnection& operator=(const WsConnection&) = delete;

  Task<bool> send(std::string text);
  // The next text message; nullopt once the socket closed (or close() was called).
  Task<std::optional<std::string>> receive();
  // Ends the connection at once; a pending receive() returns nullopt.
  void close();

 private:
  std::optional<websocket::stream<PlainStream>> plain_;  // one of the two
  std::optional<websocket::stream<TlsStream>> secure_;
  beast::flat_buffer buffer_;
};

}  // namespace reskflow::simulate
