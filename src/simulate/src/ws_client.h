// A WebSocket to the target's /v1/ws: one per courier who listens for offers and one per
// customer who watches an order, within the run's socket budget (docs/simulator.md).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "asio.h"

namespace reskflow::simulate {

class WsConnection {
 public:
  // Opens `target` ("/v1/ws?ticket=..." or "/v1/ws" with `bearer_token` in the handshake);
  // nullptr when the server cannot be reached or refuses the upgrade.
  static Task<std::unique_ptr<WsConnection>> open(const tcp::resolver::results_type& addresses,
                                                  std::string host, std::string target,
                                                  std::string bearer_token);

  explicit WsConnection(asio::any_io_executor executor) : ws_(std::move(executor)) {}
  WsConnection(const WsConnection&) = delete;
  WsConnection& operator=(const WsConnection&) = delete;

  Task<bool> send(std::string text);
  // The next text message; nullopt once the socket closed (or close() was called).
  Task<std::optional<std::string>> receive();
  // Ends the connection at once; a pending receive() returns nullopt.
  void close();

 private:
  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
};

}  // namespace reskflow::simulate
