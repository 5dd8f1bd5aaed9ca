// The HTTP server: accept loop, per-connection coroutine, dispatch to routes, shutdown drain.
#include "reskflow/core/server.h"

#include <chrono>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>
#include <unordered_set>

#include "http/beast.h"
#include "http/dispatch.h"
#include "http/request_conversion.h"
#include "http/websocket_session.h"
#include "reskflow/core/log.h"

namespace reskflow::http {

using RequestParser = bhttp::request_parser<bhttp::string_body>;
using Clock = std::chrono::steady_clock;

// How often each I/O thread looks for socket operations past their deadline: a timeout fires
// between its length and its length plus two ticks.
constexpr auto watchdog_tick = std::chrono::milliseconds(100);

struct Connection;

// One I/O thread: its io_context, the connections it serves, and the watchdog that cancels the
// socket operation of a connection past its deadline. A deadline is a field that the
// connection sets before each read or write; a timer per operation would cost a timer-queue
// insertion, a cancellation and an extra completion on every request. Touched only on its own
// thread once it runs.
struct IoThread {
  asio::io_context context{1};
  asio::steady_timer watchdog{context};
  Clock::time_point now = Clock::now();  // as of the last tick: deadlines are counted from it
  std::unordered_set<Connection*> connections;
};

// One accepted socket. Lives in its coroutine's frame and in the registry (weakly) so that
// the drain can close it when it is idle. Touched only on its own I/O thread.
struct Connection {
  Connection(tcp::socket s, IoThread& thread) : socket(std::move(s)), io(thread) {
    boost::system::error_code ec;
    peer = socket.remote_endpoint(ec).address();
  }
  // The next socket operation must finish within `timeout`, or the watchdog cancels it.
  void expires_after(std::chrono::milliseconds timeout) {
    deadline = io.now + timeout + watchdog_tick;
    timed_out = false;
  }
  void expires_never() { deadline = Clock::time_point::max(); }

  tcp::socket socket;
  IoThread& io;
  asio::ip::address peer;
  Clock::time_point deadline = Clock::time_point::max();
  bool timed_out = false;  // the watchdog cancelled the last operation
  bool busy = false;
};

static beast::error_code parse_buffered(RequestParser& parser, beast::flat_buffer& buffer);

class Server::Impl {
 public:
  Impl(const Config& config, const Router& router, ws::Hub& hub, metrics::Registry& registry,
       const std::vector<std::string>& page_connect_sources);

  Result<std::uint16_t> listen(bool stop_on_signals);
  void run();
  void request_stop();
  bool draining() const { return draining_.load(); }

 private:
  static asio::awaitable<void> accept_loop(Impl* self);
  static asio::awaitable<void> serve_connection(Impl* self, std::shared_ptr<Connection> conn,
                                                std::shared_ptr<ConnectionSlot> slot);
  static asio::awaitable<bool> serve_one(Impl* self, Connection& conn,
                                         std::shared_ptr<ConnectionSlot>& slot,
                                         beast::flat_buffer& buffer);
  static asio::awaitable<bool> read_request(Impl* self, Connection& conn,
                                            beast::flat_buffer& buffer, RequestParser& parser);
  static asio::awaitable<void> write_error(Connection& conn, ErrorCode code, std::string detail,
                                           unsigned version);
  static void watch(IoThread& thread);
  void on_connection_released();
  void close_idle_connections();
  void finish();

