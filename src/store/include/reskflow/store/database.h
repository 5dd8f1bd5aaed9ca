// The storage interface: one Database per process, SQLite or PostgreSQL chosen by URL, and the
// Transaction a module runs its SQL in ($1, $2 placeholders; RETURNING, ON CONFLICT, CTEs).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/store/value.h"

namespace reskflow::store {

enum class Engine { sqlite, postgres };
std::string_view engine_name(Engine engine) noexcept;

// How a write transaction sees concurrent ones on PostgreSQL (SQLite is always serializable:
// one writer at a time). serializable is the default: read-modify-write code is correct as
// written and a conflict is retried. read_committed is for code that takes its own locks.
enum class Isolation { serializable, read_committed };

// Passed to DatabaseOptions::on_retry each time a transaction is retried (for logs, metrics).
struct RetryEvent {
  int attempt = 0;  // the attempt that failed, 1-based
  std::chrono::milliseconds backoff_ms{0};
  Error error;
};

struct DatabaseOptions {
  // SQLite: file used when the URL is empty.
  std::string sqlite_default_path = "reskflow.db";
  // SQLite: read-only connections beside the single writer (0 = reads share the writer).
  std::size_t sqlite_readers_max = 4;
  // SQLite: how long one statement waits for a lock held by another process.
  std::chrono::milliseconds sqlite_busy_timeout_ms{5000};
  // SQLite: write transactions that wait while another commits are run together in one SQLite
  // transaction, each in its own savepoint, and share one commit (one fsync). At most this many
  // in one commit; 1 commits each alone. Nobody is answered before the commit is durable.
  std::size_t sqlite_group_commit_units_max = 64;
  // PostgreSQL: connections in the pool.
  std::size_t postgres_connections_max = 8;
  // PostgreSQL: libpq connect_timeout.
  std::chrono::seconds postgres_connect_timeout_s{5};
  // How long a transaction waits for a free connection before failing with storage_busy.
  std::chrono::milliseconds pool_wait_timeout_ms{5000};
  // Prepared statements kept per connection; the cache is emptied when it is full.
  std::size_t statement_cache_entries_max = 256;
  // Busy / serialization failure / deadlock: attempts of one transaction, backoff between them
  // (doubling from initial to max, with jitter).
  int transaction_attempts_max = 10;
  std::chrono::milliseconds retry_backoff_initial_ms{1};
  std::chrono::milliseconds retry_backoff_max_ms{100};
  std::function<void(const RetryEvent&)> on_retry;
};

struct WriteOptions {
  Isolation isolation = Isolation::serializable;
};

// Counters since open, for /metrics.
struct DatabaseStats {
  std::uint64_t transactions_committed = 0;
  std::uint64_t transactions_rolled_back = 0;
  std::uint64_t transaction_retries = 0;
  std::uint64_t transactions_gave_up = 0;
  // Commits sent to the database: one per write transaction on PostgreSQL, one per group of
  // them on SQLite (see sqlite_group_commit_units_max). Read-only transactions are not counted.
  std::uint64_t commits = 0;
  // SQLite: write transactions waiting now for the group commit to take them.
  std::uint64_t writes_queued = 0;
  // Statements run inside transactions (query, exec, exec_script), committed or not.
  std::uint64_t statements = 0;
};

// A transaction in progress. Every statement error poisons it on both engines (as PostgreSQL
// does): later statements fail with the same error and it is rolled back, never committed.
class Transaction {
 public:
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Runs one statement and returns its rows (SELECT, or INSERT/UPDATE/DELETE ... RETURNING).
  Result<Rows> query(std::string_view sql, const Params& params = {});
  // Runs one statement and returns the number of rows it changed.
  Result<std::int64_t> exec(std::string_view sql, const Params& params = {});
  // Runs several ;-separated statements without parameters (migrations).
  Status exec_script(std::string_view sql);

  Engine engine() const noexcept { return engine_; }
  bool read_only() const noexcept { return read_only_; }
  // After a successful commit, listeners of this channel are called (Database::on_commit).
  void notify_after_commit(std::string_view channel);
  // The first error a statement hit, if any.
  const std::optional<Error>& failure() const noexcept { return failure_; }
  const std::vector<std::string>& channels_to_notify() const noexcept { return channels_; }
  // Statements run so far (DatabaseStats::statements adds them up).
  std::uint64_t statements() const noexcept { return statements_; }

 protected:
  Transaction(Engine engine, bool read_only) : engine_(engine), read_only_(read_only) {}
  virtual ~Transaction() = default;

 private:
  virtual Result<Rows> run_query(std::string_view sql, const Params& params) = 0;
  virtual Result<std::int64_t> run_exec(std::string_view sql, const Params& params) = 0;
  virtual Status run_script(std::string_view sql) = 0;
  template <class T>
  Result<T> remember(Result<T> result);

