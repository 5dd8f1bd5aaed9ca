// Database and Transaction: URL dispatch, the retry loop, commit listeners and statistics.
#include "reskflow/store/database.h"

#include <algorithm>
#include <random>
#include <thread>

#include "engine.h"

namespace reskflow::store {

std::string_view engine_name(Engine engine) noexcept {
  return engine == Engine::sqlite ? "sqlite" : "postgres";
}

// ---- Transaction ----------------------------------------------------------------------------

template <class T>
Result<T> Transaction::remember(Result<T> result) {
  if (!result && !failure_) failure_ = result.error();
  return result;
}

Result<Rows> Transaction::query(std::string_view sql, const Params& params) {
  if (failure_) return std::unexpected(*failure_);
  ++statements_;
  return remember(run_query(sql, params));
}

Result<std::int64_t> Transaction::exec(std::string_view sql, const Params& params) {
  if (failure_) return std::unexpected(*failure_);
  ++statements_;
  return remember(run_exec(sql, params));
}

Status Transaction::exec_script(std::string_view sql) {
  if (failure_) return std::unexpected(*failure_);
  ++statements_;
  return remember(run_script(sql));
}

void Transaction::notify_after_commit(std::string_view channel) {
  if (std::find(channels_.begin(), channels_.end(), channel) == channels_.end()) {
    channels_.emplace_back(channel);
  }
}

// ---- CommitSubscription ---------------------------------------------------------------------

CommitSubscription& CommitSubscription::operator=(CommitSubscription&& other) noexcept {
  if (this != &other) {
    if (unsubscribe_) unsubscribe_();
    unsubscribe_ = std::exchange(other.unsubscribe_, nullptr);
  }
  return *this;
}

CommitSubscription::~CommitSubscription() {
  if (unsubscribe_) unsubscribe_();
}

// ---- Database -------------------------------------------------------------------------------

namespace {

constexpr std::string_view sqlite_prefix = "sqlite:";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::chrono::milliseconds backoff_for(const DatabaseOptions& options, int attempt) {
  const auto initial = std::max(options.retry_backoff_initial_ms, std::chrono::milliseconds{1});
  auto delay = initial;
  for (int i = 1; i < attempt && delay < options.retry_backoff_max_ms; ++i) delay *= 2;
  delay = std::min(delay, options.retry_backoff_max_ms);
  // Full jitter in [delay/2, delay] so that two contending writers drift apart.
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::uniform_int_distribution<std::int64_t> jitter(delay.count() / 2, delay.count());
  return std::chrono::milliseconds{jitter(random)};
}

}  // namespace

Result<std::unique_ptr<Database>> Database::open(std::string_view url,
                                                 const DatabaseOptions& options) {
  if (url.empty()) return detail::open_sqlite(options.sqlite_default_path, options);
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
    return detail::open_postgres(std::string(url), options);
  }
  if (starts_with(url, sqlite_prefix)) {
    std::string_view path = url.substr(sqlite_prefix.size());
    if (starts_with(path, "//")) path.remove_prefix(2);  // sqlite:///abs/path
    if (path.empty()) return fail(ErrorCode::bad_request, "sqlite URL without a path");
    return detail::open_sqlite(std::string(path), options);
  }
  return fail(ErrorCode::bad_request,
              "unsupported database URL (use sqlite:PATH or postgresql://...)");
}

Database::Database(Engine engine, DatabaseOptions options)
    : engine_(engine), options_(std::move(options)) {}

Database::~Database() = default;

Status Database::run(Access access, const WriteOptions& write_options, const Body& body) {
  const int attempts_max = std::max(options_.transaction_attempts_max, 1);
  Error last;
  for (int attempt = 1; attempt <= attempts_max; ++attempt) {
    Status status = run_attempt(access, write_options, body);
    if (status || status.error().code != ErrorCode::storage_busy) return status;
    last = std::move(status.error());
    if (attempt == attempts_max) break;
    const auto backoff = backoff_for(options_, attempt);
    {
      const std::lock_guard lock(stats_mutex_);
      ++stats_.transaction_retries;
    }
    if (options_.on_retry) options_.on_retry(RetryEvent{attempt, backoff, last});
    std::this_thread::sleep_for(backoff);
  }
  {
    const std::lock_guard lock(stats_mutex_);
    ++stats_.transactions_gave_up;
  }
  return fail(ErrorCode::storage_busy,
              "gave up after " + std::to_string(attempts_max) + " attempts: " + last.detail);
}

Status Database::run_attempt(Access access, const WriteOptions& write_options, const Body& body) {
  auto tx = begin(access, write_options.isolation);
  if (!tx) return std::unexpected(tx.error());
  Status status = body(**tx);
  // A statement failed but the body went on (or mapped the error): the database error wins
  // when it is the retryable kind, and the transaction is never committed.
  if (const auto& failure = (*tx)->failure()) {
    if (status || failure->code == ErrorCode::storage_busy) status = std::unexpected(*failure);
  }
  if (status) status = (*tx)->commit();
  const auto statements = (*tx)->statements();
  if (!status) {
    (*tx)->rollback();
    count_transaction(false, statements);
    return status;
  }
  count_transaction(true, statements);
  if (access == Access::read_write) count_commit();
  const auto channels = (*tx)->channels_to_notify();
  tx->reset();  // give the connection back before waking anyone
  publish_commit(channels);
  return {};
}

void Database::count_transaction(bool committed, std::uint64_t statements) {
  const std::lock_guard lock(stats_mutex_);
  ++(committed ? stats_.transactions_committed : stats_.transactions_rolled_back);
  stats_.statements += statements;
}

void Database::count_commit() {
  const std::lock_guard lock(stats_mutex_);
  ++stats_.commits;
}

void Database::publish_commit(const std::vector<std::string>& channels) {
  if (channels.empty()) return;
  const std::lock_guard lock(listeners_mutex_);
  for (const auto& channel : channels) {
    const auto found = listeners_.find(channel);
    if (found == listeners_.end()) continue;
    for (const auto& [id, listener] : found->second) listener();
  }
}

CommitSubscription Database::on_commit(std::string channel, std::function<void()> listener) {
  const std::lock_guard lock(listeners_mutex_);
  const std::uint64_t id = next_listener_id_++;
  listeners_[channel].emplace_back(id, std::move(listener));
  return CommitSubscription([this, channel = std::move(channel), id] {
    const std::lock_guard inner(listeners_mutex_);
    auto& list = listeners_[channel];
    std::erase_if(list, [id](const auto& entry) { return entry.first == id; });
  });
}

Status Database::ping() {
  return read([](Transaction& tx) -> Status {
    auto rows = tx.query("SELECT 1");
    if (!rows) return std::unexpected(rows.error());
    return {};
  });
}

DatabaseStats Database::stats() const {
  DatabaseStats stats;
  {
    const std::lock_guard lock(stats_mutex_);
    stats = stats_;
  }
  stats.writes_queued = writes_queued();
  return stats;
}

}  // namespace reskflow::store
