// The SQLite engine: WAL, synchronous=FULL, one writer connection and a pool of readers.
#include <sqlite3.h>

#include <memory>
#include <span>
#include <string>

#include "connection_pool.h"
#include "engine.h"
#include "group_commit.h"
#include "sqlite_connection.h"

namespace reskflow::store::detail {
namespace {

constexpr std::string_view memory_path = ":memory:";

using SqliteLease = ConnectionPool<SqliteConnection>::Lease;

// A transaction that owns its connection: reads, and writes with group commit turned off.
class SqliteTransaction final : public EngineTransaction {
 public:
  SqliteTransaction(SqliteLease lease, bool read_only)
      : EngineTransaction(Engine::sqlite, read_only), lease_(std::move(lease)) {}
  ~SqliteTransaction() override { rollback(); }

  Status start() {
    auto status = lease_->run_plain(read_only() ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE");
    open_ = status.has_value();
    return status;
  }
  Status commit() override {
    auto status = lease_->run_plain("COMMIT");
    if (status) open_ = false;
    return status;
  }
  void rollback() noexcept override {
    if (!open_) return;
    open_ = false;
    // SQLite ends a transaction itself after some errors; then there is nothing to undo.
    if (lease_->autocommit()) return;
    if (!lease_->run_plain("ROLLBACK")) lease_.discard();
  }

 private:
  Result<Rows> run_query(std::string_view sql, const Params& params) override {
    return lease_->query(sql, params);
  }
  Result<std::int64_t> run_exec(std::string_view sql, const Params& params) override {
    return lease_->exec(sql, params);
  }
  Status run_script(std::string_view sql) override { return lease_->run_plain(sql); }

  SqliteLease lease_;
  bool open_ = false;
};

// One unit of a group commit: a savepoint inside the batch's transaction, on the batch's
// connection. Its statements and failure are its own, as for any Transaction.
class SqliteUnitTransaction final : public Transaction {
 public:
  explicit SqliteUnitTransaction(SqliteConnection& connection)
      : Transaction(Engine::sqlite, false), connection_(connection) {}
  ~SqliteUnitTransaction() override = default;
  SqliteUnitTransaction(const SqliteUnitTransaction&) = delete;
  SqliteUnitTransaction& operator=(const SqliteUnitTransaction&) = delete;

 private:
  Result<Rows> run_query(std::string_view sql, const Params& params) override {
    return connection_.query(sql, params);
  }
  Result<std::int64_t> run_exec(std::string_view sql, const Params& params) override {
    return connection_.exec(sql, params);
  }
  Status run_script(std::string_view sql) override { return connection_.run_plain(sql); }

  SqliteConnection& connection_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, const DatabaseOptions& options);
  Status open_writer();

 private:
  Result<std::unique_ptr<EngineTransaction>> begin(Access access, Isolation isolation) override;
  Status run_attempt(Access access, const WriteOptions& write_options, const Body& body) override;
  void run_batch(std::span<CommitUnit* const> batch);
  bool run_unit(SqliteConnection& connection, CommitUnit& unit);
  std::size_t writes_queued() const override { return group_commit_.queued(); }
  Result<std::unique_ptr<SqliteConnection>> connect(bool writer);

