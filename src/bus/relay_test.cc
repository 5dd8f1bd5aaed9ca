// The relay on both engines: order, patterns, wake-up, restart after a crash, backoff and dead
// letters, leases, pruning, the backlog metrics read, the PostgreSQL outbox gap, and the trace
// an event carries from its producer to its consumers.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <thread>

#include "bus_testing.h"
#include "reskflow/bus/backlog.h"
#include "reskflow/core/log.h"
#include "reskflow/core/trace.h"
#include "reskflow/store/uuid.h"
#include "src/outbox_position.h"

namespace reskflow::bus {
namespace {

using testing::BusTest;
using testing::Recorder;
using namespace std::chrono_literals;

class RelayTest : public BusTest {};

// One pass that no other session held back. On PostgreSQL an older transaction still running
// anywhere in the cluster (another test binary's) holds new events back until it ends; the
// passes here count deliveries, so they wait for such a transaction to finish.
Result<PassResult> settled_pass(Relay& relay) {
  for (;;) {
    auto pass = relay.run_once();
    if (!pass || !pass->held_back) return pass;
    std::this_thread::yield();
  }
}

TEST_P(RelayTest, DeliversInCommitOrderToMatchingConsumers) {
  InProcessTransport transport;
  Recorder all, orders;
  ASSERT_TRUE(transport.subscribe("all", ">", all.handler()));
  ASSERT_TRUE(transport.subscribe("orders", "order.*", orders.handler()));
  ASSERT_TRUE(publish_one("order.placed", "1"));
  ASSERT_TRUE(publish_one("delivery.assigned", "2"));
  ASSERT_TRUE(db().write([](store::Transaction& tx) -> Status {
    for (const char* subject : {"3", "4"}) {
      if (auto id = publish(tx, Event{"order.paid", subject, "{}"}); !id) {
        return std::unexpected(id.error());
      }
    }
    return {};
  }));
  ASSERT_TRUE(publish_one("order.item.added", "5"));
  Relay relay(db(), transport, RelayOptions{}, clock());
  auto drained = relay.drain(testing::far_future());
  ASSERT_TRUE(drained) << drained.error().detail;
  EXPECT_EQ(all.subjects(), (std::vector<std::string>{"1", "2", "3", "4", "5"}));
  EXPECT_EQ(orders.subjects(), (std::vector<std::string>{"1", "3", "4"}));
  EXPECT_EQ(drained->delivered, 8u);
}

TEST_P(RelayTest, ReadsInBoundedBatches) {
  InProcessTransport transport;
  Recorder recorder;
  ASSERT_TRUE(transport.subscribe("recorder", ">", recorder.handler()));
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(publish_one("tick", std::to_string(i)));
  Relay relay(db(), transport, RelayOptions{.batch_events_max = 2}, clock());
  auto pass = settled_pass(relay);
  ASSERT_TRUE(pass) << pass.error().detail;
  EXPECT_EQ(pass->delivered, 2u);
  EXPECT_TRUE(pass->more_ready);
  ASSERT_TRUE(relay.drain(testing::far_future()));
  EXPECT_EQ(recorder.subjects().size(), 5u);
}

TEST_P(RelayTest, ACommitWakesTheRelayThread) {
  InProcessTransport transport;
  Recorder recorder;
  ASSERT_TRUE(transport.subscribe("recorder", ">", recorder.handler()));
  Relay relay(db(), transport, RelayOptions{.poll_interval_ms = std::chrono::hours{1}});
  relay.start();
  ASSERT_TRUE(publish_one("order.placed", "woken"));
  EXPECT_TRUE(recorder.wait_for_count(1));
  relay.stop();
  EXPECT_EQ(recorder.subjects(), std::vector<std::string>{"woken"});
}

// The consumer applied event 2 but the node died before the relay recorded it: after the
// restart only event 2 and later come again, and the inbox makes event 2 apply once.
TEST_P(RelayTest, RestartRedeliversOnlyUnacknowledgedEventsAndTheyApplyOnce) {
  std::map<std::string, int> deliveries;  // by subject
  auto apply = [&](const Envelope& event) {
    ++deliveries[event.subject];
    return handle_once(db(), "effects", event, [&](store::Transaction& tx) -> Status {
      auto inserted = tx.exec("INSERT INTO effects VALUES ('effects', $1)", {event.event_id});
      if (!inserted) return std::unexpected(inserted.error());
      return {};
    });
  };
  for (const char* subject : {"1", "2", "3"}) ASSERT_TRUE(publish_one("order.placed", subject));
  {
    InProcessTransport before_crash;
    ASSERT_TRUE(before_crash.subscribe("effects", ">", [&](const Envelope& event) -> Status {
      if (auto applied = apply(event); !applied) return applied;
      if (event.subject == "2") return fail(ErrorCode::unavailable, "node died before the ack");
      return {};
    }));
    Relay relay(db(), before_crash,
                RelayOptions{.retry_backoff_initial_ms = std::chrono::hours{1}, .owner = "node-1"},
                clock());
    auto pass = settled_pass(relay);
    ASSERT_TRUE(pass) << pass.error().detail;
    EXPECT_EQ(pass->delivered, 1u);
  }
  InProcessTransport after_restart;
  ASSERT_TRUE(after_restart.subscribe("effects", ">", apply));
  Relay relay(db(), after_restart, RelayOptions{.owner = "node-1"}, clock());
  auto drained = relay.drain(testing::far_future());
  ASSERT_TRUE(drained) << drained.error().detail;
  EXPECT_EQ(deliveries, (std::map<std::string, int>{{"1", 1}, {"2", 2}, {"3", 1}}));
  EXPECT_EQ(count("SELECT count(*) FROM effects"), 3);
  EXPECT_EQ(count("SELECT count(DISTINCT event_id) FROM effects"), 3);
}

TEST_P(RelayTest, FailingHandlerBacksOffThenParksTheEventAndItCanBeReplayed) {
  InProcessTransport transport;
  bool broken = true;
  int poison_calls = 0;
  std::vector<std::string> handled;
  ASSERT_TRUE(transport.subscribe("flaky", ">", [&](const Envelope& event) -> Status {
    if (event.subject == "poison") {
      ++poison_calls;
      if (broken) return fail(ErrorCode::unavailable, "partner API down");
    }
    handled.push_back(event.subject);
    return {};
  }));
  auto poison = publish_one("webhook.due", "poison");
  ASSERT_TRUE(poison);
  ASSERT_TRUE(publish_one("webhook.due", "fine"));
  Relay relay(db(), transport,
              RelayOptions{.delivery_attempts_max = 3, .retry_backoff_initial_ms = 100ms}, clock());
  auto pass = settled_pass(relay);
  ASSERT_TRUE(pass);
  EXPECT_EQ(pass->consumers_waiting, 1u);
  EXPECT_EQ(pass->next_retry_at_us, now_us_ + 100'000);
  ASSERT_TRUE(settled_pass(relay));
  EXPECT_EQ(poison_calls, 1) << "retried before its backoff";
  now_us_ += 100'000;
  ASSERT_TRUE(settled_pass(relay));
  EXPECT_EQ(poison_calls, 2);
  now_us_ += 199'000;
  ASSERT_TRUE(settled_pass(relay));
  EXPECT_EQ(poison_calls, 2) << "the backoff doubles";
  now_us_ += 1'000;
  pass = settled_pass(relay);
  ASSERT_TRUE(pass);
  EXPECT_EQ(poison_calls, 3);
  EXPECT_EQ(pass->parked, 1u);
  EXPECT_EQ(handled, std::vector<std::string>{"fine"}) << "later events go on after parking";

  auto letters = list_dead_letters(db(), "flaky", 10);
  ASSERT_TRUE(letters) << letters.error().detail;
  ASSERT_EQ(letters->size(), 1u);
  EXPECT_EQ(letters->front().event.event_id, *poison);
  EXPECT_EQ(letters->front().attempts, 3);
  EXPECT_NE(letters->front().last_error.find("partner API down"), std::string::npos);

  EXPECT_FALSE(relay.replay_dead_letter("flaky", *poison));  // still broken: kept
  broken = false;
  ASSERT_TRUE(relay.replay_dead_letter("flaky", *poison));
  EXPECT_EQ(handled, (std::vector<std::string>{"fine", "poison"}));
  EXPECT_TRUE(list_dead_letters(db(), "flaky", 10).value().empty());
  EXPECT_EQ(relay.replay_dead_letter("flaky", *poison).error().code, ErrorCode::not_found);
}

TEST_P(RelayTest, TheBacklogNamesTheOldestUndeliveredEventAndCountsDeadLetters) {
  InProcessTransport transport;
  ASSERT_TRUE(transport.subscribe("flaky", ">", [](const Envelope& event) -> Status {
    if (event.subject == "poison") return fail(ErrorCode::unavailable, "partner API down");
    return {};
  }));
  Relay relay(db(), transport, RelayOptions{.delivery_attempts_max = 1}, clock());
  ASSERT_TRUE(settled_pass(relay));  // the consumer takes its lease
  EXPECT_EQ(oldest_undelivered_at_us(db(), 0).value(), 0);
  EXPECT_EQ(dead_letter_count(db()).value(), 0);
  ASSERT_TRUE(publish_one("webhook.due", "poison"));
  ASSERT_TRUE(publish_one("webhook.due", "fine"));
  EXPECT_GT(oldest_undelivered_at_us(db(), 0).value(), 0);
  EXPECT_EQ(oldest_undelivered_at_us(db(), now_us_ + 3'600'000'000).value(), 0)
      << "a consumer no relay served since then is left out";
  ASSERT_TRUE(settled_pass(relay));
  EXPECT_EQ(oldest_undelivered_at_us(db(), 0).value(), 0);
  EXPECT_EQ(dead_letter_count(db()).value(), 1);
}

// A consumer far behind the newest event reads only its batch: the read after its position is
// a range of the outbox_position index on both engines, not a scan filtered row by row (which
// made a 300,000-event backlog cost 83 ms per batch and stalled every consumer at peak hour).
TEST_P(RelayTest, TheReadAfterAPositionIsARangeOfTheOutboxIndex) {
  const std::string read = "SELECT id FROM outbox WHERE " +
                           after_position_sql(db().engine(), "", "0", "5") +
                           " ORDER BY txid, id LIMIT 100";
  auto plan = db().write([&](store::Transaction& tx) -> Result<std::string> {
    const bool sqlite = tx.engine() == store::Engine::sqlite;
    // As on a large outbox: a tiny table is read whole or through a bitmap otherwise.
    for (const char* off :
         {"SET LOCAL enable_seqscan = off", "SET LOCAL enable_bitmapscan = off"}) {
      if (sqlite) break;
      if (auto done = tx.exec(off); !done) return std::unexpected(done.error());
    }
    auto rows = tx.query((sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + read);
    if (!rows) return std::unexpected(rows.error());
    std::string text;
    for (const store::Row row : *rows) text += row.text(sqlite ? 3 : 0) + "\n";
    return text;
  });
  ASSERT_TRUE(plan) << plan.error().detail;
  if (db().engine() == store::Engine::sqlite) {
    EXPECT_NE(plan->find("outbox_position (txid=? AND id>?)"), std::string::npos) << *plan;
  } else {
    EXPECT_NE(plan->find("Index Cond: (ROW(txid, id) > ROW("), std::string::npos) << *plan;
    EXPECT_EQ(plan->find("Sort"), std::string::npos) << *plan;
  }
}

// A consumer behind many events of types it does not take reads past them in one pass, and
// its position (which the backlog and the prune read) moves past them too: at peak hour the
// set-up's 200,000 registrations had stalled the deliveries consumer, 100 rows a pass, for
// twenty minutes.
TEST_P(RelayTest, AConsumerReadsPastOtherTypesInOnePass) {
  InProcessTransport transport;
  Recorder orders;
  ASSERT_TRUE(transport.subscribe("orders", "order.*", orders.handler()));
  Relay relay(db(), transport, RelayOptions{.batch_events_max = 10}, clock());
  ASSERT_TRUE(settled_pass(relay));  // the consumer takes its lease
  ASSERT_TRUE(db().write([](store::Transaction& tx) -> Status {
    for (int i = 0; i < 250; ++i) {
      if (auto id = publish(tx, Event{"user.registered", std::to_string(i), "{}"}); !id) {
        return std::unexpected(id.error());
      }
    }
    return {};
  }));
  ASSERT_TRUE(publish_one("order.placed", "wanted"));
  ASSERT_TRUE(publish_one("orders.placed", "another module's"));
  auto pass = settled_pass(relay);
  ASSERT_TRUE(pass) << pass.error().detail;
  EXPECT_EQ(pass->delivered, 1u);
  EXPECT_FALSE(pass->more_ready);
  EXPECT_EQ(orders.subjects(), std::vector<std::string>{"wanted"});
  EXPECT_EQ(oldest_undelivered_at_us(db(), 0).value(), 0) << "the position stayed behind";
}

// A consumer whose handler takes long (waiting for its database write behind the API's) does
// not hold back the others: the relay serves several consumers at once.
TEST_P(RelayTest, ASlowConsumerDoesNotHoldBackAnother) {
  InProcessTransport transport;
  std::mutex mutex;
  std::condition_variable changed;
  bool quick_ran = false;
  bool slow_saw_quick = false;
  ASSERT_TRUE(transport.subscribe("slow", ">", [&](const Envelope&) -> Status {
    std::unique_lock lock(mutex);
    slow_saw_quick = changed.wait_for(lock, 30s, [&] { return quick_ran; });
    return {};
  }));
  ASSERT_TRUE(transport.subscribe("quick", ">", [&](const Envelope&) -> Status {
    const std::lock_guard lock(mutex);
    quick_ran = true;
    changed.notify_all();
    return {};
  }));
  ASSERT_TRUE(publish_one("order.placed", "1"));
  Relay relay(db(), transport, RelayOptions{}, clock());
  auto drained = relay.drain(testing::far_future());
  ASSERT_TRUE(drained) << drained.error().detail;
  EXPECT_EQ(drained->delivered, 2u);
  EXPECT_TRUE(slow_saw_quick) << "the quick consumer waited for the slow one's handler";
}

// A (lower id, lower transaction id) is still running when B commits. A max-id cursor would
// deliver B and then skip A's rows for good; the relay must hold B back until A commits.
TEST_P(RelayTest, TransactionsCommittingOutOfIdOrderAreAllDelivered) {
  InProcessTransport transport;
  Recorder recorder;
  ASSERT_TRUE(transport.subscribe("recorder", ">", recorder.handler()));
  Relay relay(db(), transport, RelayOptions{}, clock());
  std::mutex mutex;
  std::condition_variable changed;
  bool a_started = false, release_a = false, b_committed = false;
  std::thread a([&] {
    EXPECT_TRUE(db().write([&](store::Transaction& tx) -> Status {
      if (auto id = publish(tx, Event{"gap.test", "a1", "{}"}); !id) {
        return std::unexpected(id.error());
      }
      std::unique_lock lock(mutex);
      a_started = true;
      changed.notify_all();
      changed.wait(lock, [&] { return release_a; });
      lock.unlock();
      if (auto id = publish(tx, Event{"gap.test", "a2", "{}"}); !id) {
        return std::unexpected(id.error());
      }
      return {};
    }));
  });
  {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return a_started; });
  }
  std::thread b([&] {
    EXPECT_TRUE(publish_one("gap.test", "b"));
    const std::lock_guard lock(mutex);
    b_committed = true;
    changed.notify_all();
  });
  if (engine() == store::Engine::postgres) {  // SQLite: B waits for A's write lock instead
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return b_committed; });
    lock.unlock();
    auto pass = relay.run_once();
    ASSERT_TRUE(pass) << pass.error().detail;
    EXPECT_EQ(pass->delivered, 0u) << "B must wait while A may still commit before it";
    EXPECT_TRUE(pass->held_back);
  }
  {
    const std::lock_guard lock(mutex);
    release_a = true;
    changed.notify_all();
  }
  a.join();
  b.join();
  auto drained = relay.drain(testing::far_future());
  ASSERT_TRUE(drained) << drained.error().detail;
  EXPECT_EQ(recorder.subjects(), (std::vector<std::string>{"a1", "a2", "b"}));
}

TEST_P(RelayTest, AnotherNodeTakesOverOnlyWhenTheLeaseLapses) {
  InProcessTransport first_transport, second_transport;
  Recorder first, second;
  ASSERT_TRUE(first_transport.subscribe("mailer", ">", first.handler()));
  ASSERT_TRUE(second_transport.subscribe("mailer", ">", second.handler()));
  const RelayOptions node_a{.consumer_lease_ms = 10s, .owner = "node-a"};
  const RelayOptions node_b{.consumer_lease_ms = 10s, .owner = "node-b"};
  Relay relay_a(db(), first_transport, node_a, clock());
  Relay relay_b(db(), second_transport, node_b, clock());
  ASSERT_TRUE(publish_one("mail.due", "1"));
  ASSERT_TRUE(relay_a.drain(testing::far_future()));
  ASSERT_TRUE(publish_one("mail.due", "2"));
  ASSERT_TRUE(relay_b.drain(testing::far_future()));
  EXPECT_TRUE(second.subjects().empty()) << "node-a still holds the lease";
  now_us_ += 10'000'001;  // node-a went away and its lease lapsed
  ASSERT_TRUE(relay_b.drain(testing::far_future()));
  EXPECT_EQ(first.subjects(), std::vector<std::string>{"1"});
  EXPECT_EQ(second.subjects(), std::vector<std::string>{"2"});
}

TEST_P(RelayTest, PruneKeepsWhatSomeConsumerStillNeeds) {
  InProcessTransport transport;
  Recorder recorder;
  bool late_fails = true;
  ASSERT_TRUE(transport.subscribe("fast", ">", recorder.handler()));
  ASSERT_TRUE(transport.subscribe("late", ">", [&](const Envelope&) -> Status {
    if (late_fails) return fail(ErrorCode::unavailable, "not yet");
    return {};
  }));
  ASSERT_TRUE(publish_one("tick", "1"));
  ASSERT_TRUE(publish_one("tick", "2"));
  Relay relay(db(), transport, RelayOptions{}, clock());
  ASSERT_TRUE(relay.drain(testing::far_future()));
  const std::int64_t later_us = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(relay.prune(later_us).value(), 0);
  late_fails = false;
  now_us_ += 3'600'000'000;
  ASSERT_TRUE(relay.drain(testing::far_future()));
  EXPECT_EQ(relay.prune(later_us).value(), 2);
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 0);
}

// The background job's prune: delivered events older than the retention go, in bounded
// batches; what a consumer still needs stays, however old, and so do young events.
TEST_P(RelayTest, PrunesDeliveredEventsOlderThanTheRetentionAndKeepsUndeliveredOnes) {
  InProcessTransport transport;
  Recorder recorder;
  bool late_fails = true;
  ASSERT_TRUE(transport.subscribe("fast", ">", recorder.handler()));
  ASSERT_TRUE(transport.subscribe("late", ">", [&](const Envelope& e) -> Status {
    if (late_fails && e.subject == "stuck") return fail(ErrorCode::unavailable, "not yet");
    return {};
  }));
  for (const char* subject : {"old-1", "old-2", "old-3", "stuck", "young"})
    ASSERT_TRUE(publish_one("tick", subject));
  const auto week_us = std::int64_t{168} * 3'600'000'000;
  now_us_ = store::unix_now_us() + 3'600'000'000;  // an hour from now
  const auto old_us = now_us_ - week_us - 1;
  ASSERT_TRUE(db().write([&](store::Transaction& tx) -> Status {
    auto aged = tx.exec("UPDATE outbox SET created_at_us = $1 WHERE subject <> 'young'", {old_us});
    if (!aged) return std::unexpected(aged.error());
    return {};
  }));
  Relay relay(db(), transport, RelayOptions{.prune_batch_events_max = 2}, clock());
  ASSERT_TRUE(relay.drain(testing::far_future()));
  EXPECT_EQ(relay.prune_expired().value(), 3);  // two batches
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE subject IN ('stuck', 'young')"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 2);
  late_fails = false;
  now_us_ += 3'600'000'000;  // past the backoff
  ASSERT_TRUE(relay.drain(testing::far_future()));
  EXPECT_EQ(relay.prune_expired().value(), 1);
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE subject = 'young'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 1);
}