  const Config config_;
  Dispatcher dispatcher_;
  ws::Hub& hub_;
  HttpMetrics& metrics_;
  std::vector<std::unique_ptr<IoThread>> threads_;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> work_guards_;
  std::optional<tcp::acceptor> acceptor_;
  std::optional<asio::steady_timer> drain_timer_;
  std::optional<asio::signal_set> signals_;
  std::atomic<bool> draining_{false};
  // Set once the I/O threads are told to stop: a connection released after that (its coroutine
  // destroyed with its io_context, while threads_ itself is being destroyed) has no one to tell.
  std::atomic<bool> finished_{false};
  std::atomic<std::uint32_t> connections_{0};
  std::mutex registry_mutex_;
  std::map<Connection*, std::weak_ptr<Connection>> open_;
  std::size_t next_context_ = 0;
};

namespace {

unsigned io_thread_count(const Config& config) {
  if (config.io_threads > 0) return config.io_threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

Server::Impl::Impl(const Config& config, const Router& router, ws::Hub& hub,
                   metrics::Registry& registry,
                   const std::vector<std::string>& page_connect_sources)
    : config_(config),
      dispatcher_(config, router, registry, page_connect_sources),
      hub_(hub),
      metrics_(dispatcher_.metrics()) {
  const auto threads = io_thread_count(config);
  for (unsigned i = 0; i < threads; ++i) {
    threads_.push_back(std::make_unique<IoThread>());
    work_guards_.push_back(asio::make_work_guard(threads_.back()->context));
  }
}

Result<std::uint16_t> Server::Impl::listen(bool stop_on_signals) {
  if (auto proxies = TrustedProxies::parse(config_.trusted_proxies); !proxies)
    return std::unexpected(proxies.error());
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(config_.host, ec);
  if (ec) return fail(ErrorCode::validation_failed, "bad host address: " + config_.host);
  acceptor_.emplace(threads_.front()->context);
  const tcp::endpoint endpoint(address, config_.port);
  acceptor_->open(endpoint.protocol(), ec);
  if (!ec) acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_->bind(endpoint, ec);
  if (!ec) acceptor_->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return fail(ErrorCode::unavailable, "cannot listen on " + config_.host + ":" +
                                            std::to_string(config_.port) + ": " + ec.message());
  }
  if (stop_on_signals) {
    signals_.emplace(threads_.front()->context, SIGINT, SIGTERM);
    signals_->async_wait([this](const boost::system::error_code& signal_ec, int signal) {
      if (signal_ec) return;
      log::info("shutdown_signal", {{"signal", signal}});
      request_stop();
    });
  }
  return acceptor_->local_endpoint().port();
}

void Server::Impl::watch(IoThread& thread) {
  thread.watchdog.expires_after(watchdog_tick);
  thread.watchdog.async_wait([&thread](const boost::system::error_code& ec) {
    if (ec) return;
    thread.now = Clock::now();
    for (Connection* conn : thread.connections) {
      if (conn->deadline > thread.now) continue;
      conn->expires_never();
      conn->timed_out = true;
      boost::system::error_code ignored;
      conn->socket.cancel(ignored);
    }
    watch(thread);
  });
}

void Server::Impl::run() {
  for (auto& t : threads_) {
    t->now = Clock::now();
    watch(*t);
  }
  asio::co_spawn(threads_.front()->context, accept_loop(this), asio::detached);
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < threads_.size(); ++i) {
    threads.emplace_back([t = threads_[i].get()] { t->context.run(); });
  }
  threads_.front()->context.run();
  for (auto& t : threads) t.join();
  dispatcher_.join_workers();
}

void Server::Impl::request_stop() {
  if (draining_.exchange(true)) return;
  asio::post(threads_.front()->context, [this] {
    log::info("shutdown_draining", {{"connections", static_cast<std::int64_t>(connections_)}});
    boost::system::error_code ec;
    if (acceptor_) acceptor_->close(ec);
    if (signals_) signals_->cancel(ec);
    hub_.close_all();
    close_idle_connections();
    drain_timer_.emplace(threads_.front()->context,
                         std::chrono::milliseconds(config_.shutdown_timeout_ms));
    drain_timer_->async_wait([this](const boost::system::error_code& timer_ec) {
      if (timer_ec) return;
      log::warn("shutdown_drain_timeout",
                {{"connections", static_cast<std::int64_t>(connections_)}});
      finish();
    });
    if (connections_.load() == 0) finish();
  });
}

void Server::Impl::close_idle_connections() {
  std::lock_guard lock(registry_mutex_);
  for (const auto& [raw, weak] : open_) {
    auto conn = weak.lock();
    if (!conn) continue;
    asio::post(conn->socket.get_executor(), [conn] {
      boost::system::error_code ec;
      if (!conn->busy) conn->socket.close(ec);
    });
  }
}

void Server::Impl::on_connection_released() {
  metrics_.connections_open.add(-1);
  if (connections_.fetch_sub(1) == 1 && draining_.load() && !finished_.load()) {
    asio::post(threads_.front()->context, [this] { finish(); });
  }
}

void Server::Impl::finish() {
  finished_ = true;
  if (drain_timer_) drain_timer_->cancel();
  for (auto& guard : work_guards_) guard.reset();
  for (auto& t : threads_) t->context.stop();
}

asio::awaitable<void> Server::Impl::accept_loop(Impl* self) {
  for (;;) {
    auto& thread = *self->threads_[self->next_context_++ % self->threads_.size()];
    auto [ec, socket] = co_await self->acceptor_->async_accept(thread.context, as_tuple_awaitable);
    if (ec == asio::error::operation_aborted || !self->acceptor_->is_open()) co_return;
    if (ec) continue;
    if (self->connections_.load() >= self->config_.connections_max) {
      self->metrics_.connections_rejected.inc();
      boost::system::error_code ignored;
      socket.close(ignored);
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    self->connections_.fetch_add(1);
    self->metrics_.connections_open.add(1);
    auto slot = std::make_shared<ConnectionSlot>([self] { self->on_connection_released(); });
    auto conn = std::make_shared<Connection>(std::move(socket), thread);
    {
      std::lock_guard lock(self->registry_mutex_);
      self->open_.emplace(conn.get(), conn);
    }
    asio::co_spawn(thread.context, serve_connection(self, std::move(conn), std::move(slot)),
                   asio::detached);
  }
}

asio::awaitable<void> Server::Impl::serve_connection(Impl* self, std::shared_ptr<Connection> conn,
                                                     std::shared_ptr<ConnectionSlot> slot) {
  conn->io.connections.insert(conn.get());
  beast::flat_buffer buffer;
  for (;;) {
    bool keep_going = false;
    try {
      keep_going = co_await serve_one(self, *conn, slot, buffer);
    } catch (const std::exception& e) {
      log::error("connection_failed", {{"error", e.what()}});
    }
    if (!keep_going || self->draining_.load()) break;
  }
  conn->io.connections.erase(conn.get());
  {
    std::lock_guard lock(self->registry_mutex_);
    self->open_.erase(conn.get());
  }
  if (slot) {
    boost::system::error_code ec;
    conn->socket.shutdown(tcp::socket::shutdown_send, ec);
    conn->socket.close(ec);
  }
}

asio::awaitable<void> Server::Impl::write_error(Connection& conn, ErrorCode code,
                                                std::string detail, unsigned version) {
  Request request;
  request.request_id = request_id_for(request);
  auto response = problem(Error{code, std::move(detail), {}}, request.request_id, "");
  const auto wire = serialize(std::move(response), request, false, version);
  conn.expires_after(std::chrono::seconds(2));
  co_await asio::async_write(conn.socket, wire.buffers(), as_tuple_awaitable);
}

// Parses what is already buffered without a round trip through the scheduler: the common
// case of a whole request in one segment costs no extra asynchronous operation.
static beast::error_code parse_buffered(RequestParser& parser, beast::flat_buffer& buffer) {
  beast::error_code ec;
  while (buffer.size() > 0 && !parser.is_done()) {
    const auto used = parser.put(buffer.data(), ec);
    buffer.consume(used);
    if (ec == bhttp::error::need_more) return {};
    if (ec || used == 0) return ec;
  }
  return ec;
}

// Reads the rest of the request under read_timeout_ms; false (after answering 400/413 where
// the client can still read it) when it cannot be read.
asio::awaitable<bool> Server::Impl::read_request(Impl* self, Connection& conn,
                                                 beast::flat_buffer& buffer,
                                                 RequestParser& parser) {
  const auto& cfg = self->config_;
  auto ec = parse_buffered(parser, buffer);
  if (!ec && !parser.is_header_done()) {
    conn.expires_after(std::chrono::milliseconds(cfg.read_timeout_ms));
    std::tie(ec, std::ignore) =
        co_await bhttp::async_read_header(conn.socket, buffer, parser, as_tuple_awaitable);
  }
  const unsigned version = parser.is_header_done() ? parser.get().version() : 11;
  if (!ec && !parser.is_done()) {
    if (bhttp::token_list(parser.get()[bhttp::field::expect]).exists("100-continue")) {
      bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, version};
      co_await bhttp::async_write(conn.socket, cont, as_tuple_awaitable);
    }
    conn.expires_after(std::chrono::milliseconds(cfg.read_timeout_ms));
    std::tie(ec, std::ignore) =
        co_await bhttp::async_read(conn.socket, buffer, parser, as_tuple_awaitable);
  }
  conn.expires_never();
  if (!ec) co_return true;
  if (conn.timed_out) co_return false;
  if (ec == bhttp::error::body_limit) {
    co_await write_error(conn, ErrorCode::payload_too_large,
                         "the body exceeds " + std::to_string(cfg.body_bytes_max) + " bytes",
                         version);
  } else if (ec == bhttp::error::header_limit) {
    co_await write_error(conn, ErrorCode::bad_request, "request headers are too large", version);
  } else if (ec != bhttp::error::end_of_stream && ec != asio::error::eof &&
             ec != asio::error::connection_reset && ec != asio::error::operation_aborted) {
    co_await write_error(conn, ErrorCode::bad_request, "malformed HTTP request", version);
  }
  co_return false;
}

// Reads and answers one request; false when the connection must close.
asio::awaitable<bool> Server::Impl::serve_one(Impl* self, Connection& conn,
                                              std::shared_ptr<ConnectionSlot>& slot,
                                              beast::flat_buffer& buffer) {
  const auto& cfg = self->config_;
  if (buffer.size() == 0) {
    conn.expires_after(std::chrono::milliseconds(cfg.idle_timeout_ms));
    auto [ec, n] = co_await conn.socket.async_read_some(buffer.prepare(4096), as_tuple_awaitable);
    if (ec) co_return false;
    buffer.commit(n);
  }
  conn.busy = true;
  RequestParser parser;
  parser.header_limit(cfg.header_bytes_max);
  parser.body_limit(cfg.body_bytes_max);
  parser.eager(true);
  if (!co_await read_request(self, conn, buffer, parser)) co_return false;
  // The target may carry a query (browsers cannot set headers on a WebSocket handshake, so
  // they send their token as ?access_token=).
  const auto target = parser.get().target();
  if (websocket::is_upgrade(parser.get()) && target.substr(0, target.find('?')) == "/v1/ws") {
    auto raw = parser.release();
    auto converted = to_request(BeastRequest(raw), conn.peer, self->dispatcher_.proxies());
    if (!converted) co_return false;
    start_websocket_session(beast::tcp_stream(std::move(conn.socket)), std::move(raw),
                            std::move(*converted), self->hub_, self->dispatcher_.workers(),
                            self->config_, self->metrics_, std::move(slot));
    co_return false;
  }
  const bool keep_alive = parser.get().keep_alive() && !self->draining_.load();
  auto step = self->dispatcher_.begin(parser.release(), conn.peer, keep_alive);
  Reply reply;
  if (auto* done = std::get_if<Reply>(&step)) {
    reply = std::move(*done);
  } else {
    reply = co_await self->dispatcher_.finish_on_worker(std::move(std::get<PendingRequest>(step)));
  }
  conn.expires_after(std::chrono::milliseconds(cfg.read_timeout_ms));
  auto [wec, wn] =
      co_await asio::async_write(conn.socket, reply.wire.buffers(), as_tuple_awaitable);
  conn.busy = false;
  co_return !wec && reply.keep_alive;
}

Server::Server(const Config& config, const Router& router, ws::Hub& hub,
               metrics::Registry& registry, const std::vector<std::string>& page_connect_sources)
    : impl_(std::make_unique<Impl>(config, router, hub, registry, page_connect_sources)) {}

Server::~Server() = default;

Result<std::uint16_t> Server::listen(bool stop_on_signals) {
  return impl_->listen(stop_on_signals);
}
void Server::run() { impl_->run(); }
void Server::request_stop() { impl_->request_stop(); }
bool Server::draining() const { return impl_->draining(); }

}  // namespace reskflow::http
