// WebSocket sessions on /v1/ws: JSON control messages, modules' message types, topic fan-out
// from the hub, a bounded send queue (a client that cannot keep up is dropped), keep-alive pings
// and 1001 on shutdown.
#include "http/websocket_session.h"

#include <array>
#include <boost/json.hpp>
#include <deque>
#include <exception>
#include <set>
#include <tuple>

#include "reskflow/core/json_text.h"
#include "reskflow/core/log.h"

namespace reskflow::http {
namespace {

class Session : public ws::Peer, public std::enable_shared_from_this<Session> {
 public:
  Session(beast::tcp_stream stream, Request request, ws::Hub& hub, asio::any_io_executor workers,
          const Config& config, HttpMetrics& metrics, std::shared_ptr<ConnectionSlot> slot)
      : socket_(std::move(stream)),
        request_(std::move(request)),
        hub_(hub),
        workers_(std::move(workers)),
        config_(config),
        metrics_(metrics),
        slot_(std::move(slot)) {}

  void send(std::shared_ptr<const std::string> message) override {
    asio::post(socket_.get_executor(),
               [self = shared_from_this(), m = std::move(message)] { self->enqueue(m); });
  }

  void close_going_away() override {
    asio::post(socket_.get_executor(), [self = shared_from_this()] {
      self->closing_ = true;
      if (!self->writing_) self->start_close(websocket::close_code::going_away, "server shutdown");
    });
  }

  static asio::awaitable<void> run(std::shared_ptr<Session> self, BeastRequest upgrade);

 private:
  void enqueue(std::shared_ptr<const std::string> message);
  void start_close(websocket::close_code code, const std::string& reason);
  void reply(const boost::json::object& message);
  asio::awaitable<void> on_text(std::string_view text);
  asio::awaitable<void> subscribe(std::string topic);
  asio::awaitable<void> handle(std::string type, const ws::MessageRoute& route,
                               boost::json::object message);
  static asio::awaitable<Result<boost::json::object>> run_handler(std::shared_ptr<Session> self,
                                                                  const ws::MessageHandler& handler,
                                                                  boost::json::object message);
  static asio::awaitable<Status> authorize(std::shared_ptr<Session> self, std::string topic);
  static asio::awaitable<Status> authenticate(std::shared_ptr<Session> self);
  void write_next();
  static asio::awaitable<void> close(std::shared_ptr<Session> self, websocket::close_reason why);

