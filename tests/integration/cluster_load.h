// Clients of the balanced cluster (cluster_haproxy.h): one that retries what a dead or restarting
// node fails, as a phone app does, and a load of customers placing orders while their merchant
// accepts them, all through HAProxy.
#pragma once

#include <boost/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "reskflow/testing/client.h"

namespace reskflow::testing {

// Calls through the balancer and tries again, for up to a minute, after a broken connection,
// a 502, 503 or 504 (the node died, or the balancer has no node ready), and a 409 for an
// Idempotency-Key whose first try died with its node (docs/idempotency.md).
class BalancerClient {
 public:
  // Waits `backoff` before a retry, unless the caller is stopping: then false, and the failed
  // answer is returned.
  using Pause = std::function<bool(std::chrono::milliseconds backoff)>;

  // Without `pause`, retries at once.
  explicit BalancerClient(std::uint16_t port, Pause pause = {});

  HttpResult call(std::string_view method, const std::string& path, const std::string& token,
                  const boost::json::object& body = {}, const std::string& idempotency_key = {});
  // The answer's body as an object when it has `status`; throws with the answer otherwise.
  boost::json::object must(std::string_view method, const std::string& path,
                           const std::string& token, int status,
                           const boost::json::object& body = {});

  // 5xx answers seen, those retried included.
  std::size_t server_errors() const { return server_errors_; }
  std::size_t retries() const { return retries_; }
  // Whether the last call needed more than one try.
  bool retried() const { return retried_; }

 private:
  std::uint16_t port_;
  Pause pause_;
  std::unique_ptr<HttpClient> client_;
  std::size_t server_errors_ = 0;
  std::size_t retries_ = 0;
  bool retried_ = false;
};

// A new account's access token (or its whole answer), registered through `client`.
boost::json::object register_account(BalancerClient& client, const std::string& email,
                                     const std::string& role);

// A merchant delivering with the platform's couriers, one 12.00 item, and its customers.
struct LoadShop {
  std::string merchant_id;
  std::string owner_token;
  std::string item_id;
  std::vector<std::string> customers;  // access tokens
};

// Opens a shop named `name` (its accounts' emails start with it) with `customers` customers.
LoadShop open_load_shop(BalancerClient& client, const std::string& name, std::size_t customers);

// What the load's clients were told.
struct LoadReport {
  std::vector<std::string> placed;    // orders whose 201 reached their customer
  std::vector<std::string> accepted;  // orders whose acceptance (200) reached the merchant
  std::vector<std::string> failures;  // answers that no retry explains
  std::size_t retries = 0;
  std::size_t server_errors = 0;
};

// One thread per customer placing orders one after another (an Idempotency-Key each) and one
// merchant thread accepting each order placed, through the balancer, until stop(). Their retries
// back off from 10 ms to 250 ms, as an app's do, so that a balancer with no node ready (NATS
// away) is not flooded.
class OrderLoad {
 public:
  OrderLoad(std::uint16_t balancer_port, LoadShop shop);
  ~OrderLoad();
  OrderLoad(const OrderLoad&) = delete;
  OrderLoad& operator=(const OrderLoad&) = delete;

  // Until `count` orders in all have been accepted; false after `timeout` or a failure.
  bool wait_for_accepted(std::size_t count, std::chrono::milliseconds timeout);
  std::size_t accepted();
  // Stops the clients, waits for them, and says what they were told.
  LoadReport stop();

 private:
  void customer_loop(std::size_t customer);
  void merchant_loop();
  bool stopping();
  // Waits `backoff` or until stop(); false when stopping.
  bool pause(std::chrono::milliseconds backoff);
  void finish(const BalancerClient& client);
  void fail(const std::string& what, const HttpResult& answer);

  std::uint16_t port_;
  LoadShop shop_;
  std::mutex mutex_;
  std::condition_variable changed_;
  LoadReport report_;            // guarded by mutex_
  std::size_t handed_over_ = 0;  // placed orders the merchant has taken; guarded by mutex_
  bool stopping_ = false;        // guarded by mutex_
  std::vector<std::thread> threads_;
};

}  // namespace reskflow::testing
