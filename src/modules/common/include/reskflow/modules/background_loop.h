// A module's periodic background job on its own thread (idle-cart sweep, session pruning, status
// feed): runs every period or when woken, and stops with a bound on how long stop() waits.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace reskflow::modules {

class BackgroundLoop {
 public:
  // `name` appears in logs ("carts_sweep"). The body runs first one period after start(), then
  // one period after each run ends, or sooner when woken; a long body may check stopping() to
  // end early. A wake-up less than `wake_gap` after a run ended is kept until the gap has passed,
  // so that wake-ups coming faster than the body runs make one run a gap, not runs back to back.
  BackgroundLoop(std::string name, std::chrono::milliseconds period, std::function<void()> body,
                 std::chrono::milliseconds wake_gap = {});
  // Stops and waits for a run in progress however long it takes: the body may use its owner.
  ~BackgroundLoop();
  BackgroundLoop(const BackgroundLoop&) = delete;
  BackgroundLoop& operator=(const BackgroundLoop&) = delete;

  // Starts the thread; once only.
  void start();
  // Runs the body now, or right after the run in progress (once the wake gap has passed).
  void wake();
  // No run starts after this; waits at most `bound` for the one in progress. False, with a
  // warning in the log, when it was still running then (the destructor waits for it).
  bool stop(std::chrono::milliseconds bound);
  // True once stop() was called.
  bool stopping() const;

 private:
  void run();

  const std::string name_;
  const std::chrono::milliseconds period_;
  const std::chrono::milliseconds wake_gap_;
  const std::function<void()> body_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;  // guarded by mutex_
  bool woken_ = false;     // guarded by mutex_
  bool finished_ = false;  // guarded by mutex_: the thread left its loop
  std::thread thread_;
};

}  // namespace reskflow::modules
