// The keep-alive connection pool of the simulator (http_pool.h).
#include "http_pool.h"

#include <charconv>
#include <iostream>
#include <utility>

namespace reskflow::simulate {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t response_body_bytes_max = std::size_t{16} * 1024 * 1024;
constexpr int busy_retries_max = 5;
constexpr auto busy_wait_max = 30s;

// One request and its response on an open connection, plain or TLS.
template <class Stream>
Task<std::pair<boost::system::error_code, bhttp::response<bhttp::string_body>>> round_trip(
    Stream& stream, beast::flat_buffer& buffer, const bhttp::request<bhttp::string_body>& request,
    std::chrono::seconds timeout) {
  beast::get_lowest_layer(stream).expires_after(timeout);
  auto [write_ec, written] = co_await bhttp::async_write(stream, request, use_tuple);
  if (write_ec) co_return std::pair{write_ec, bhttp::response<bhttp::string_body>{}};
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(response_body_bytes_max);
  auto [read_ec, read] = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
  co_return std::pair{read_ec, parser.release()};
}

std::chrono::seconds retry_after_of(const bhttp::response<bhttp::string_body>& r) {
  const auto field = r[bhttp::field::retry_after];
  int seconds = 1;
  std::from_chars(field.data(), field.data() + field.size(), seconds);
  return std::chrono::seconds(std::clamp(seconds, 1, 60));
}

}  // namespace

HttpPool::HttpPool(asio::io_context& io, const Endpoint& endpoint, const std::string& ca_file,
                   std::size_t connections_max, Stats& stats, std::chrono::seconds request_timeout)
    : io_(io),
      endpoint_(endpoint),
      tls_(endpoint.tls ? tls_context(ca_file) : nullptr),
      connections_max_(connections_max),
      request_timeout_(request_timeout),
      stats_(stats) {
  tcp::resolver resolver(io);
  addresses_ = resolver.resolve(endpoint.host, endpoint.port);  // throws: reported at start
}

// A long queue (a whole city signing in at once) waits as long as connections keep coming free:
// the wait fails only when none came free for a request's timeout.
Task<std::unique_ptr<HttpPool::Connection>> HttpPool::acquire() {
  const auto asked = std::chrono::steady_clock::now();
  while (idle_.empty() && open_ >= connections_max_) {
    const auto deadline = std::max(asked, last_freed_) + request_timeout_;
    if (std::chrono::steady_clock::now() >= deadline) {  // no connection came free in time
      stats_.record_http("wait for a connection", 0, {});
      co_return nullptr;
    }
    asio::steady_timer wake(io_, deadline);
    waiting_.push_back(&wake);
    co_await wake.async_wait(use_tuple);  // cancelled by release(), or the deadline
    std::erase(waiting_, &wake);          // still there when the deadline came first
  }
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    c->reused = true;
    co_return c;
  }
  ++open_;
  auto c = std::make_unique<Connection>();
  boost::system::error_code ec;
  if (tls_) {
    c->secure.emplace(io_, *tls_);
    ec = co_await connect_stream(*c->secure, addresses_, endpoint_.host, request_timeout_);
  } else {
    c->plain.emplace(io_);
    ec = co_await connect_stream(*c->plain, addresses_, endpoint_.host, request_timeout_);
  }
  if (ec) {
    release(nullptr);
    stats_.record_http("connect", 0, {});
    if (!std::exchange(connect_failure_told_, true))  // once: the rest are the same
      std::cerr << "\nsimulate: cannot connect to " << endpoint_.host << ":" << endpoint_.port
                << ": " << ec.message() << '\n';
    co_return nullptr;
  }
  co_return c;
}

void HttpPool::release(std::unique_ptr<Connection> connection) {
  last_freed_ = std::chrono::steady_clock::now();
  if (connection)
    idle_.push_back(std::move(connection));
  else
    --open_;
  if (!waiting_.empty()) {
    waiting_.front()->cancel();
    waiting_.pop_front();
  }
}

Task<HttpPool::Answer> HttpPool::exchange(Connection& c, const Request& request) {
  bhttp::request<bhttp::string_body> req{request.method, request.target, 11};
  req.set(bhttp::field::host, endpoint_.host);
  req.set(bhttp::field::user_agent, "reskflow-simulate");
  if (!request.token.empty()) req.set(bhttp::field::authorization, "Bearer " + request.token);
  if (!request.idempotency_key.empty()) req.set("Idempotency-Key", request.idempotency_key);
  if (!request.body.empty()) req.set(bhttp::field::content_type, request.content_type);
  req.body() = request.body;
  req.keep_alive(true);
  req.prepare_payload();
  Answer answer;
  std::pair<boost::system::error_code, bhttp::response<bhttp::string_body>> exchanged;
  if (c.secure)
    exchanged = co_await round_trip(*c.secure, c.buffer, req, request_timeout_);
  else
    exchanged = co_await round_trip(*c.plain, c.buffer, req, request_timeout_);
  auto& [ec, response] = exchanged;
  if (ec) co_return answer;
  answer.reply.status = static_cast<int>(response.result_int());
  answer.keep_alive = response.keep_alive();
  if (answer.reply.status == 429 || answer.reply.status == 503)
    answer.retry_after = retry_after_of(response);
  answer.reply.body = std::move(response.body());
  co_return answer;
}

// One try on a pooled connection, and once more on a fresh one when a kept-alive connection
// turned out closed: the server (or a balancer: HAProxy after 10 s) closes idle connections, so
// the others idle, all idle longer than that one (the last released is taken first), are
// dropped with it. Retried on another idle one instead, a check after a quiet drain spent its
// two tries on two closed connections and counted live orders as lost. nullopt: no answer.
Task<std::optional<HttpPool::Answer>> HttpPool::attempt(const Request& request) {
  for (int tries = 0; tries < 2; ++tries) {
    auto c = co_await acquire();
    if (!c) co_return std::nullopt;
    const auto started = std::chrono::steady_clock::now();
    auto answer = co_await exchange(*c, request);
    const auto took = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started);
    const bool reused = c->reused;
    if (answer.reply.status == 0) {
      release(nullptr);
      if (reused) {  // the server closed an idle connection: not a failure
        open_ -= idle_.size();
        idle_.clear();
        continue;
      }
      stats_.record_http(request.route, 0, took);
      co_return std::nullopt;
    }
    stats_.record_http(request.route, answer.reply.status, took);
    release(answer.keep_alive ? std::move(c) : nullptr);
    co_return answer;
  }
  co_return std::nullopt;
}

Task<Reply> HttpPool::send(Request request) {
  auto waited = std::chrono::seconds(0);
  for (int busy = 0;; ++busy) {
    auto answer = co_await attempt(request);
    if (!answer) co_return Reply{};
    if (answer->retry_after.count() == 0 || busy >= busy_retries_max ||
        waited + answer->retry_after > busy_wait_max)
      co_return std::move(answer->reply);
    ++stats_.rate_limited;
    waited += answer->retry_after;
    asio::steady_timer pause(io_, answer->retry_after);
    co_await pause.async_wait(use_tuple);
  }
}

}  // namespace reskflow::simulate
