// The cluster test's clients (cluster_load.h).
#include "cluster_load.h"

#include <algorithm>
#include <atomic>
#include <stdexcept>

#include "api.h"
#include "shop.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

// How long a client keeps trying: beyond the balancer's detection of a dead node (two checks
// 250 ms apart) and an in-flight key's takeover (3 s), for a sanitizer build on 2 busy cores.
constexpr auto retry_deadline = 60s;
constexpr auto request_timeout = 30s;
constexpr auto backoff_initial = 10ms;
constexpr auto backoff_max = 250ms;

bool worth_retrying(int status, bool keyed, int attempt) {
  if (status == 0 || status == 502 || status == 503 || status == 504) return true;
  return status == 409 && keyed && attempt > 0;
}

// A key no other order of this test process uses.
std::string next_key(std::size_t customer) {
  static std::atomic<int> counter{0};
  return "load-" + std::to_string(customer) + "-" + std::to_string(++counter);
}

}  // namespace

BalancerClient::BalancerClient(std::uint16_t port, Pause pause)
    : port_(port), pause_(std::move(pause)) {}

HttpResult BalancerClient::call(std::string_view method, const std::string& path,
                                const std::string& token, const boost::json::object& body,
                                const std::string& idempotency_key) {
  const auto until = std::chrono::steady_clock::now() + retry_deadline;
  std::chrono::milliseconds backoff = backoff_initial;
  retried_ = false;
  for (int attempt = 0;; ++attempt) {
    HttpResult answer;
    try {
      if (!client_) client_ = std::make_unique<HttpClient>(port_, request_timeout);
      answer = testing::call(*client_, method, path, token, body, idempotency_key);
    } catch (const std::exception&) {
      client_.reset();  // the connection broke: the next try opens another
    }
    if (answer.status >= 500) ++server_errors_;
    if (!worth_retrying(answer.status, !idempotency_key.empty(), attempt) ||
        std::chrono::steady_clock::now() > until)
      return answer;
    ++retries_;
    retried_ = true;
    if (pause_ && !pause_(backoff)) return answer;
    backoff = std::min(backoff * 2, std::chrono::milliseconds(backoff_max));
  }
}

boost::json::object BalancerClient::must(std::string_view method, const std::string& path,
                                         const std::string& token, int status,
                                         const boost::json::object& body) {
  const auto answer = call(method, path, token, body);
  if (answer.status != status)
    throw std::runtime_error(std::string(method) + " " + path + ": " +
                             std::to_string(answer.status) + " " + answer.body);
  return json_of(answer);
}

boost::json::object register_account(BalancerClient& client, const std::string& email,
                                     const std::string& role) {
  return client.must("POST", "/v1/auth/register", {}, 201,
                     {{"email", email},
                      {"password", "plum tractor midnight"},
                      {"name", "N " + email},
                      {"role", role}});
}

LoadShop open_load_shop(BalancerClient& client, const std::string& name, std::size_t customers) {
  LoadShop shop;
  shop.owner_token =
      str(register_account(client, name + "-owner@example.com", "merchant"), "access_token");
  auto profile = luigis_profile();
  profile["name"] = name;
  profile["delivery_mode"] = "platform";
  shop.merchant_id =
      str(client.must("POST", "/v1/merchants", shop.owner_token, 201, profile), "id");
  const auto menu = "/v1/merchants/" + shop.merchant_id + "/menu";
  const auto category = str(
      client.must("POST", menu + "/categories", shop.owner_token, 201, {{"name", "Menu"}}), "id");
  shop.item_id =
      str(client.must("POST", menu + "/items", shop.owner_token, 201,
                      {{"category_id", category}, {"name", "Lasagne"}, {"price_minor", 1200}}),
          "id");
  for (std::size_t c = 0; c < customers; ++c) {
    const auto email = name + "-c" + std::to_string(c) + "@example.com";
    shop.customers.push_back(str(register_account(client, email, "customer"), "access_token"));
  }
  return shop;
}

