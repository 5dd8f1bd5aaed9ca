// The fault-injecting Stripe stand-in (stripe_server.h): one thread per connection, as the
// adapter opens a connection per request; a fault is drawn from the seed and the request's
// number, and never hits a key seen twice before.
#include "stripe_server.h"

#include <sys/socket.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <condition_variable>
#include <random>
#include <set>

#include "reskflow/core/http.h"

namespace reskflow::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using Fault = StripeServer::Fault;
using Answer = StripeServer::Answer;

struct StripeServer::State {
  std::uint64_t seed = 0;
  Odds odds;
  asio::io_context io;
  tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), 0}};
  mutable std::mutex mutex;
  std::map<std::string, Intent> intents;  // by id
  std::map<std::string, Answer> answers;  // by idempotency key
  std::map<std::string, int> times_seen;  // by idempotency key
  Counts counts;
  std::condition_variable idle;  // signalled when the last connection ends
  std::set<int> sockets;         // open connections, shut down when the server stops
  bool stopping = false;
};

namespace {

using Form = std::map<std::string, std::string>;

Answer error_answer(int status, std::string_view type, std::string_view message,
                    boost::json::object extra = {}) {
  extra["type"] = type;
  extra["message"] = message;
  return {status, boost::json::serialize(boost::json::object{{"error", std::move(extra)}})};
}

boost::json::object intent_json(const StripeServer::Intent& i) {
  boost::json::object out{{"id", i.id},         {"object", "payment_intent"},
                          {"amount", i.amount}, {"amount_received", i.amount_received},
                          {"currency", "eur"},  {"amount_refunded", i.amount_refunded},
                          {"status", i.status}, {"description", i.description}};
  if (i.status == "requires_action")
    out["next_action"] = {{"type", "redirect_to_url"},
                          {"redirect_to_url", {{"url", "https://hooks.stripe.com/3ds/" + i.id}}}};
  return out;
}

std::int64_t amount_of(const Form& form, const std::string& field) {
  const auto found = form.find(field);
  return found == form.end() ? 0 : std::stoll(found->second);
}

// The fault of the n-th request, from the seed: a client that makes the same calls in the same
// order meets the same faults.
Fault draw(const StripeServer::State& s, int request_number, int seen_before) {
  if (seen_before >= 2) return Fault::none;
  constexpr std::uint64_t golden = 0x9e3779b97f4a7c15U;  // spreads consecutive numbers
  std::mt19937_64 rng(s.seed + golden * static_cast<std::uint64_t>(request_number));
  const auto roll = static_cast<int>(rng() % 1000);
  if (roll < s.odds.outage_permille) return Fault::outage;
  if (roll < s.odds.outage_permille + s.odds.lost_answer_permille) return Fault::lost_answer;
  if (roll < s.odds.outage_permille + s.odds.lost_answer_permille + s.odds.timeout_permille)
    return Fault::timeout;
  return Fault::none;
}

Answer create(StripeServer::State& s, const Form& form) {
  StripeServer::Intent i;
  i.id = "pi_" + std::to_string(s.intents.size() + 1);
  i.amount = amount_of(form, "amount");
  i.description = form.contains("description") ? form.at("description") : "";
  i.status = "requires_capture";
  if (form.contains("payment_method") && form.at("payment_method") == StripeServer::declined_card) {
    i.status = "requires_payment_method";
    s.intents[i.id] = i;
    return error_answer(402, "card_error", "Your card was declined.",
                        {{"payment_intent", intent_json(i)}});
  }
  if (form.contains("payment_method") && form.at("payment_method") == StripeServer::challenge_card)
    i.status = "requires_action";
  s.intents[i.id] = i;
  return {200, boost::json::serialize(intent_json(i))};
}

Answer refund(StripeServer::State& s, const Form& form) {
  const auto found =
      s.intents.find(form.contains("payment_intent") ? form.at("payment_intent") : "");
  if (found == s.intents.end())
    return error_answer(404, "invalid_request_error", "No such payment_intent");
  auto& i = found->second;
  const auto amount = amount_of(form, "amount");
  if (i.status != "succeeded" || amount <= 0 || i.amount_refunded + amount > i.amount_received)
    return error_answer(400, "invalid_request_error", "Refund amount is greater than unrefunded");
  i.amount_refunded += amount;
  return {200, boost::json::serialize(boost::json::object{
                   {"id", "re_" + i.id + "_" + std::to_string(i.amount_refunded)},
                   {"object", "refund"},
                   {"status", "succeeded"}})};
}

// /v1/payment_intents/<id>/capture, /cancel or /increment_authorization.
Answer change(StripeServer::State& s, const std::string& path, const Form& form) {
  constexpr std::string_view prefix = "/v1/payment_intents/";
  const auto slash = path.rfind('/');
  const auto found = s.intents.find(path.substr(prefix.size(), slash - prefix.size()));
  if (found == s.intents.end())
    return error_answer(404, "invalid_request_error", "No such payment_intent");
  auto& i = found->second;
  const bool cancel = path.ends_with("/cancel");
  if (i.status != "requires_capture" && !(cancel && i.status == "requires_action"))
    return error_answer(400, "invalid_request_error", "This PaymentIntent's status is " + i.status);
  if (path.ends_with("/capture")) {
    const auto amount = amount_of(form, "amount_to_capture");
    if (amount <= 0 || amount > i.amount)
      return error_answer(400, "invalid_request_error", "amount_to_capture is too large");
    i.status = "succeeded";
    i.amount_received = amount;
    i.captures += 1;
  } else if (path.ends_with("/increment_authorization")) {
    const auto amount = amount_of(form, "amount");
    if (amount <= i.amount)
      return error_answer(400, "invalid_request_error",
                          "The amount must be greater than the currently authorized amount");
    i.amount = amount;
  } else {
    i.status = "canceled";
  }
  return {200, boost::json::serialize(intent_json(i))};
}

Answer perform(StripeServer::State& s, const std::string& path, const std::string& body) {
  std::vector<std::pair<std::string, std::string>> pairs;
  http::parse_query(body, pairs);
  const Form form(pairs.begin(), pairs.end());
  if (path == "/v1/payment_intents") return create(s, form);
  if (path == "/v1/refunds") return refund(s, form);
  if (path.starts_with("/v1/payment_intents/") &&
      (path.ends_with("/capture") || path.ends_with("/cancel") ||
       path.ends_with("/increment_authorization")))
    return change(s, path, form);
  return error_answer(404, "invalid_request_error", "Unrecognized request URL");
}

// The answer to one request, and the fault that decides whether it is sent.
std::pair<Fault, Answer> answer_to(StripeServer::State& s,
                                   const bhttp::request<bhttp::string_body>& r) {
  std::lock_guard lock(s.mutex);
  s.counts.requests += 1;
  if (r[bhttp::field::authorization] != "Bearer " + std::string(StripeServer::secret_key))
    return {Fault::none, error_answer(401, "invalid_request_error", "Invalid API Key provided")};
  const std::string key(r["Idempotency-Key"]);
  const auto fault = draw(s, s.counts.requests, s.times_seen[key]++);
  if (fault == Fault::outage) {
    s.counts.outages += 1;
    return {fault, error_answer(500, "api_error", "Something went wrong on Stripe's end.")};
  }
  s.counts.lost_answers += fault == Fault::lost_answer ? 1 : 0;
  s.counts.timeouts += fault == Fault::timeout ? 1 : 0;
  if (const auto replay = s.answers.find(key); replay != s.answers.end())
    return {fault, replay->second};
  auto answer = perform(s, std::string(r.target()), r.body());
  s.answers.emplace(key, answer);
  return {fault, std::move(answer)};
}

void serve_connection(StripeServer::State& s, tcp::socket& socket) {
  beast::flat_buffer buffer;
  bhttp::request<bhttp::string_body> request;
  beast::error_code ec;
  bhttp::read(socket, buffer, request, ec);
  if (ec) return;
  auto [fault, answer] = answer_to(s, request);
  if (fault == Fault::lost_answer) return;  // the socket closes unanswered
  if (fault == Fault::timeout) {
    // Hold the connection until the adapter's deadline closes it (or the server stops).
    bhttp::request<bhttp::string_body> never;
    bhttp::read(socket, buffer, never, ec);
    return;
  }
  bhttp::response<bhttp::string_body> response{static_cast<bhttp::status>(answer.status), 11};
  response.set(bhttp::field::content_type, "application/json");
  response.body() = std::move(answer.body);
  response.keep_alive(false);
  response.prepare_payload();
  bhttp::write(socket, response, ec);
  socket.shutdown(tcp::socket::shutdown_both, ec);
}

}  // namespace

