// The JetStream transport against a real nats-server, on both engines: two nodes (each its own
// database handle, transport and relay) deliver each event once to each consumer, in order;
// a failed handler gets the event again; one that keeps failing parks it and the consumer goes
// on; events committed while NATS is down wait and arrive once each after its restart.
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "cluster_nats.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/bus/relay.h"
#include "reskflow/cluster/nats_transport.h"
#include "reskflow/core/trace.h"
#include "reskflow/testing/paths.h"
#include "test_database.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;
using bus::Envelope;

constexpr auto test_guard = 60s;  // only reached when broken

// What the consumers were handed, on any node, in order; waits without sleeping.
class Deliveries {
 public:
  void record(const std::string& consumer, const Envelope& event) {
    const std::lock_guard lock(mutex_);
    subjects_[consumer].push_back(event.subject);
    distinct_[consumer].insert(event.event_id);
    changed_.notify_all();
  }
  // Until consumer has been called `count` times.
  bool wait_for(const std::string& consumer, std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, test_guard, [&] { return subjects_[consumer].size() >= count; });
  }
  // Until consumer has been given `count` different events (redeliveries aside).
  bool wait_for_distinct(const std::string& consumer, std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, test_guard, [&] { return distinct_[consumer].size() >= count; });
  }
  std::vector<std::string> subjects(const std::string& consumer) {
    const std::lock_guard lock(mutex_);
    return subjects_[consumer];
  }
  void park(const bus::DeadLetter& letter) {
    const std::lock_guard lock(mutex_);
    parked_.push_back(letter.event.subject);
    changed_.notify_all();
  }
  bool wait_for_parked(std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, test_guard, [&] { return parked_.size() >= count; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, std::vector<std::string>> subjects_;
  std::map<std::string, std::set<std::string>> distinct_;
  std::vector<std::string> parked_;
};

// One node of the cluster: its own database handle, JetStream transport and outbox relay.
struct Node {
  std::unique_ptr<store::Database> db;
  std::unique_ptr<cluster::NatsTransport> transport;
  std::unique_ptr<bus::Relay> relay;

  ~Node() {
    if (relay) relay->stop();
    if (transport) transport->stop();
  }
};

class ClusterTransportTest : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    const auto url = test_nats_url();
    if (!url) GTEST_SKIP() << "RESKFLOW_TEST_NATS_URL is not set (scripts/test.sh starts NATS)";
    url_ = *url;
    EngineTest::SetUp();
    if (HasFatalFailure()) return;
    const std::array sets{bus::migrations()};
    auto migrated = store::migrate(db(), sets);
    ASSERT_TRUE(migrated) << migrated.error().detail;
    auto created = db().write([](store::Transaction& tx) {
      return tx.exec_script(
          "CREATE TABLE effects (consumer TEXT NOT NULL, event_id TEXT NOT NULL)");
    });
    ASSERT_TRUE(created) << created.error().detail;
    stream_ = unique_name("TEST_");
    prefix_ = unique_name("test") + ".events";
  }

  void TearDown() override {
    nodes_.clear();
    if (!stream_.empty()) delete_stream(url_, stream_);
    EngineTest::TearDown();
  }

  cluster::NatsTransportOptions options() {
    cluster::NatsTransportOptions o;
    o.url = url_;
    o.stream = stream_;
    o.subject_prefix = prefix_;
    o.retry_backoff_initial_ms = 10ms;
    o.retry_backoff_max_ms = 100ms;
    o.reconnect_wait_ms = 50ms;
    o.fetch_wait_ms = 200ms;
    o.on_parked = [this](const bus::DeadLetter& letter) { deliveries_.park(letter); };
    return o;
  }

  Node& start_node(const std::string& name, cluster::NatsTransportOptions transport_options) {
    auto node = std::make_unique<Node>();
    auto handle = scratch().open();
    EXPECT_TRUE(handle) << handle.error().detail;
    node->db = std::move(*handle);
    transport_options.node = name;
    auto transport = cluster::NatsTransport::open(*node->db, std::move(transport_options));
    EXPECT_TRUE(transport) << transport.error().detail;
    node->transport = std::move(*transport);
    bus::RelayOptions relay_options;
    relay_options.owner = name;
    relay_options.poll_interval_ms = 50ms;
    relay_options.retry_backoff_initial_ms = 10ms;
    relay_options.retry_backoff_max_ms = 100ms;
    relay_options.delivery_attempts_max = 2;  // the publisher must retry past it, never park
    node->relay = std::make_unique<bus::Relay>(*node->db, *node->transport, relay_options);
    nodes_.push_back(std::move(node));
    return *nodes_.back();
  }

  // A handler that applies its effect once per event (bus::handle_once) and then records the
  // call; kept by the fixture, whose nodes outlive the test body.
  bus::Handler& recording(Node& node, const std::string& consumer) {
    return handlers_.emplace_back([this, &node, consumer](const Envelope& event) -> Status {
      auto handled =
          bus::handle_once(*node.db, consumer, event, [&](store::Transaction& tx) -> Status {
            auto inserted = tx.exec("INSERT INTO effects (consumer, event_id) VALUES ($1, $2)",
                                    {consumer, event.event_id});
            if (!inserted) return std::unexpected(inserted.error());
            return {};
          });
      if (handled) deliveries_.record(consumer, event);
      return handled;
    });
  }

  void publish(Node& node, const std::string& type, const std::string& subject) {
    auto published = node.db->write([&](store::Transaction& tx) {
      return bus::publish(tx, bus::Event{type, subject, R"({"subject":")" + subject + R"("})"});
    });
    ASSERT_TRUE(published) << published.error().detail;
  }

  std::int64_t effects(const std::string& consumer) {
    auto rows = db().read([&](store::Transaction& tx) {
      return tx.query("SELECT COUNT(DISTINCT event_id) FROM effects WHERE consumer = $1",
                      {consumer});
    });
    EXPECT_TRUE(rows) << rows.error().detail;
    return rows ? rows->front().int64(0) : -1;
  }

  std::string url_;
  std::string stream_;
  std::string prefix_;
  Deliveries deliveries_;
  std::deque<bus::Handler> handlers_;
  int failures_left_ = 0;
  std::vector<std::unique_ptr<Node>> nodes_;  // last: stopped before what handlers use
};