OrderLoad::OrderLoad(std::uint16_t balancer_port, LoadShop shop)
    : port_(balancer_port), shop_(std::move(shop)) {
  for (std::size_t c = 0; c < shop_.customers.size(); ++c)
    threads_.emplace_back([this, c] { customer_loop(c); });
  threads_.emplace_back([this] { merchant_loop(); });
}

OrderLoad::~OrderLoad() { stop(); }

bool OrderLoad::pause(std::chrono::milliseconds backoff) {
  std::unique_lock lock(mutex_);
  return !changed_.wait_for(lock, backoff, [&] { return stopping_; });
}

bool OrderLoad::stopping() {
  const std::lock_guard lock(mutex_);
  return stopping_;
}

void OrderLoad::fail(const std::string& what, const HttpResult& answer) {
  const std::lock_guard lock(mutex_);
  report_.failures.push_back(what + ": " + std::to_string(answer.status) + " " + answer.body);
  changed_.notify_all();
}

void OrderLoad::finish(const BalancerClient& client) {
  const std::lock_guard lock(mutex_);
  report_.retries += client.retries();
  report_.server_errors += client.server_errors();
}

// A cart with one line, then the order. An answer that came after retries and is not the
// expected one (the first try's node died after acting) ends this order quietly: its customer
// was never told it was placed.
void OrderLoad::customer_loop(std::size_t customer) {
  BalancerClient client(port_,
                        [this](std::chrono::milliseconds backoff) { return pause(backoff); });
  const auto& token = shop_.customers[customer];
  while (!stopping()) {
    const auto opened =
        client.call("POST", "/v1/carts", token, {{"merchant_id", shop_.merchant_id}});
    if (opened.status != 200 && opened.status != 201) {
      if (!client.retried()) {
        fail("open a cart", opened);
        break;
      }
      continue;
    }
    const auto cart = str(json_of(opened), "id");
    const auto line = client.call("POST", "/v1/carts/" + cart + "/lines", token,
                                  {{"item_id", shop_.item_id}, {"quantity", 1}});
    if (line.status != 201) {
      if (!client.retried()) {
        fail("add a line", line);
        break;
      }
      continue;
    }
    const auto placed =
        client.call("POST", "/v1/orders", token, checkout_body(cart, 100, "4242424242424242"),
                    next_key(customer));
    if (placed.status != 201) {
      if (!client.retried()) {
        fail("place an order", placed);
        break;
      }
      continue;
    }
    const std::lock_guard lock(mutex_);
    report_.placed.push_back(str(json_of(placed), "id"));
    changed_.notify_all();
  }
  finish(client);
}

void OrderLoad::merchant_loop() {
  BalancerClient client(port_,
                        [this](std::chrono::milliseconds backoff) { return pause(backoff); });
  for (;;) {
    std::string order_id;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || handed_over_ < report_.placed.size(); });
      if (stopping_) break;
      order_id = report_.placed[handed_over_++];
    }
    const auto accepted = client.call("POST", "/v1/orders/" + order_id + "/accept",
                                      shop_.owner_token, {{"prep_time_minutes", 10}});
    if (accepted.status != 200) {
      // 409 after a retry: the first try's node accepted it and died before answering.
      if (!client.retried()) fail("accept " + order_id, accepted);
      continue;
    }
    const std::lock_guard lock(mutex_);
    report_.accepted.push_back(order_id);
    changed_.notify_all();
  }
  finish(client);
}

bool OrderLoad::wait_for_accepted(std::size_t count, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] {
    return report_.accepted.size() >= count || !report_.failures.empty();
  }) && report_.failures.empty();
}

std::size_t OrderLoad::accepted() {
  const std::lock_guard lock(mutex_);
  return report_.accepted.size();
}

LoadReport OrderLoad::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    changed_.notify_all();
  }
  for (auto& t : threads_) t.join();
  threads_.clear();
  const std::lock_guard lock(mutex_);
  return report_;
}

}  // namespace reskflow::testing
