// Beast-based blocking clients for tests; every operation runs against a deadline.
#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <functional>
#include <stdexcept>

#include "reskflow/core/http.h"
#include "reskflow/testing/client.h"

namespace reskflow::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

// Runs the io_context until `done` or the deadline; throws on timeout.
template <class Done>
void run_until(asio::io_context& io, Done done, std::chrono::milliseconds timeout) {
  io.restart();
  io.run_for(timeout);
  if (!done()) throw std::runtime_error("test client: operation timed out");
}

}  // namespace

std::optional<std::string> HttpResult::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (http::iequals(k, name)) return v;
  }
  return std::nullopt;
}

struct HttpClient::State {
  asio::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
  std::uint16_t port;
  std::chrono::milliseconds timeout;
  bool connected = false;
};

HttpClient::HttpClient(std::uint16_t port, std::chrono::milliseconds timeout)
    : state_(std::make_unique<State>()) {
  state_->port = port;
  state_->timeout = timeout;
}

HttpClient::~HttpClient() = default;

HttpResult HttpClient::request(std::string_view method, std::string_view target, std::string body,
                               std::vector<std::pair<std::string, std::string>> headers) {
  auto& s = *state_;
  if (!s.connected) {
    s.stream.expires_after(s.timeout);
    s.stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), s.port));
    s.connected = true;
  }
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  for (auto& [k, v] : headers) req.set(k, v);
  if (!body.empty() && req.find(bhttp::field::content_type) == req.end())
    req.set(bhttp::field::content_type, "application/json");
  req.body() = std::move(body);
  req.prepare_payload();
  s.stream.expires_after(s.timeout);
  bhttp::write(s.stream, req);
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);
  bhttp::read(s.stream, s.buffer, parser);
  auto res = parser.release();
  HttpResult out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& f : res) out.headers.emplace_back(f.name_string(), f.value());
  out.body = std::move(res.body());
  out.keep_alive = res.keep_alive();
  if (!out.keep_alive) {
    beast::error_code ec;
    s.stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    s.stream.close();
    s.connected = false;
  }
  return out;
}

RawResult raw_exchange(std::uint16_t port, std::string_view bytes,
                       std::chrono::milliseconds timeout) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(timeout);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  asio::write(stream.socket(), asio::buffer(bytes));
  RawResult out;
  std::array<char, 4096> chunk{};
  std::function<void(beast::error_code, std::size_t)> on_read = [&](beast::error_code ec,
                                                                    std::size_t n) {
    out.data.append(chunk.data(), n);
    if (ec) {
      out.peer_closed = ec != beast::error::timeout;
      return;
    }
    stream.async_read_some(asio::buffer(chunk), on_read);
  };
  stream.expires_after(timeout);
  stream.async_read_some(asio::buffer(chunk), on_read);
  io.run();
  return out;
}

struct WsClient::State {
  asio::io_context io;
  websocket::stream<beast::tcp_stream> ws{io};
  beast::flat_buffer buffer;
  int close_code = 0;
};

WsClient::WsClient(std::uint16_t port, std::string_view target,
                   std::vector<std::pair<std::string, std::string>> headers)
    : state_(std::make_unique<State>()) {
  auto& s = *state_;
  beast::get_lowest_layer(s.ws).expires_after(std::chrono::seconds(10));
  beast::get_lowest_layer(s.ws).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  s.ws.set_option(websocket::stream_base::decorator([headers](websocket::request_type& req) {
    for (const auto& [k, v] : headers) req.set(k, v);
  }));
  s.ws.handshake("127.0.0.1:" + std::to_string(port), target);
  beast::get_lowest_layer(s.ws).expires_never();
}

WsClient::~WsClient() = default;

void WsClient::send(std::string_view text) {
  state_->ws.text(true);
  beast::get_lowest_layer(state_->ws).expires_after(std::chrono::seconds(10));
  state_->ws.write(asio::buffer(text));
  beast::get_lowest_layer(state_->ws).expires_never();
}

std::optional<std::string> WsClient::receive(std::chrono::milliseconds timeout) {
  auto& s = *state_;
  bool done = false;
  beast::error_code result;
  beast::get_lowest_layer(s.ws).expires_after(timeout);
  s.ws.async_read(s.buffer, [&](beast::error_code ec, std::size_t) {
    result = ec;
    done = true;
  });
  run_until(
      s.io, [&] { return done; }, timeout + std::chrono::seconds(1));
  beast::get_lowest_layer(s.ws).expires_never();
  if (result) {
    s.close_code = s.ws.reason().code;  // set when a close frame arrived, whatever came after
    if (result == beast::error::timeout) throw std::runtime_error("ws receive timed out");
    return std::nullopt;
  }
  auto text = beast::buffers_to_string(s.buffer.data());
  s.buffer.consume(s.buffer.size());
  return text;
}

int WsClient::close_code() const { return state_->close_code; }

void WsClient::pause_reading() {
  // Shrink the kernel receive buffer so the server's writes block quickly.
  beast::error_code ec;
  beast::get_lowest_layer(state_->ws)
      .socket()
      .set_option(asio::socket_base::receive_buffer_size(1024), ec);
}

}  // namespace reskflow::testing
