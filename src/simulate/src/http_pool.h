// The simulator's HTTP/1.1 client: a bounded pool of keep-alive connections to the target that
// every actor shares, so a city of any size opens at most `connections_max` sockets for its
// requests. Each request waits for a free connection (failing when none came free for a
// request's timeout, however long the queue), has a deadline, is
// retried once on a connection the server had closed, and waits out 429 and 503 answers a
// bounded number of times.
// An https:// target's connections are TLS (transport.h).
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asio.h"
#include "stats.h"
#include "transport.h"

namespace reskflow::simulate {

struct Request {
  bhttp::verb method = bhttp::verb::get;
  std::string target;  // "/v1/orders/0193..."
  std::string route;   // its template, for the statistics: "GET /v1/orders/{id}"
  std::string token;   // bearer token, or empty
  std::string body;
  std::string content_type = "application/json";
  std::string idempotency_key;
};

struct Reply {
  int status = 0;  // 0: no answer (connection refused, reset or past the deadline)
  std::string body;
};

class HttpPool {
 public:
  // Throws boost::system::system_error when the target's name does not resolve or `ca_file`
  // cannot be read.
  HttpPool(asio::io_context& io, const Endpoint& endpoint, const std::string& ca_file,
           std::size_t connections_max, Stats& stats,
           std::chrono::seconds request_timeout = std::chrono::seconds(30));
  HttpPool(const HttpPool&) = delete;
  HttpPool& operator=(const HttpPool&) = delete;

  Task<Reply> send(Request request);

  const Endpoint& endpoint() const { return endpoint_; }
  const tcp::resolver::results_type& addresses() const { return addresses_; }
  ssl::context* tls() const { return tls_.get(); }  // nullptr for an http:// target
  std::size_t open_connections() const { return open_; }

 private:
  struct Connection {
    std::optional<PlainStream> plain;  // one of the two
    std::optional<TlsStream> secure;
    beast::flat_buffer buffer;
    bool reused = false;
  };
  struct Answer {
    Reply reply;
    bool keep_alive = false;
    std::chrono::seconds retry_after{0};
  };

  Task<std::unique_ptr<Connection>> acquire();
  void release(std::unique_ptr<Connection> connection);
  Task<Answer> exchange(Connection& connection, const Request& request);
  Task<std::optional<Answer>> attempt(const Request& request);

  asio::io_context& io_;
  Endpoint endpoint_;
  std::unique_ptr<ssl::context> tls_;
  tcp::resolver::results_type addresses_;
  bool connect_failure_told_ = false;
  std::size_t connections_max_;
  std::chrono::seconds request_timeout_;  // connecting, and a request with its answer
  Stats& stats_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;
  std::deque<asio::steady_timer*> waiting_;  // requests waiting for a connection, oldest first
  std::chrono::steady_clock::time_point last_freed_{};  // a connection came free (release)
};

}  // namespace reskflow::simulate
