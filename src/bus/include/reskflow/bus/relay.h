// The outbox relay: a background thread that hands committed events, in order, to each
// consumer of a Transport, at least once, with retries, backoff and a dead-letter table.
#pragma once

#include <chrono>
#include <compare>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "reskflow/bus/event.h"
#include "reskflow/bus/transport.h"
#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"

namespace boost::asio {
class thread_pool;
}  // namespace boost::asio

namespace reskflow::bus {

struct RelayOptions {
  // Events read per consumer per pass.
  std::size_t batch_events_max = 100;
  // Consumers served at once in a pass (each consumer by one thread at a time, in order): a
  // handler that waits for its database write does not hold back the other consumers, and on
  // SQLite their writes share group commits.
  std::size_t consumer_threads = 4;
  // Longest sleep between passes when no commit wakes the relay (other nodes' commits, retries).
  std::chrono::milliseconds poll_interval_ms{1000};
  // PostgreSQL: sleep before the next pass when committed events wait for an older transaction
  // still running (see docs/adr/0001-storage.md).
  std::chrono::milliseconds held_back_repoll_ms{10};
  // Deliveries of one event to one consumer before it is parked as a dead letter.
  int delivery_attempts_max = 8;
  // Backoff between deliveries of a failing event: doubles from initial up to max.
  std::chrono::milliseconds retry_backoff_initial_ms{100};
  std::chrono::milliseconds retry_backoff_max_ms{60'000};
  // A consumer is served by one relay at a time (one node); the owner renews its lease on
  // every pass and another node takes over when it lapses.
  std::chrono::milliseconds consumer_lease_ms{30'000};
  // Stable name of this node (pod name, hostname): a restarted node resumes its own leases at
  // once. Empty: a fresh UUID, so a restart waits for consumer_lease_ms.
  std::string owner;
  // Longest handler error kept with a dead letter.
  std::size_t error_detail_chars_max = 2000;
  // Delivered events are deleted from the outbox once older than this (RESKFLOW_OUTBOX_
  // RETENTION_HOURS): the background thread prunes every prune_interval_ms, at most
  // prune_batch_events_max rows per transaction.
  std::chrono::hours outbox_retention_hours{168};
  std::chrono::milliseconds prune_interval_ms{3'600'000};
  std::int64_t prune_batch_events_max = 1000;
  // Called when a background pass fails (database unreachable ...): log and count it.
  std::function<void(const Error&)> on_error;
  // Called after a background prune that deleted rows, with their number.
  std::function<void(std::int64_t)> on_pruned;
};

// Microseconds since the Unix epoch; injected so tests control backoff and leases.
using UnixMicrosClock = std::function<std::int64_t()>;

struct PassResult {
  std::size_t delivered = 0;          // handed to a consumer (acknowledged once per batch)
  std::size_t parked = 0;             // moved to the dead-letter table
  bool more_ready = false;            // a batch was full: run another pass now
  bool held_back = false;             // committed events wait for an older running transaction
  std::size_t consumers_waiting = 0;  // consumers in backoff after a failure
  std::optional<std::int64_t> next_retry_at_us;
};

struct DeadLetter {
  std::string consumer;
  Envelope event;
  int attempts = 0;
  std::string last_error;
  std::int64_t parked_at_us = 0;
};

class Relay {
 public:
  Relay(store::Database& db, Transport& transport, RelayOptions options = {},
        UnixMicrosClock clock = {});
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;
  ~Relay();  // stops the thread

  void start();
  // Stops taking work and joins the thread (the current delivery finishes first).
  void stop();
  // Makes the thread run a pass now (called after every commit that published).
  void wake();

  // One pass over every consumer, on the calling thread: delivers what is due.
  Result<PassResult> run_once();
  // Runs passes until nothing is ready (failing consumers wait for their backoff; committed
  // events held back by an older running transaction are waited for) or the deadline passes
  // (ErrorCode::timeout). For graceful shutdown, after stop().
  Result<PassResult> drain(std::chrono::steady_clock::time_point deadline);

  // Delivers a dead letter again now; on success it leaves the dead-letter table. not_found
  // when there is no such dead letter; the handler's error when it fails again.
  Status replay_dead_letter(std::string_view consumer, std::string_view event_id);

  // Deletes outbox rows every current consumer has passed and older than older_than_us, in
  // transactions of at most prune_batch_events_max rows. With no consumer at all, every row
  // older than that goes.
  Result<std::int64_t> prune(std::int64_t older_than_us);
  // prune() of what is older than outbox_retention_hours (what the background thread runs).
  Result<std::int64_t> prune_expired();

 private:
  struct Position {
    std::int64_t txid = -1;
    std::int64_t id = 0;
    auto operator<=>(const Position&) const = default;  // delivery order
  };
  // One read for a consumer: its events after its position (only types its pattern may match),
  // whether a later one waits for an older running transaction, and the newest settled outbox
  // row at the read, which it may move to once it has handled a batch that was not full.
  struct Batch {
    std::vector<Envelope> events;
    bool held_back = false;
    std::optional<Position> settled_end;
  };
  struct ConsumerState {
    std::string failing_event_id;
    int attempts = 0;
    std::int64_t retry_at_us = 0;
    // While the lease has more than half its time left, the position cached here is current
    // (nobody else may move it) and the pass skips the claim round trip.
    std::int64_t lease_until_us = 0;
    Position position;
  };

  Result<PassResult> run_pass();
  Status serve_consumer(const Route& route, PassResult& pass);
  Result<std::optional<Position>> claim(const std::string& consumer, std::int64_t now);
  Result<std::optional<Position>> position_of(const std::string& consumer, std::int64_t now);
  Result<Batch> fetch(const std::string& pattern, Position after);
  Status move_to(const std::string& consumer, std::optional<Position> done);
  Status park(const std::string& consumer, const Envelope& event, const Error& error, int attempts);
  Result<std::int64_t> prune_batch(std::int64_t older_than_us);
  void prune_if_due();
  void run_thread();

  store::Database& db_;
  Transport& transport_;
  const RelayOptions options_;
  const UnixMicrosClock clock_;
  const std::string owner_;
  std::mutex pass_mutex_;  // one pass at a time
  // Its keys are guarded by pass_mutex_ (a pass adds them before serving); an entry is touched
  // only by the thread serving that consumer in the pass.
  std::map<std::string, ConsumerState> consumers_;
  std::int64_t prune_due_at_us_ = 0;  // the background thread's only
  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool woken_ = false;                            // guarded by mutex_
  bool stopping_ = false;                         // guarded by mutex_
  std::optional<std::int64_t> next_retry_at_us_;  // guarded by mutex_
  std::thread thread_;
  // Serves consumers beside the pass's own thread (none when consumer_threads is 1).
  std::unique_ptr<boost::asio::thread_pool> helpers_;
  store::CommitSubscription commits_;
};

// Parks an event within tx (nothing when consumer already parked it): for transports whose
// consumers count their own deliveries (JetStream).
Status insert_dead_letter(store::Transaction& tx, const DeadLetter& letter);

// Dead letters of consumer, oldest first, at most limit.
Result<std::vector<DeadLetter>> list_dead_letters(store::Database& db, std::string_view consumer,
                                                  std::size_t limit);

}  // namespace reskflow::bus
