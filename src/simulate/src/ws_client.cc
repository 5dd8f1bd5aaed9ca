// The simulator's WebSocket client (ws_client.h).
#include "ws_client.h"

namespace reskflow::simulate {
namespace {

using namespace std::chrono_literals;
constexpr auto handshake_timeout = 30s;
constexpr std::size_t message_bytes_max = std::size_t{1024} * 1024;

}  // namespace

Task<std::unique_ptr<WsConnection>> WsConnection::open(const tcp::resolver::results_type& addresses,
                                                       std::string host, std::string target,
                                                       std::string bearer_token) {
  auto c = std::make_unique<WsConnection>(co_await asio::this_coro::executor);
  auto& lowest = beast::get_lowest_layer(c->ws_);
  lowest.expires_after(handshake_timeout);
  auto [connect_ec, ignored] = co_await lowest.async_connect(addresses, use_tuple);
  if (connect_ec) co_return nullptr;
  lowest.expires_never();
  // Pings when idle and gives up on a server silent for the idle timeout.
  c->ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
  c->ws_.read_message_max(message_bytes_max);
  if (!bearer_token.empty()) {
    c->ws_.set_option(websocket::stream_base::decorator(
        [auth = "Bearer " + bearer_token](websocket::request_type& r) {
          r.set(bhttp::field::authorization, auth);
        }));
  }
  auto [handshake_ec] = co_await c->ws_.async_handshake(host, target, use_tuple);
  if (handshake_ec) co_return nullptr;
  co_return c;
}

Task<bool> WsConnection::send(std::string text) {
  ws_.text(true);
  auto [ec, n] = co_await ws_.async_write(asio::buffer(text), use_tuple);
  co_return !ec;
}

Task<std::optional<std::string>> WsConnection::receive() {
  buffer_.clear();
  auto [ec, n] = co_await ws_.async_read(buffer_, use_tuple);
  if (ec) co_return std::nullopt;
  co_return beast::buffers_to_string(buffer_.data());
}

void WsConnection::close() {
  boost::system::error_code ignored;
  beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(ws_).socket().close(ignored);
}

}  // namespace reskflow::simulate
