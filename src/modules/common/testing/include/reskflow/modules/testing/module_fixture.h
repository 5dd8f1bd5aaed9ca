// What every module's tests set up, once: a fresh database of each engine, the platform the
// modules under test are built on, a manual clock, the stand-in authenticator, the outbox relay,
// and the modules' routes served on loopback and called as a logged-in principal.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <set>
#include <source_location>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reskflow/bus/relay.h"
#include "reskflow/bus/transport.h"
#include "reskflow/core/config.h"
#include "reskflow/core/metrics.h"
#include "reskflow/core/router.h"
#include "reskflow/core/ws_hub.h"
#include "reskflow/modules/clock.h"
#include "reskflow/modules/module.h"
#include "reskflow/modules/testing/served_routes.h"
#include "reskflow/testing/client.h"
#include "test_database.h"

namespace reskflow::modules::testing {

// 2026-11-28T09:10:00Z: where every module test's clock starts.
inline constexpr std::int64_t test_start_us = 1'795'857'000'000'000;

using Headers = std::vector<std::pair<std::string, std::string>>;

// The value of a result the test cannot go on without: a failure ends the test with its detail.
template <class T>
T must(Result<T> result, std::source_location where = std::source_location::current()) {
  if (!result)
    throw std::runtime_error(result.error().detail + " (line " + std::to_string(where.line()) +
                             ")");
  return std::move(*result);
}

// A WebSocket client as the hub sees it: keeps every message.
class RecordingPeer final : public ws::Peer {
 public:
  void send(std::shared_ptr<const std::string> message) override {
    const std::scoped_lock lock(mutex_);
    messages_.push_back(*message);
  }
  void close_going_away() override {}
  std::vector<std::string> messages() const {
    const std::scoped_lock lock(mutex_);
    return messages_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> messages_;
};

// A module's fixture derives from this one: it migrates its tables and builds its modules on
// platform() in its SetUp, serves the modules whose routes it tests with serve({...}), and
// destroys them in release_modules(), which runs after serving stops and before the database
// goes. Instantiate its tests with RESKFLOW_ALL_ENGINES.
class ModuleFixture : public store::testing::EngineTest {
 protected:
  ModuleFixture();
  // A fresh database of the test's engine with the job leases' table, as the composition root
  // migrates it, so that leased loops run on PostgreSQL as on a node.
  void SetUp() override;
  void TearDown() final;
  // Destroys what the derived fixture built on the database, newest first.
  virtual void release_modules() {}

  Platform platform() { return {config, db(), node_->events, node_->hub, node_->registry}; }
  metrics::Registry& registry() { return node_->registry; }
  bus::InProcessTransport& events() { return node_->events; }
  ws::Hub& hub() { return node_->hub; }
  // Stops serving and relaying, and starts over with an empty registry, bus and hub, as a
  // restarted process would (destroy the modules built on the old ones first).
  void restart_platform();

  // Publishes an event as its module would (in its own transaction) and lets the relay deliver
  // it to the subscribers; the event's id, or "" after a failure the test records.
  std::string publish(std::string_view type, const std::string& subject, std::string payload);
  // Runs the relay until nothing is ready (create it with bus::migrations() migrated).
  void relay_all();

  // Adds the routes of `modules` to one router and serves it on 127.0.0.1 behind
  // stand_in_guard until the test ends.
  void serve(std::initializer_list<Module*> modules);
  std::uint16_t port() const { return served_->port(); }

  // A request to the served routes with `headers` only.
  reskflow::testing::HttpResult request(std::string_view method, std::string_view path,
                                        std::string body, Headers headers) const;
  // A request as `who` ("<role>:<user id>", see stand_in_guard; empty: no credentials), with
  // `body` sent as application/json when it is not empty.
  reskflow::testing::HttpResult call(std::string_view method, std::string_view path,
                                     const std::string& who = {}, std::string body = {}) const;
  reskflow::testing::HttpResult call_json(std::string_view method, std::string_view path,
                                          const std::string& who,
                                          const boost::json::object& body) const;
  // The answer's JSON object, and the fields its problem's "errors" name.
  static boost::json::object body_of(const reskflow::testing::HttpResult& result);
  static std::set<std::string> error_fields(const reskflow::testing::HttpResult& result);

  ManualClock clock{test_start_us};
  Config config;
  StandInAuthenticator authenticator;
  const std::string as_admin = "admin:admin-1";

 private:
  // What the composition root gives every module besides the database; replaced on a restart.
  struct Node {
    metrics::Registry registry;
    bus::InProcessTransport events;
    ws::Hub hub{registry};
  };

  std::unique_ptr<Node> node_;
  std::unique_ptr<bus::Relay> relay_;
  std::unique_ptr<http::Router> router_;
  std::unique_ptr<ServedRoutes> served_;
};

}  // namespace reskflow::modules::testing
