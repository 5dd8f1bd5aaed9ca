// The simulator's WebSocket client (ws_client.h).
#include "ws_client.h"

#include <boost/beast/websocket/ssl.hpp>

namespace reskflow::simulate {
namespace {

using namespace std::chrono_literals;
constexpr auto handshake_timeout = 30s;
constexpr auto idle_timeout = 60s;  // a ping after half of it
constexpr std::size_t message_bytes_max = std::size_t{1024} * 1024;

template <class Stream>
Task<bool> handshake(websocket::stream<Stream>& ws, const HttpPool& pool, const std::string& target,
                     const std::string& bearer_token) {
  const auto& endpoint = pool.endpoint();
  const auto connect_ec =
      co_await connect_stream(ws.next_layer(), pool.addresses(), endpoint.host, handshake_timeout);
  if (connect_ec) co_return false;
  beast::get_lowest_layer(ws).expires_never();
  // Pings when idle and gives up on a server silent for the idle timeout, so that no read waits
  // forever (Beast's suggestion for a client has no idle timeout).
  auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::client);
  timeouts.idle_timeout = idle_timeout;
  timeouts.keep_alive_pings = true;
  ws.set_option(timeouts);
  ws.read_message_max(message_bytes_max);
  if (!bearer_token.empty()) {
    ws.set_option(websocket::stream_base::decorator(
        [auth = "Bearer " + bearer_token](websocket::request_type& r) {
          r.set(bhttp::field::authorization, auth);
        }));
  }
  auto [ec] = co_await ws.async_handshake(endpoint.host + ":" + endpoint.port, target, use_tuple);
  co_return !ec;
}

template <class Stream>
Task<bool> send_text(websocket::stream<Stream>& ws, std::string text) {
  ws.text(true);
  auto [ec, n] = co_await ws.async_write(asio::buffer(text), use_tuple);
  co_return !ec;
}

template <class Stream>
Task<std::optional<std::string>> receive_text(websocket::stream<Stream>& ws,
                                              beast::flat_buffer& buffer) {
  buffer.clear();
  auto [ec, n] = co_await ws.async_read(buffer, use_tuple);
  if (ec) co_return std::nullopt;
  co_return beast::buffers_to_string(buffer.data());
}

}  // namespace

Task<std::unique_ptr<WsConnection>> WsConnection::open(const HttpPool& pool, std::string target,
                                                       std::string bearer_token) {
  auto c = std::make_unique<WsConnection>();
  const auto executor = co_await asio::this_coro::executor;
  bool open = false;
  if (pool.tls() != nullptr) {
    c->secure_.emplace(executor, *pool.tls());
    open = co_await handshake(*c->secure_, pool, target, bearer_token);
  } else {
    c->plain_.emplace(executor);
    open = co_await handshake(*c->plain_, pool, target, bearer_token);
  }
  co_return open ? std::move(c) : nullptr;
}

Task<bool> WsConnection::send(std::string text) {
  if (secure_) co_return co_await send_text(*secure_, std::move(text));
  co_return co_await send_text(*plain_, std::move(text));
}

Task<std::optional<std::string>> WsConnection::receive() {
  if (secure_) co_return co_await receive_text(*secure_, buffer_);
  co_return co_await receive_text(*plain_, buffer_);
}

void WsConnection::close() {
  boost::system::error_code ignored;
  auto& socket = secure_ ? beast::get_lowest_layer(*secure_).socket()
                         : beast::get_lowest_layer(*plain_).socket();
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

}  // namespace reskflow::simulate