  websocket::stream<beast::tcp_stream> socket_;
  Request request_;
  ws::Hub& hub_;
  asio::any_io_executor workers_;
  const Config& config_;
  HttpMetrics& metrics_;
  std::shared_ptr<ConnectionSlot> slot_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::set<std::string, std::less<>> topics_;
  // The parsed message in hand lives here while it is small enough (handlers use it only during
  // the call, and the session reads the next message once it is answered): no allocation per
  // message.
  std::array<unsigned char, 1024> parse_buffer_{};
  bool writing_ = false;
  bool closing_ = false;
  bool close_sent_ = false;
};

void Session::enqueue(std::shared_ptr<const std::string> message) {
  if (closing_) return;
  if (queue_.size() >= config_.ws_send_queue_messages_max) {
    metrics_.ws_slow_consumers_dropped.inc();
    log::warn("ws_slow_consumer_dropped", {{"client_ip", request_.client_ip}});
    queue_.clear();
    closing_ = true;
    start_close(websocket::close_code::policy_error, "send queue full: client too slow");
    return;
  }
  queue_.push_back(std::move(message));
  if (!writing_) {
    writing_ = true;
    write_next();
  }
}

void Session::start_close(websocket::close_code code, const std::string& reason) {
  if (close_sent_) return;
  close_sent_ = true;
  asio::co_spawn(socket_.get_executor(),
                 close(shared_from_this(), websocket::close_reason(code, reason)), asio::detached);
}

asio::awaitable<void> Session::close(std::shared_ptr<Session> self, websocket::close_reason why) {
  co_await self->socket_.async_close(why, as_tuple_awaitable);
}

// Writes the queue's front, then the next, one write in flight at a time (writing_); a plain
// completion handler rather than a coroutine spawned per burst of messages. The handler holds
// the message, which a full queue's clear() may drop while it is being written.
void Session::write_next() {
  if (queue_.empty() || close_sent_) {
    writing_ = false;
    if (closing_) start_close(websocket::close_code::going_away, "server shutdown");
    return;
  }
  auto message = queue_.front();
  socket_.text(true);
  socket_.async_write(asio::buffer(*message),
                      [self = shared_from_this(), message](const boost::system::error_code& ec,
                                                           std::size_t /*bytes*/) {
                        if (ec)
                          self->queue_.clear();
                        else if (!self->queue_.empty())
                          self->queue_.pop_front();
                        self->write_next();
                      });
}

void Session::reply(const boost::json::object& message) {
  enqueue(std::make_shared<const std::string>(json::serialize(message)));
}

std::string exception_text(const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception not derived from std::exception";
  }
}

asio::awaitable<Status> Session::authorize(std::shared_ptr<Session> self, std::string topic) {
  co_return self->hub_.subscribe(self, self->request_, topic);
}

// The upgrade's caller (identity redeems a ticket: a database write), on the worker pool.
asio::awaitable<Status> Session::authenticate(std::shared_ptr<Session> self) {
  auto who = self->hub_.authenticate_upgrade(self->request_);
  if (!who) co_return std::unexpected(who.error());
  self->request_.principal = std::move(*who);
  co_return Status{};
}

// Subscribing runs the topic family's authorizer, which may read the database: on the worker
// pool, never on this I/O thread. The session reads its next message once the answer is back.
asio::awaitable<void> Session::subscribe(std::string topic) {
  if (topics_.size() >= config_.ws_topics_per_connection_max) {
    reply({{"type", "error"}, {"topic", topic}, {"detail", "too many subscriptions"}});
    co_return;
  }
  auto [failure, status] =
      co_await asio::co_spawn(workers_, authorize(shared_from_this(), topic), as_tuple_awaitable);
  if (failure) {
    log::error("ws_subscribe_failed", {{"topic", topic}, {"error", exception_text(failure)}});
    status = fail(ErrorCode::internal, "the subscription could not be checked");
  }
  if (!status) {
    const auto& info = error_info(status.error().code);
    reply({{"type", "error"},
           {"topic", topic},
           {"status", info.http_status},
           {"detail", status.error().detail}});
    co_return;
  }
  reply({{"type", "subscribed"}, {"topic", topic}});
  topics_.insert(std::move(topic));
}

asio::awaitable<Result<boost::json::object>> Session::run_handler(std::shared_ptr<Session> self,
                                                                  const ws::MessageHandler& handler,
                                                                  boost::json::object message) {
  co_return handler(self->request_, message);
}

// A module's message type: a handler that may block runs on the worker pool; one that never
// blocks runs here when the upgrade named its caller (ws::HandlerThread). The session reads the
// client's next message once the answer is back (the client's order). The route is the hub's
// own (it outlives every session), taken by reference rather than copied per message.
asio::awaitable<void> Session::handle(std::string type, const ws::MessageRoute& route,
                                      boost::json::object message) {
  std::exception_ptr failure;
  Result<boost::json::object> answer;
  if (route.thread == ws::HandlerThread::network && request_.principal) {
    try {
      answer = route.handle(request_, message);
    } catch (...) {
      failure = std::current_exception();
    }
  } else {
    std::tie(failure, answer) = co_await asio::co_spawn(
        workers_, run_handler(shared_from_this(), route.handle, std::move(message)),
        as_tuple_awaitable);
  }
  if (failure) {
    log::error("ws_message_failed", {{"type", type}, {"error", exception_text(failure)}});
    answer = fail(ErrorCode::internal, "the message could not be handled");
  }
  if (!answer) {
    const auto& info = error_info(answer.error().code);
    reply({{"type", "error"},
           {"for", type},
           {"status", info.http_status},
           {"detail", answer.error().detail}});
    co_return;
  }
  reply(*answer);
}

asio::awaitable<void> Session::on_text(std::string_view text) {
  boost::json::monotonic_resource arena(parse_buffer_.data(), parse_buffer_.size());
  boost::system::error_code ec;
  auto parsed = boost::json::parse(text, ec, &arena);
  const auto* obj = !ec ? parsed.if_object() : nullptr;
  const auto* type = obj ? obj->if_contains("type") : nullptr;
  if (type == nullptr || !type->is_string()) {
    reply({{"type", "error"}, {"detail", "send a JSON object with a string \"type\""}});
    co_return;
  }
  const auto kind = std::string_view(type->as_string());
  const auto* topic_value = obj->if_contains("topic");
  const std::string topic = topic_value && topic_value->is_string()
                                ? std::string(topic_value->as_string())
                                : std::string();
  if (kind == "ping") {
    reply({{"type", "pong"}});
  } else if (kind == "subscribe") {
    co_await subscribe(topic);
  } else if (kind == "unsubscribe") {
    hub_.unsubscribe(this, topic);
    topics_.erase(topic);
    reply({{"type", "unsubscribed"}, {"topic", topic}});
  } else if (const auto* route = hub_.message_route(kind)) {
    std::string name(kind);  // `kind` points into `parsed`, which the handler takes
    co_await handle(std::move(name), *route, std::move(parsed.as_object()));
  } else {
    reply({{"type", "error"}, {"detail", "unknown message type"}});
  }
}

asio::awaitable<void> Session::run(std::shared_ptr<Session> self, BeastRequest upgrade) {
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = std::chrono::milliseconds(self->config_.read_timeout_ms);
  timeouts.idle_timeout = std::chrono::milliseconds(self->config_.ws_ping_interval_ms) * 2;
  timeouts.keep_alive_pings = true;
  beast::get_lowest_layer(self->socket_).expires_never();
  self->socket_.set_option(timeouts);
  self->socket_.read_message_max(self->config_.ws_message_bytes_max);
  self->socket_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(bhttp::field::server, "reskflow"); }));
  auto [failure, who] =
      co_await asio::co_spawn(self->workers_, authenticate(self), as_tuple_awaitable);
  if (failure) who = fail(ErrorCode::internal, "the credentials could not be checked");
  auto [aec] = co_await self->socket_.async_accept(upgrade, as_tuple_awaitable);
  if (aec) co_return;
  if (!who) {
    // Accepted, then closed: a browser sees the close reason, never an HTTP status. A close
    // reason holds at most 123 bytes (RFC 6455 §5.5).
    constexpr std::size_t close_reason_bytes_max = 123;
    const auto reason = who.error().detail.substr(0, close_reason_bytes_max);
    co_await self->socket_.async_close(
        websocket::close_reason(websocket::close_code::policy_error, reason), as_tuple_awaitable);
    co_return;
  }
  self->hub_.attach(self);
  beast::flat_buffer buffer;
  for (;;) {
    auto [ec, n] = co_await self->socket_.async_read(buffer, as_tuple_awaitable);
    if (ec) break;
    if (self->socket_.got_text()) {
      const auto data = buffer.data();
      co_await self->on_text(std::string_view(static_cast<const char*>(data.data()), data.size()));
    } else {
      self->reply({{"type", "error"}, {"detail", "binary messages are not supported"}});
    }
    buffer.consume(buffer.size());
  }
  self->closing_ = true;
  self->hub_.detach(self.get());
}

}  // namespace

void start_websocket_session(beast::tcp_stream stream, BeastRequest upgrade, Request request,
                             ws::Hub& hub, asio::any_io_executor workers, const Config& config,
                             HttpMetrics& metrics, std::shared_ptr<ConnectionSlot> slot) {
  auto executor = stream.get_executor();
  auto session = std::make_shared<Session>(std::move(stream), std::move(request), hub,
                                           std::move(workers), config, metrics, std::move(slot));
  asio::co_spawn(executor, Session::run(std::move(session), std::move(upgrade)), asio::detached);
}

}  // namespace reskflow::http