  std::string path_;
  bool in_memory_;
  ConnectionPool<SqliteConnection> writer_;
  ConnectionPool<SqliteConnection> readers_;
  GroupCommit group_commit_;
};

SqliteDatabase::SqliteDatabase(std::string path, const DatabaseOptions& options)
    : Database(Engine::sqlite, options),
      path_(std::move(path)),
      in_memory_(path_ == memory_path),
      writer_(1, options.pool_wait_timeout_ms, [this] { return connect(true); }),
      readers_(options.sqlite_readers_max, options.pool_wait_timeout_ms,
               [this] { return connect(false); }),
      group_commit_(options.sqlite_group_commit_units_max,
                    [this](std::span<CommitUnit* const> batch) { run_batch(batch); }) {}

// A write joins the group commit: it returns once the commit that covers it is durable (or it
// failed), and is counted and announced on its caller's thread.
Status SqliteDatabase::run_attempt(Access access, const WriteOptions& write_options,
                                   const Body& body) {
  if (access == Access::read_only || options().sqlite_group_commit_units_max <= 1) {
    return Database::run_attempt(access, write_options, body);
  }
  CommitUnit unit(body);
  group_commit_.submit(unit);
  count_transaction(unit.result.has_value() && !unit.exception, unit.statements);
  if (unit.exception) std::rethrow_exception(unit.exception);
  if (unit.result) publish_commit(unit.channels);
  return unit.result;
}

// One SQLite transaction for the whole batch, a savepoint per unit, one COMMIT: one fsync.
// If the transaction does not survive (SQLite ends it after an I/O error, say) or the commit
// fails, no unit of the batch is kept; those that had succeeded fail (with storage_busy when
// their own body was not at fault, so Database::run runs them again: bodies have no effect
// outside the transaction).
void SqliteDatabase::run_batch(std::span<CommitUnit* const> batch) {
  auto lease = writer_.acquire();
  if (!lease) {
    for (CommitUnit* unit : batch) unit->result = std::unexpected(lease.error());
    return;
  }
  SqliteConnection& connection = **lease;
  if (auto begun = connection.run_plain("BEGIN IMMEDIATE"); !begun) {
    for (CommitUnit* unit : batch) unit->result = begun;
    return;
  }
  std::size_t ran = 0;
  bool intact = true;
  while (intact && ran < batch.size()) intact = run_unit(connection, *batch[ran++]);
  Status ended = intact ? connection.run_plain("COMMIT")
                        : fail(ErrorCode::storage_busy,
                               "sqlite: a transaction committed with this one failed it");
  if (ended) {
    count_commit();
    return;
  }
  if (!connection.autocommit() && !connection.run_plain("ROLLBACK")) lease->discard();
  // A failed COMMIT keeps its own code (busy is retried); a lost transaction is always retried.
  const Error undone{intact ? ended.error().code : ErrorCode::storage_busy,
                     "sqlite: group commit undone: " + ended.error().detail,
                     {}};
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const bool failed_it = !intact && i + 1 == ran;
    if (!failed_it && (i >= ran || batch[i]->result)) batch[i]->result = std::unexpected(undone);
  }
}

// Runs one unit in its own savepoint and keeps or undoes its writes. False when the batch's
// transaction did not survive it.
bool SqliteDatabase::run_unit(SqliteConnection& connection, CommitUnit& unit) {
  if (auto saved = connection.run_plain("SAVEPOINT unit"); !saved) {
    unit.result = saved;
    return false;
  }
  SqliteUnitTransaction tx(connection);
  Status status;
  const trace::Scope in_submitters_trace(unit.span);
  try {
    status = unit.body(tx);
  } catch (...) {
    unit.exception = std::current_exception();
    status = fail(ErrorCode::internal, "the transaction's body threw");
  }
  // As in Database::run_attempt: a retryable statement error wins over what the body made of it.
  if (const auto& failure = tx.failure()) {
    if (status || failure->code == ErrorCode::storage_busy) status = std::unexpected(*failure);
  }
  unit.statements = tx.statements();
  if (status) status = connection.run_plain("RELEASE unit");
  if (status) {
    unit.channels = tx.channels_to_notify();
    unit.result = {};
    return true;
  }
  unit.result = std::move(status);
  return !connection.autocommit() && connection.run_plain("ROLLBACK TO unit") &&
         connection.run_plain("RELEASE unit");
}

Result<std::unique_ptr<SqliteConnection>> SqliteDatabase::connect(bool writer) {
  sqlite3* raw = nullptr;
  const int flags = (writer ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READWRITE) |
                    SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path_.c_str(), &raw, flags, nullptr);
  auto connection = std::make_unique<SqliteConnection>(raw, options().statement_cache_entries_max);
  if (rc != SQLITE_OK) {
    return fail(ErrorCode::unavailable, "sqlite: cannot open " + path_ + ": " +
                                            (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, static_cast<int>(options().sqlite_busy_timeout_ms.count()));
  std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;";
  if (writer && !in_memory_) pragmas += "PRAGMA journal_mode=WAL;";
  if (!writer) pragmas += "PRAGMA query_only=ON;";
  if (auto status = connection->run_plain(pragmas); !status) {
    return std::unexpected(status.error());
  }
  return connection;
}

Status SqliteDatabase::open_writer() {
  auto writer = writer_.acquire();
  if (!writer) return std::unexpected(writer.error());
  if (!in_memory_) {
    sqlite3_stmt* raw = nullptr;
    sqlite3_prepare_v2((*writer)->get(), "PRAGMA journal_mode", -1, &raw, nullptr);
    const std::unique_ptr<sqlite3_stmt, SqliteStatementCloser> statement(raw);
    const bool wal =
        raw && sqlite3_step(raw) == SQLITE_ROW &&
        std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(raw, 0))) == "wal";
    if (!wal) return fail(ErrorCode::unavailable, "sqlite: cannot enable WAL on " + path_);
  }
  return {};
}

Result<std::unique_ptr<EngineTransaction>> SqliteDatabase::begin(Access access, Isolation) {
  const bool read_only = access == Access::read_only;
  const bool use_reader = read_only && !in_memory_ && options().sqlite_readers_max > 0;
  auto lease = use_reader ? readers_.acquire() : writer_.acquire();
  if (!lease) return std::unexpected(lease.error());
  auto tx = std::make_unique<SqliteTransaction>(std::move(*lease), read_only);
  if (auto status = tx->start(); !status) return std::unexpected(status.error());
  return tx;
}

}  // namespace

Result<std::unique_ptr<Database>> open_sqlite(const std::string& path,
                                              const DatabaseOptions& options) {
  auto db = std::make_unique<SqliteDatabase>(path, options);
  if (auto status = db->open_writer(); !status) return std::unexpected(status.error());
  return db;
}

}  // namespace reskflow::store::detail