std::vector<std::string> numbered(std::string_view prefix, int from, int to) {
  std::vector<std::string> out;
  for (int i = from; i < to; ++i) out.push_back(std::string(prefix) + std::to_string(i));
  return out;
}

TEST_P(ClusterTransportTest, DeliversEachEventOnceToEachConsumerInOrderAcrossTwoNodes) {
  Node& a = start_node("node-a", options());
  Node& b = start_node("node-b", options());
  for (Node* node : {&a, &b}) {
    ASSERT_TRUE(
        node->transport->subscribe("orders.audit", "order.*", recording(*node, "orders.audit")));
    ASSERT_TRUE(node->transport->subscribe("everything", ">", recording(*node, "everything")));
  }
  a.relay->start();
  b.relay->start();
  for (int i = 0; i < 10; ++i) {
    publish(i % 2 == 0 ? a : b, "order.placed", "o" + std::to_string(i));
    publish(i % 2 == 0 ? b : a, "cart.updated", "c" + std::to_string(i));
  }
  ASSERT_TRUE(deliveries_.wait_for_distinct("orders.audit", 10));
  ASSERT_TRUE(deliveries_.wait_for_distinct("everything", 20));
  EXPECT_EQ(deliveries_.subjects("orders.audit"), numbered("o", 0, 10));
  EXPECT_EQ(effects("orders.audit"), 10);
  EXPECT_EQ(effects("everything"), 20);
  auto dead = bus::list_dead_letters(db(), "orders.audit", 10);
  ASSERT_TRUE(dead);
  EXPECT_TRUE(dead->empty());
}

TEST_P(ClusterTransportTest, AConsumerOnAnotherNodeRunsInThePublishersTrace) {
  Node& a = start_node("node-a", options());
  Node& b = start_node("node-b", options());
  // Records, in place of the subject, the trace the handler ran in and its tracestate.
  ASSERT_TRUE(b.transport->subscribe("traced", "order.*", [this](const Envelope& event) -> Status {
    Envelope seen = event;
    const auto* span = trace::current();
    seen.subject = span == nullptr ? "none" : span->trace_id + " " + span->tracestate;
    deliveries_.record("traced", seen);
    return {};
  }));
  a.relay->start();
  b.relay->start();
  auto request = trace::new_root();
  request.tracestate = "congo=t61rcWkgMzE";
  {
    const trace::Scope scope(&request);
    publish(a, "order.placed", "o1");
  }
  ASSERT_TRUE(deliveries_.wait_for("traced", 1));
  EXPECT_EQ(deliveries_.subjects("traced").front(), request.trace_id + " congo=t61rcWkgMzE");
}