TEST_P(RelayTest, PrunesByAgeAloneWithoutConsumers) {
  InProcessTransport transport;
  ASSERT_TRUE(publish_one("tick", "1"));
  Relay relay(db(), transport, RelayOptions{}, clock());
  EXPECT_EQ(relay.prune(std::numeric_limits<std::int64_t>::max()).value(), 1);
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 0);
}

// A broker's publisher as a transport sees it: every delivery fails while the broker is away.
class BrokerTransport final : public Transport {
 public:
  bool up = false;
  std::vector<std::string> published;
  Status subscribe(std::string, std::string, Handler) override {
    return fail(ErrorCode::conflict, "the broker's consumers are its own");
  }
  std::vector<Route> routes() const override { return {Route{"broker", ">", false}}; }
  Status deliver(std::string_view, const Envelope& event) override {
    if (!up) return fail(ErrorCode::unavailable, "broker unreachable");
    published.push_back(event.subject);
    return {};
  }
};

TEST_P(RelayTest, ARouteThatMustNotParkIsRetriedPastTheAttemptLimitUntilItSucceeds) {
  BrokerTransport broker;
  ASSERT_TRUE(publish_one("order.placed", "first"));
  ASSERT_TRUE(publish_one("order.placed", "second"));
  Relay relay(db(), broker,
              RelayOptions{.delivery_attempts_max = 2,
                           .retry_backoff_initial_ms = 100ms,
                           .retry_backoff_max_ms = 400ms},
              clock());
  std::vector<std::int64_t> delays_us;
  for (int pass = 0; pass < 5; ++pass) {
    auto result = settled_pass(relay);
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_EQ(result->parked, 0u);
    ASSERT_TRUE(result->next_retry_at_us);
    delays_us.push_back(*result->next_retry_at_us - now_us_);
    now_us_ = *result->next_retry_at_us;
  }
  EXPECT_EQ(delays_us, (std::vector<std::int64_t>{100'000, 200'000, 400'000, 400'000, 400'000}));
  EXPECT_EQ(count("SELECT count(*) FROM bus_dead_letters"), 0);
  broker.up = true;
  ASSERT_TRUE(settled_pass(relay));
  EXPECT_EQ(broker.published, (std::vector<std::string>{"first", "second"}));
}

// What a consumer's log line says about the trace it runs in.
struct LoggedTrace {
  std::string trace_id;
  std::string parent_span_id;
  std::string tracestate;
};

TEST_P(RelayTest, AConsumerRunsInTheTraceOfTheRequestThatPublished) {
  InProcessTransport transport;
  bool broken = false;
  std::map<std::string, LoggedTrace> seen;  // by subject
  ASSERT_TRUE(transport.subscribe("traced", ">", [&](const Envelope& event) -> Status {
    const auto line = boost::json::parse(log::render(log::Level::info, "handled", {}, ""));
    const auto* trace_id = line.as_object().if_contains("trace_id");
    const auto* span = trace::current();
    seen[event.subject] = {trace_id ? std::string(trace_id->as_string()) : "",
                           span ? span->parent_span_id : "", span ? span->tracestate : ""};
    if (broken) return fail(ErrorCode::unavailable, "down");
    return {};
  }));
  // A request that came with another vendor's tracestate: its events carry it on.
  const auto request = trace::span_for_request(
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "congo=t61rcWkgMzE");
  {
    const trace::Scope scope(&request);
    ASSERT_TRUE(publish_one("order.placed", "in-request"));
  }
  ASSERT_TRUE(publish_one("order.placed", "no-request"));
  Relay relay(db(), transport, RelayOptions{.delivery_attempts_max = 1}, clock());
  ASSERT_TRUE(relay.drain(testing::far_future()));
  EXPECT_EQ(seen["in-request"].trace_id, request.trace_id);
  EXPECT_EQ(seen["in-request"].parent_span_id, request.span_id);
  EXPECT_EQ(seen["in-request"].tracestate, "congo=t61rcWkgMzE");
  EXPECT_EQ(seen["no-request"].tracestate, "");
  EXPECT_EQ(seen["no-request"].trace_id.size(), 32u) << "a new trace for an untraced event";
  EXPECT_NE(seen["no-request"].trace_id, request.trace_id);

  // A parked event keeps its trace, and its replay runs in it.
  broken = true;
  std::string parked_id;
  {
    const trace::Scope scope(&request);
    parked_id = publish_one("order.placed", "parked").value();
  }
  ASSERT_TRUE(relay.drain(testing::far_future()));
  ASSERT_EQ(list_dead_letters(db(), "traced", 10).value().size(), 1u);
  seen.clear();
  broken = false;
  ASSERT_TRUE(relay.replay_dead_letter("traced", parked_id));
  EXPECT_EQ(seen["parked"].trace_id, request.trace_id);
  EXPECT_EQ(seen["parked"].tracestate, "congo=t61rcWkgMzE");
}

INSTANTIATE_TEST_SUITE_P(Engines, RelayTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::bus
