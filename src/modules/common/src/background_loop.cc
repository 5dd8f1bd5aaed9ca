// The background loop's thread: waits for the period, a wake-up or stop, runs the body outside
// the lock, lets the wake gap pass, and says when it has left so that stop() can wait with a
// bound.
#include "reskflow/modules/background_loop.h"

#include "reskflow/core/assert.h"
#include "reskflow/core/log.h"

namespace reskflow::modules {

BackgroundLoop::BackgroundLoop(std::string name, std::chrono::milliseconds period,
                               std::function<void()> body, std::chrono::milliseconds wake_gap)
    : name_(std::move(name)), period_(period), wake_gap_(wake_gap), body_(std::move(body)) {}

BackgroundLoop::~BackgroundLoop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void BackgroundLoop::start() {
  RF_ASSERT(!thread_.joinable());
  thread_ = std::thread([this] { run(); });
}

void BackgroundLoop::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  changed_.notify_all();
}

bool BackgroundLoop::stop(std::chrono::milliseconds bound) {
  std::unique_lock lock(mutex_);
  stopping_ = true;
  changed_.notify_all();
  if (!thread_.joinable()) return true;
  if (!changed_.wait_for(lock, bound, [this] { return finished_; })) {
    log::warn("background_loop_stop_timed_out",
              {{"loop", name_}, {"bound_ms", static_cast<std::int64_t>(bound.count())}});
    return false;
  }
  lock.unlock();
  thread_.join();
  return true;
}

bool BackgroundLoop::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void BackgroundLoop::run() {
  std::unique_lock lock(mutex_);
  auto next = std::chrono::steady_clock::now() + period_;
  while (true) {
    changed_.wait_until(lock, next, [this] { return stopping_ || woken_; });
    if (stopping_) break;
    woken_ = false;
    lock.unlock();
    body_();
    lock.lock();
    const auto ended = std::chrono::steady_clock::now();
    next = ended + period_;
    changed_.wait_until(lock, ended + wake_gap_, [this] { return stopping_; });
  }
  finished_ = true;
  changed_.notify_all();
}

}  // namespace reskflow::modules
