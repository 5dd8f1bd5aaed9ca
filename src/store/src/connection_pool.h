// A bounded pool of connections: created on demand up to connections_max, waited for with a
// deadline, returned by a RAII lease (or discarded when the connection broke).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "reskflow/core/errors.h"

namespace reskflow::store::detail {

template <class Connection>
class ConnectionPool {
 public:
  using Factory = std::function<Result<std::unique_ptr<Connection>>()>;

  ConnectionPool(std::size_t connections_max, std::chrono::milliseconds wait_timeout_ms,
                 Factory factory)
      : connections_max_(connections_max == 0 ? 1 : connections_max),
        wait_timeout_ms_(wait_timeout_ms),
        factory_(std::move(factory)) {}

  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), connection_(std::move(other.connection_)) {}
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (pool_) pool_->give_back(std::move(connection_));
    }
    Connection& operator*() const noexcept { return *connection_; }
    Connection* operator->() const noexcept { return connection_.get(); }
    // The connection is broken: close it instead of returning it.
    void discard() noexcept { connection_.reset(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  Result<Lease> acquire() {
    std::unique_lock lock(mutex_);
    const bool ready = available_.wait_for(
        lock, wait_timeout_ms_, [this] { return !idle_.empty() || open_ < connections_max_; });
    if (!ready) {
      return fail(ErrorCode::unavailable, "no database connection free within " +
                                              std::to_string(wait_timeout_ms_.count()) + " ms");
    }
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
    ++open_;
    lock.unlock();
    auto created = factory_();
    if (!created) {
      lock.lock();
      --open_;
      available_.notify_one();
      return std::unexpected(created.error());
    }
    return Lease(this, std::move(*created));
  }

 private:
  void give_back(std::unique_ptr<Connection> connection) {
    {
      const std::lock_guard lock(mutex_);
      if (connection) {
        idle_.push_back(std::move(connection));
      } else {
        --open_;
      }
    }
    available_.notify_one();
  }

  const std::size_t connections_max_;
  const std::chrono::milliseconds wait_timeout_ms_;
  const Factory factory_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
  std::size_t open_ = 0;                           // guarded by mutex_
};

}  // namespace reskflow::store::detail
