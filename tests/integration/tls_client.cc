// Beast over OpenSSL for the HTTPS/WSS side of the reverse-proxy test.
#include "tls_client.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
// Asio is compiled separately (reskflow_core); its SSL part is compiled here, its only user.
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace reskflow::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

namespace {

void connect_tls(TlsStream& stream, std::uint16_t port) {
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
  beast::get_lowest_layer(stream).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  stream.handshake(asio::ssl::stream_base::client);
}

asio::ssl::context client_context() {
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.set_verify_mode(asio::ssl::verify_none);
  return ctx;
}

}  // namespace

TlsResult https_get(std::uint16_t port, const std::string& target,
                    const std::vector<std::pair<std::string, std::string>>& headers) {
  asio::io_context io;
  auto ctx = client_context();
  TlsStream stream(io, ctx);
  connect_tls(stream, port);
  bhttp::request<bhttp::empty_body> req{bhttp::verb::get, target, 11};
  req.set(bhttp::field::host, "localhost");
  for (const auto& [k, v] : headers) req.set(k, v);
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(stream, buffer, res);
  TlsResult out{static_cast<int>(res.result_int()), res.body(), {}};
  for (const auto& field : res)
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  return out;
}

std::optional<std::string> TlsResult::header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (beast::iequals(k, name)) return v;
  }
  return std::nullopt;
}

struct WssClient::State {
  asio::io_context io;
  asio::ssl::context ctx = client_context();
  websocket::stream<TlsStream> ws{io, ctx};
  beast::flat_buffer buffer;
  int close_code = 0;
};

WssClient::WssClient(std::uint16_t port, const std::string& target)
    : state_(std::make_unique<State>()) {
  connect_tls(state_->ws.next_layer(), port);
  state_->ws.handshake("localhost", target);
}

WssClient::~WssClient() = default;

void WssClient::send(const std::string& text) {
  beast::get_lowest_layer(state_->ws).expires_after(std::chrono::seconds(10));
  state_->ws.text(true);
  state_->ws.write(asio::buffer(text));
}

std::optional<std::string> WssClient::receive() {
  auto& s = *state_;
  beast::get_lowest_layer(s.ws).expires_after(std::chrono::seconds(20));
  beast::error_code ec;
  s.ws.read(s.buffer, ec);
  if (ec) {
    // The close frame's code, even when the proxy resets the connection after delivering it.
    s.close_code = s.ws.reason().code;
    return std::nullopt;
  }
  auto text = beast::buffers_to_string(s.buffer.data());
  s.buffer.consume(s.buffer.size());
  return text;
}

int WssClient::close_code() const { return state_->close_code; }

}  // namespace reskflow::testing
