// Blocking HTTP and WebSocket clients for tests, with a deadline on every operation.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace reskflow::testing {

struct HttpResult {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool keep_alive = false;
  std::optional<std::string> header(std::string_view name) const;
};

// One keep-alive connection to 127.0.0.1:port.
class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port,
                      std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResult request(std::string_view method, std::string_view target, std::string body = {},
                     std::vector<std::pair<std::string, std::string>> headers = {});
  HttpResult get(std::string_view target) { return request("GET", target); }

 private:
  struct State;
  std::unique_ptr<State> state_;
};

struct RawResult {
  std::string data;          // everything the server sent
  bool peer_closed = false;  // the server closed the connection (not our deadline)
};

// Sends raw bytes on a fresh connection and reads until the server closes or the deadline
// passes (for malformed and slow requests).
RawResult raw_exchange(std::uint16_t port, std::string_view bytes,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10));

class WsClient {
 public:
  // Connects to ws://127.0.0.1:port/v1/ws (optionally with extra handshake headers).
  explicit WsClient(std::uint16_t port, std::string_view target = "/v1/ws",
                    std::vector<std::pair<std::string, std::string>> headers = {});
  ~WsClient();
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  void send(std::string_view text);
  // The next text message, or nullopt when the socket closed (see close_code()).
  std::optional<std::string> receive(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // The close code the server sent, 0 if none yet.
  int close_code() const;
  // Stops reading from the socket, so the server's send queue fills up.
  void pause_reading();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace reskflow::testing