TEST_P(ClusterTransportTest, RedeliversAnEventWhoseHandlerFailedBeforeTheNextOne) {
  Node& a = start_node("node-a", options());
  failures_left_ = 2;
  auto& handle = recording(a, "flaky");
  ASSERT_TRUE(a.transport->subscribe("flaky", "order.*", [&](const Envelope& event) -> Status {
    if (event.subject == "o1" && failures_left_ > 0) {
      --failures_left_;
      deliveries_.record("flaky", event);
      return fail(ErrorCode::unavailable, "downstream is down");
    }
    return handle(event);
  }));
  a.relay->start();
  for (int i = 0; i < 3; ++i) publish(a, "order.placed", "o" + std::to_string(i));
  ASSERT_TRUE(deliveries_.wait_for("flaky", 5));
  EXPECT_EQ(deliveries_.subjects("flaky"),
            (std::vector<std::string>{"o0", "o1", "o1", "o1", "o2"}));
  EXPECT_EQ(effects("flaky"), 3);
}

TEST_P(ClusterTransportTest, ParksAnEventThatKeepsFailingAndGoesOn) {
  auto transport_options = options();
  transport_options.delivery_attempts_max = 3;
  Node& a = start_node("node-a", transport_options);
  auto& handle = recording(a, "strict");
  ASSERT_TRUE(a.transport->subscribe("strict", "order.*", [&](const Envelope& event) -> Status {
    if (event.subject == "poison") return fail(ErrorCode::internal, "cannot read this order");
    return handle(event);
  }));
  a.relay->start();
  publish(a, "order.placed", "o0");
  publish(a, "order.placed", "poison");
  publish(a, "order.placed", "o1");
  ASSERT_TRUE(deliveries_.wait_for_parked(1));
  ASSERT_TRUE(deliveries_.wait_for("strict", 2));
  EXPECT_EQ(deliveries_.subjects("strict"), (std::vector<std::string>{"o0", "o1"}));
  auto dead = bus::list_dead_letters(db(), "strict", 10);
  ASSERT_TRUE(dead) << dead.error().detail;
  ASSERT_EQ(dead->size(), 1u);
  EXPECT_EQ(dead->front().event.subject, "poison");
  EXPECT_EQ(dead->front().attempts, 3);
  EXPECT_EQ(dead->front().last_error, "cannot read this order");
}

TEST_P(ClusterTransportTest, EventsCommittedWhileNatsIsDownArriveOnceEachAfterItsRestart) {
  TempDir store;
  NatsServer server(store.path());
  ASSERT_TRUE(server.start());
  url_ = server.url();
  // An acknowledgement lost with the server comes back as a redelivery after the ack wait.
  auto transport_options = options();
  transport_options.ack_wait_ms = 1s;
  Node& a = start_node("node-a", transport_options);
  Node& b = start_node("node-b", transport_options);
  for (Node* node : {&a, &b}) {
    ASSERT_TRUE(
        node->transport->subscribe("orders.audit", "order.*", recording(*node, "orders.audit")));
  }
  a.relay->start();
  b.relay->start();
  for (int i = 0; i < 5; ++i) publish(a, "order.placed", "o" + std::to_string(i));
  ASSERT_TRUE(deliveries_.wait_for_distinct("orders.audit", 5));

  server.stop();
  for (int i = 5; i < 10; ++i) publish(i % 2 == 0 ? a : b, "order.placed", "o" + std::to_string(i));
  ASSERT_TRUE(server.start());

  ASSERT_TRUE(deliveries_.wait_for_distinct("orders.audit", 10));
  EXPECT_EQ(effects("orders.audit"), 10);
  auto dead =
      bus::list_dead_letters(db(), std::string(cluster::NatsTransport::publisher_consumer), 10);
  ASSERT_TRUE(dead) << dead.error().detail;
  EXPECT_TRUE(dead->empty());
  nodes_.clear();
  delete_stream(url_, stream_);
  stream_.clear();
}

INSTANTIATE_TEST_SUITE_P(Engines, ClusterTransportTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::testing