StripeServer::StripeServer(std::uint64_t seed, Odds odds) : state_(std::make_unique<State>()) {
  state_->seed = seed;
  state_->odds = odds;
  acceptor_ = std::thread([this] { accept_loop(); });
}

StripeServer::~StripeServer() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
    ::shutdown(state_->acceptor.native_handle(), SHUT_RDWR);
    for (const int fd : state_->sockets) ::shutdown(fd, SHUT_RDWR);
  }
  acceptor_.join();
  std::unique_lock lock(state_->mutex);
  state_->idle.wait(lock, [this] { return state_->sockets.empty(); });
}

void StripeServer::accept_loop() {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket(state_->io);
    state_->acceptor.accept(socket, ec);
    std::lock_guard lock(state_->mutex);
    if (ec || state_->stopping) return;
    const int fd = socket.release();
    state_->sockets.insert(fd);
    // Detached, each with its own io_context: the destructor waits for `sockets` to empty.
    std::thread([s = state_.get(), fd] {
      asio::io_context io;
      tcp::socket connection(io, tcp::v4(), fd);
      serve_connection(*s, connection);
      std::lock_guard done(s->mutex);
      beast::error_code ignored;
      connection.close(ignored);  // under the lock: the number is never shut down once reused
      s->sockets.erase(fd);
      if (s->sockets.empty()) s->idle.notify_all();
    }).detach();
  }
}

std::string StripeServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(state_->acceptor.local_endpoint().port());
}

std::vector<StripeServer::Intent> StripeServer::intents() const {
  std::lock_guard lock(state_->mutex);
  std::vector<Intent> out;
  for (const auto& [id, intent] : state_->intents) out.push_back(intent);
  return out;
}

StripeServer::Counts StripeServer::counts() const {
  std::lock_guard lock(state_->mutex);
  return state_->counts;
}

std::string StripeServer::complete_challenge(const std::string& intent_id, bool passed) {
  std::lock_guard lock(state_->mutex);
  const auto found = state_->intents.find(intent_id);
  if (found == state_->intents.end() || found->second.status != "requires_action") return {};
  auto& i = found->second;
  i.status = passed ? "requires_capture" : "requires_payment_method";
  const auto type =
      passed ? "payment_intent.amount_capturable_updated" : "payment_intent.payment_failed";
  return boost::json::serialize(boost::json::object{{"id", "evt_" + i.id},
                                                    {"object", "event"},
                                                    {"type", type},
                                                    {"data", {{"object", intent_json(i)}}}});
}

}  // namespace reskflow::testing
