// Storage behaviour a module relies on, on both engines: commit, rollback, conflicts, retries,
// the shared SQL subset, typed values and durability; SQLite's group commit.
#include "reskflow/store/database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <limits>
#include <mutex>
#include <thread>

#include "reskflow/core/trace.h"
#include "test_database.h"

namespace reskflow::store {
namespace {

using testing::EngineTest;

Status create_counter(Database& db) {
  return db.write([](Transaction& tx) -> Status {
    if (auto made = tx.exec_script("CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT NOT "
                                   "NULL); INSERT INTO counter VALUES (1, 0)");
        !made) {
      return made;
    }
    return {};
  });
}

Result<std::int64_t> read_counter(Database& db) {
  return db.read([](Transaction& tx) -> Result<std::int64_t> {
    auto rows = tx.query("SELECT n FROM counter WHERE id = 1");
    if (!rows) return std::unexpected(rows.error());
    return rows->front().int64(0);
  });
}

// Read, then write what was read plus one: lost updates unless the engine serialises.
Status increment(Transaction& tx) {
  auto rows = tx.query("SELECT n FROM counter WHERE id = 1");
  if (!rows) return std::unexpected(rows.error());
  auto updated = tx.exec("UPDATE counter SET n = $1 WHERE id = 1", {rows->front().int64(0) + 1});
  if (!updated) return std::unexpected(updated.error());
  return {};
}

class DatabaseTest : public EngineTest {};

TEST_P(DatabaseTest, CommittedWriteIsVisibleToLaterReads) {
  ASSERT_TRUE(create_counter(db()));
  ASSERT_TRUE(db().write(increment));
  EXPECT_EQ(read_counter(db()).value(), 1);
}

TEST_P(DatabaseTest, FailedBodyRollsBackEverything) {
  ASSERT_TRUE(create_counter(db()));
  const Status status = db().write([](Transaction& tx) -> Status {
    if (auto done = increment(tx); !done) return done;
    return fail(ErrorCode::invalid_transition, "business rule said no");
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::invalid_transition);
  EXPECT_EQ(read_counter(db()).value(), 0);
}

TEST_P(DatabaseTest, UniqueViolationIsConflictWithDetail) {
  ASSERT_TRUE(create_counter(db()));
  const Status status = db().write([](Transaction& tx) -> Status {
    auto inserted = tx.exec("INSERT INTO counter (id, n) VALUES ($1, $2)", {std::int64_t{1}, 5});
    if (!inserted) return std::unexpected(inserted.error());
    return {};
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::conflict);
  EXPECT_FALSE(status.error().detail.empty());
}

TEST_P(DatabaseTest, StatementErrorPoisonsTheTransactionOnBothEngines) {
  ASSERT_TRUE(create_counter(db()));
  const Status status = db().write([](Transaction& tx) -> Status {
    EXPECT_TRUE(increment(tx));
    auto duplicate = tx.exec("INSERT INTO counter (id, n) VALUES (1, 1)");
    EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
    auto after = tx.query("SELECT 1");  // PostgreSQL would refuse: so do we, on SQLite too
    EXPECT_FALSE(after);
    return {};  // the body ignores the error: the transaction must still not commit
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::conflict);
  EXPECT_EQ(read_counter(db()).value(), 0);
}

TEST_P(DatabaseTest, RunsReturningOnConflictAndCtes) {
  auto result = db().write([](Transaction& tx) -> Result<std::vector<std::int64_t>> {
    if (auto made = tx.exec_script("CREATE TABLE stock (sku TEXT PRIMARY KEY, qty BIGINT)"); !made)
      return std::unexpected(made.error());
    std::vector<std::int64_t> seen;
    for (const std::int64_t qty : {3, 4}) {
      auto rows = tx.query(
          "INSERT INTO stock (sku, qty) VALUES ($1, $2) "
          "ON CONFLICT (sku) DO UPDATE SET qty = stock.qty + excluded.qty RETURNING qty",
          {"apple", qty});
      if (!rows) return std::unexpected(rows.error());
      seen.push_back(rows->front().int64(0));
    }
    auto cte = tx.query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1), "
        "total AS (SELECT sum(i) AS s FROM n) SELECT s + (SELECT qty FROM stock) FROM total",
        {std::int64_t{4}});
    if (!cte) return std::unexpected(cte.error());
    seen.push_back(cte->front().int64(0));
    return seen;
  });
  ASSERT_TRUE(result) << result.error().detail;
  EXPECT_EQ(*result, (std::vector<std::int64_t>{3, 7, 17}));
}

TEST_P(DatabaseTest, TypedValuesRoundTrip) {
  const Blob blob{std::byte{0}, std::byte{0xff}, std::byte{0x5c}, std::byte{0x27}};
  const std::string text = "it's \"quoted\" — ünïcode";
  auto rows = db().write([&](Transaction& tx) -> Result<Rows> {
    if (auto made = tx.exec_script(
            "CREATE TABLE v (i BIGINT, d DOUBLE PRECISION, t TEXT, b BYTEA, f BOOLEAN, n BIGINT)");
        !made)
      return std::unexpected(made.error());
    auto inserted =
        tx.exec("INSERT INTO v VALUES ($1, $2, $3, $4, $5, $6)",
                {std::numeric_limits<std::int64_t>::min(), 0.1, text, blob, true, null_value});
    if (!inserted) return std::unexpected(inserted.error());
    return tx.query("SELECT i, d, t, b, f, n, count(*) OVER () AS c FROM v WHERE f = $1", {true});
  });
  ASSERT_TRUE(rows) << rows.error().detail;
  ASSERT_EQ(rows->size(), 1u);
  const Row row = rows->front();
  EXPECT_EQ(row.int64(0), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(row.real(1), 0.1);
  EXPECT_EQ(row.text(2), text);
  EXPECT_EQ(row.blob(3), blob);
  EXPECT_TRUE(row.boolean(4));
  EXPECT_EQ(row.optional_int64(5), std::nullopt);
  EXPECT_TRUE(row.is_null(5));
  EXPECT_EQ(row.int64(6), 1);
  EXPECT_EQ(rows->column_index("c"), 6u);
}

TEST_P(DatabaseTest, PlaceholdersCanRepeatAndComeInAnyOrder) {
  auto rows = db().read([](Transaction& tx) {
    return tx.query("SELECT $2 || $1 || $2", {"a", "b"});
  });
  ASSERT_TRUE(rows) << rows.error().detail;
  EXPECT_EQ(rows->front().text(0), "bab");
  auto missing = db().read([](Transaction& tx) { return tx.query("SELECT $2", {"a"}); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::internal);
}

TEST_P(DatabaseTest, QueryRunsExactlyOneStatement) {
  auto two = db().write([](Transaction& tx) { return tx.exec("SELECT 1; SELECT 2"); });
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error().code, ErrorCode::internal);
}

TEST_P(DatabaseTest, ExecReportsAffectedRows) {
  ASSERT_TRUE(create_counter(db()));
  auto affected = db().write([](Transaction& tx) -> Result<std::int64_t> {
    if (auto more = tx.exec("INSERT INTO counter VALUES (2, 0), (3, 0)"); !more) return more;
    return tx.exec("UPDATE counter SET n = n + 1 WHERE id >= $1", {std::int64_t{2}});
  });
  ASSERT_TRUE(affected) << affected.error().detail;
  EXPECT_EQ(*affected, 2);
}

TEST_P(DatabaseTest, ReadTransactionsCannotWrite) {
  ASSERT_TRUE(create_counter(db()));
  const Status status = db().read(increment);
  EXPECT_FALSE(status);
  EXPECT_EQ(read_counter(db()).value(), 0);
}

TEST_P(DatabaseTest, ConcurrentWritersOnTwoHandlesLoseNoUpdate) {
  ASSERT_TRUE(create_counter(db()));
  auto other = scratch().open();
  ASSERT_TRUE(other) << other.error().detail;
  constexpr int increments_per_thread = 25;
  std::atomic<int> failures{0};
  auto work = [&](Database& handle) {
    for (int i = 0; i < increments_per_thread; ++i) {
      if (!handle.write(increment)) ++failures;
    }
  };
  std::thread first(work, std::ref(db()));
  std::thread second(work, std::ref(**other));
  first.join();
  second.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(read_counter(db()).value(), 2 * increments_per_thread);
}

// A and B both increment; A holds its transaction open until B has either committed
// (PostgreSQL: A's update then fails with 40001) or been refused (SQLite: busy). Whichever
// side lost is retried, and the total is exact.
TEST_P(DatabaseTest, ConflictingWriterIsRetried) {
  ASSERT_TRUE(create_counter(db()));
  std::mutex mutex;
  std::condition_variable changed;
  bool a_read = false, b_finished_or_refused = false;
  std::vector<Error> retried;
  auto note_retry = [&](const RetryEvent& event) {
    const std::lock_guard lock(mutex);
    retried.push_back(event.error);
    b_finished_or_refused = true;
    changed.notify_all();
  };
  auto a = scratch().open(DatabaseOptions{.on_retry = note_retry});
  auto b = scratch().open(DatabaseOptions{.sqlite_busy_timeout_ms = std::chrono::milliseconds{0},
                                          .on_retry = note_retry});
  ASSERT_TRUE(a && b);
  std::thread a_thread([&] {
    int attempt = 0;
    EXPECT_TRUE((*a)->write([&](Transaction& tx) -> Status {
      auto rows = tx.query("SELECT n FROM counter WHERE id = 1");
      if (!rows) return std::unexpected(rows.error());
      if (++attempt == 1) {
        std::unique_lock lock(mutex);
        a_read = true;
        changed.notify_all();
        changed.wait(lock, [&] { return b_finished_or_refused; });
      }
      auto updated =
          tx.exec("UPDATE counter SET n = $1 WHERE id = 1", {rows->front().int64(0) + 1});
      if (!updated) return std::unexpected(updated.error());
      return {};
    }));
  });
  {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return a_read; });
  }
  EXPECT_TRUE((*b)->write(increment));
  {
    const std::lock_guard lock(mutex);
    b_finished_or_refused = true;
    changed.notify_all();
  }
  a_thread.join();
  EXPECT_EQ(read_counter(db()).value(), 2);
  ASSERT_FALSE(retried.empty());
  EXPECT_EQ(retried.front().code, ErrorCode::storage_busy);
  EXPECT_GE((*a)->stats().transaction_retries + (*b)->stats().transaction_retries, 1u);
}

TEST_P(DatabaseTest, RetriesAreBoundedThenStorageBusy) {
  auto handle = scratch().open(DatabaseOptions{.transaction_attempts_max = 3});
  ASSERT_TRUE(handle);
  int attempts = 0;
  const Status status = (*handle)->write([&](Transaction&) -> Status {
    ++attempts;
    return fail(ErrorCode::storage_busy, "contended");
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::storage_busy);
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ((*handle)->stats().transactions_gave_up, 1u);
}

TEST_P(DatabaseTest, CommittedDataSurvivesReopening) {
  ASSERT_TRUE(create_counter(db()));
  {
    auto handle = scratch().open();
    ASSERT_TRUE(handle);
    ASSERT_TRUE((*handle)->write(increment));
  }
  auto reopened = scratch().open();
  ASSERT_TRUE(reopened);
  EXPECT_EQ(read_counter(**reopened).value(), 1);
}

TEST_P(DatabaseTest, CommitListenersRunOnlyAfterACommit) {
  ASSERT_TRUE(create_counter(db()));
  int calls = 0;
  {
    auto subscription = db().on_commit("counter", [&] { ++calls; });
    ASSERT_TRUE(db().write([](Transaction& tx) {
      tx.notify_after_commit("counter");
      return increment(tx);
    }));
    EXPECT_EQ(calls, 1);
    ASSERT_FALSE(db().write([](Transaction& tx) -> Status {
      tx.notify_after_commit("counter");
      return fail(ErrorCode::conflict, "no");
    }));
    EXPECT_EQ(calls, 1);
  }
  ASSERT_TRUE(db().write([](Transaction& tx) {
    tx.notify_after_commit("counter");
    return increment(tx);
  }));
  EXPECT_EQ(calls, 1);  // unsubscribed
}

TEST_P(DatabaseTest, StatsCountTransactionsAndTheirStatements) {
  ASSERT_TRUE(create_counter(db()));
  const auto before = db().stats();
  ASSERT_TRUE(db().write(increment));
  ASSERT_TRUE(read_counter(db()));
  ASSERT_FALSE(db().write([](Transaction& tx) -> Status {
    if (auto done = increment(tx); !done) return done;
    return fail(ErrorCode::invalid_transition, "business rule said no");
  }));
  const auto after = db().stats();
  EXPECT_EQ(after.transactions_committed - before.transactions_committed, 2u);
  EXPECT_EQ(after.transactions_rolled_back - before.transactions_rolled_back, 1u);
  EXPECT_EQ(after.statements - before.statements, 5u);  // 2 + 1 + 2
}

TEST_P(DatabaseTest, PingAnswers) { EXPECT_TRUE(db().ping()); }

INSTANTIATE_TEST_SUITE_P(Engines, DatabaseTest, RESKFLOW_ALL_ENGINES, testing::engine_test_name);

// SQLite group commit: writers that arrive while a commit is running wait, then share the next
// one, each in its own savepoint.
class GroupCommitTest : public ::testing::Test {
 protected:
  struct Outcome {
    std::int64_t id;
    Status status;
  };

  void SetUp() override {
    auto scratch = testing::ScratchDatabase::create(Engine::sqlite);
    ASSERT_TRUE(scratch) << scratch.error().detail;
    scratch_ = std::move(*scratch);
  }

  Result<std::unique_ptr<Database>> open(std::size_t units_max) {
    auto db = scratch_->open(DatabaseOptions{.sqlite_group_commit_units_max = units_max});
    if (db) {
      auto made = (*db)->write([](Transaction& tx) {
        return tx.exec_script("CREATE TABLE item (id BIGINT PRIMARY KEY)");
      });
      if (!made) return std::unexpected(made.error());
    }
    return db;
  }

  // Inserts `id` and then returns `verdict`.
  static Status insert(Database& db, std::int64_t id, const Status& verdict) {
    return db.write([&](Transaction& tx) -> Status {
      if (auto inserted = tx.exec("INSERT INTO item (id) VALUES ($1)", {id}); !inserted) {
        return std::unexpected(inserted.error());
      }
      return verdict;
    });
  }

  // Runs `first` as a write that, once it holds the commit, waits until `waiting` writes queue
  // behind it; `then` runs meanwhile (it makes those writes and joins them). First's status.
  static Status hold_commit(Database& db, std::size_t waiting,
                            const std::function<Status(Transaction&)>& first,
                            const std::function<void()>& then) {
    std::mutex mutex;
    std::condition_variable held_changed;
    bool held = false;
    Status status;
    std::thread leader([&] {
      status = db.write([&](Transaction& tx) -> Status {
        Status done = first(tx);
        {
          const std::lock_guard lock(mutex);
          held = true;
        }
        held_changed.notify_all();
        while (db.stats().writes_queued < waiting) std::this_thread::yield();
        return done;
      });
    });
    {
      std::unique_lock lock(mutex);
      held_changed.wait(lock, [&] { return held; });
    }
    then();
    leader.join();
    return status;
  }

  // Inserts 1 in a write that holds the commit until the `others` are queued behind it; every
  // write's outcome, the first one's first.
  static std::vector<Outcome> queue_behind_one(Database& db, std::vector<Outcome> others) {
    std::vector<Outcome> outcomes{{1, {}}};
    outcomes[0].status = hold_commit(
        db, others.size(),
        [](Transaction& tx) -> Status {
          if (auto inserted = tx.exec("INSERT INTO item (id) VALUES (1)"); !inserted) {
            return std::unexpected(inserted.error());
          }
          return {};
        },
        [&] {
          std::vector<std::thread> threads;
          for (auto& other : others) {
            threads.emplace_back(
                [&db, &other] { other.status = insert(db, other.id, other.status); });
          }
          for (auto& thread : threads) thread.join();
        });
    outcomes.insert(outcomes.end(), others.begin(), others.end());
    return outcomes;
  }

  static std::vector<std::int64_t> ids(Database& db) {
    auto rows =
        db.read([](Transaction& tx) { return tx.query("SELECT id FROM item ORDER BY id"); });
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; rows && i < rows->size(); ++i) out.push_back((*rows)[i].int64(0));
    return out;
  }

  std::unique_ptr<testing::ScratchDatabase> scratch_;
};

TEST_F(GroupCommitTest, WaitingWritesShareOneCommitAndAFailedOneIsUndoneAlone) {
  auto db = open(64);
  ASSERT_TRUE(db) << db.error().detail;
  const auto before = (*db)->stats();
  const auto outcomes =
      queue_behind_one(**db, {{2, {}},
                              {3, fail(ErrorCode::invalid_transition, "business rule said no")},
                              {1, {}},  // the first write's id: a unique violation
                              {4, {}}});
  ASSERT_EQ(outcomes.size(), 5u);
  EXPECT_TRUE(outcomes[0].status);
  EXPECT_TRUE(outcomes[1].status);
  EXPECT_EQ(outcomes[2].status.error().code, ErrorCode::invalid_transition);
  EXPECT_EQ(outcomes[3].status.error().code, ErrorCode::conflict);
  EXPECT_TRUE(outcomes[4].status);
  const auto after = (*db)->stats();
  EXPECT_EQ(after.commits - before.commits, 2u);  // the first write's, then the other four's
  EXPECT_EQ(after.transactions_committed - before.transactions_committed, 3u);
  EXPECT_EQ(after.transactions_rolled_back - before.transactions_rolled_back, 2u);
  EXPECT_EQ(ids(**db), (std::vector<std::int64_t>{1, 2, 4}));
}

// Two writes from two requests share a commit led by one of their threads: each body still runs
// in its own request's trace, so the events it publishes carry that trace (the NATS transport's
// test saw a consumer run in the leader's trace instead).
TEST_F(GroupCommitTest, EachWriteOfAGroupRunsInItsSubmittersTrace) {
  auto db = open(64);
  ASSERT_TRUE(db) << db.error().detail;
  std::vector<std::string> expected(2);
  std::vector<std::string> seen(2);
  const auto held = hold_commit(
      **db, 2, [](Transaction&) -> Status { return {}; },
      [&] {
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < 2; ++i) {
          threads.emplace_back([&, i] {
            const auto request = trace::new_root();
            expected[i] = request.trace_id;
            const trace::Scope scope(&request);
            const auto wrote = (*db)->write([&](Transaction&) -> Status {
              const auto* span = trace::current();
              seen[i] = span == nullptr ? "none" : span->trace_id;
              return {};
            });
            EXPECT_TRUE(wrote);
          });
        }
        for (auto& thread : threads) thread.join();
      });
  EXPECT_TRUE(held);
  EXPECT_EQ(seen, expected);
}

TEST_F(GroupCommitTest, ACommitTakesAtMostTheConfiguredNumberOfWrites) {
  auto db = open(2);
  ASSERT_TRUE(db) << db.error().detail;
  const auto before = (*db)->stats();
  const auto outcomes = queue_behind_one(**db, {{2, {}}, {3, {}}, {4, {}}});
  for (const auto& outcome : outcomes) EXPECT_TRUE(outcome.status) << outcome.id;
  EXPECT_EQ(ids(**db), (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ((*db)->stats().commits - before.commits, 3u);  // 1, then two, then one
}

TEST_F(GroupCommitTest, EveryWriteOfAGroupSurvivesReopening) {
  {
    auto db = open(64);
    ASSERT_TRUE(db) << db.error().detail;
    queue_behind_one(**db, {{2, {}}, {3, {}}});
  }
  auto reopened = scratch_->open();
  ASSERT_TRUE(reopened) << reopened.error().detail;
  EXPECT_EQ(ids(**reopened), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_F(GroupCommitTest, CommitListenersRunForTheWritesThatCommitted) {
  auto db = open(64);
  ASSERT_TRUE(db) << db.error().detail;
  std::atomic<int> calls{0};
  auto subscription = (*db)->on_commit("item", [&] { ++calls; });
  auto notify = [&](Status verdict) {
    return (*db)->write([&](Transaction& tx) -> Status {
      tx.notify_after_commit("item");
      return verdict;
    });
  };
  const Status first = hold_commit(
      **db, 2,
      [](Transaction& tx) -> Status {
        tx.notify_after_commit("item");
        return {};
      },
      [&] {
        std::thread kept([&] { EXPECT_TRUE(notify({})); });
        std::thread failed([&] { EXPECT_FALSE(notify(fail(ErrorCode::conflict, "no"))); });
        kept.join();
        failed.join();
      });
  EXPECT_TRUE(first);
  EXPECT_EQ(calls.load(), 2);
}

TEST_F(GroupCommitTest, AWriteStartedInsideAnotherFailsInsteadOfWaitingForItself) {
  auto db = open(64);
  ASSERT_TRUE(db) << db.error().detail;
  Status inner;
  const Status outer = (*db)->write([&](Transaction& tx) -> Status {
    if (auto inserted = tx.exec("INSERT INTO item (id) VALUES (1)"); !inserted) {
      return std::unexpected(inserted.error());
    }
    inner = insert(**db, 2, {});
    return {};
  });
  EXPECT_TRUE(outer);
  ASSERT_FALSE(inner);
  EXPECT_EQ(inner.error().code, ErrorCode::internal);
  EXPECT_EQ(ids(**db), (std::vector<std::int64_t>{1}));
}

TEST(DatabaseOpen, RejectsUnknownUrls) {
  auto db = Database::open("mysql://localhost/x");
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::bad_request);
}

TEST(DatabaseOpen, UnreachablePostgresIsUnavailable) {
  auto db = Database::open("postgresql://postgres@127.0.0.1:1/none",
                           DatabaseOptions{.postgres_connect_timeout_s = std::chrono::seconds{1}});
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::unavailable);
}

TEST(DatabaseOpen, InMemorySqliteKeepsDataAcrossTransactions) {
  auto db = Database::open("sqlite::memory:");
  ASSERT_TRUE(db) << db.error().detail;
  ASSERT_TRUE(create_counter(**db));
  ASSERT_TRUE((*db)->write(increment));
  EXPECT_EQ(read_counter(**db).value(), 1);
  EXPECT_EQ((*db)->engine(), Engine::sqlite);
}

}  // namespace
}  // namespace reskflow::store