  Engine engine_;
  bool read_only_;
  std::optional<Error> failure_;
  std::vector<std::string> channels_;
  std::uint64_t statements_ = 0;
};

namespace detail {
class EngineTransaction;  // a Transaction with commit and rollback, defined by each engine
}

// Removes its listener when destroyed.
class CommitSubscription {
 public:
  CommitSubscription() = default;
  explicit CommitSubscription(std::function<void()> unsubscribe)
      : unsubscribe_(std::move(unsubscribe)) {}
  CommitSubscription(CommitSubscription&& other) noexcept
      : unsubscribe_(std::exchange(other.unsubscribe_, nullptr)) {}
  CommitSubscription& operator=(CommitSubscription&& other) noexcept;
  CommitSubscription(const CommitSubscription&) = delete;
  CommitSubscription& operator=(const CommitSubscription&) = delete;
  ~CommitSubscription();

 private:
  std::function<void()> unsubscribe_;
};

// A database handle: thread-safe, blocking (call it from the worker pool, never an I/O thread).
//
//   auto id = db.write([&](Transaction& tx) -> Result<std::string> {
//     auto rows = tx.query("INSERT INTO t(name) VALUES ($1) RETURNING id", {name});
//     if (!rows) return std::unexpected(rows.error());
//     return rows->front().text(0);
//   });
//
// write() runs fn in a read-write transaction and commits only when fn succeeds. On SQLITE_BUSY,
// PostgreSQL serialization failure (40001) or deadlock (40P01) it rolls back and runs fn again
// (so fn must have no effect outside tx), up to transaction_attempts_max times, then fails with
// ErrorCode::storage_busy. A unique or foreign-key violation is ErrorCode::conflict; other
// database errors are ErrorCode::internal (unavailable when the server cannot be reached).
class Database {
 public:
  // url: "" or "sqlite:PATH" or "sqlite::memory:" or "postgresql://..." / "postgres://...".
  static Result<std::unique_ptr<Database>> open(std::string_view url,
                                                const DatabaseOptions& options = {});
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  virtual ~Database();

  Engine engine() const noexcept { return engine_; }
  const DatabaseOptions& options() const noexcept { return options_; }

  template <class Fn>
  auto write(Fn&& fn) {
    return run_typed(Access::read_write, WriteOptions{}, std::forward<Fn>(fn));
  }
  template <class Fn>
  auto write(const WriteOptions& write_options, Fn&& fn) {
    return run_typed(Access::read_write, write_options, std::forward<Fn>(fn));
  }
  // A read-only transaction on one consistent snapshot (SQLite reader connection, PostgreSQL
  // REPEATABLE READ READ ONLY).
  template <class Fn>
  auto read(Fn&& fn) {
    return run_typed(Access::read_only, WriteOptions{}, std::forward<Fn>(fn));
  }

  // Round trip to the database for /health/ready.
  Status ping();

  // listener runs on the committing thread after every commit that notified channel; keep it
  // short (wake a thread). Destroy the subscription before what the listener refers to.
  [[nodiscard]] CommitSubscription on_commit(std::string channel, std::function<void()> listener);

  DatabaseStats stats() const;

 protected:
  enum class Access { read_only, read_write };
  Database(Engine engine, DatabaseOptions options);
  using Body = std::function<Status(Transaction&)>;
  // Starts a transaction on a connection it holds until the transaction is destroyed.
  virtual Result<std::unique_ptr<detail::EngineTransaction>> begin(Access access,
                                                                   Isolation isolation) = 0;
  // One attempt: begin, run the body, commit on success. A storage_busy result means "retry".
  // An engine may override it for writes (SQLite's group commit).
  virtual Status run_attempt(Access access, const WriteOptions& write_options, const Body& body);
  // Statistics: one transaction ended; one write commit was sent (covering one or more).
  void count_transaction(bool committed, std::uint64_t statements);
  void count_commit();
  // DatabaseStats::writes_queued.
  virtual std::size_t writes_queued() const { return 0; }
  void publish_commit(const std::vector<std::string>& channels);

 private:
  Status run(Access access, const WriteOptions& write_options, const Body& body);

  template <class Fn>
  auto run_typed(Access access, const WriteOptions& write_options, Fn&& fn)
      -> std::invoke_result_t<Fn&, Transaction&> {
    using R = std::invoke_result_t<Fn&, Transaction&>;
    if constexpr (std::is_same_v<R, Status>) {
      return run(access, write_options, Body(std::ref(fn)));
    } else {
      std::optional<R> out;
      const Status status = run(access, write_options, [&](Transaction& tx) -> Status {
        out.emplace(fn(tx));
        if (out->has_value()) return {};
        return std::unexpected(out->error());
      });
      if (!status) return std::unexpected(status.error());
      return std::move(*out);
    }
  }

  Engine engine_;
  DatabaseOptions options_;
  mutable std::mutex listeners_mutex_;
  std::uint64_t next_listener_id_ = 1;  // guarded by listeners_mutex_
  std::unordered_map<std::string, std::vector<std::pair<std::uint64_t, std::function<void()>>>>
      listeners_;  // guarded by listeners_mutex_
  mutable std::mutex stats_mutex_;
  DatabaseStats stats_;  // guarded by stats_mutex_
};

}  // namespace reskflow::store
