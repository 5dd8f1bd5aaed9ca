// Counts a background loop body's runs, so a test waits on a condition for some number of them
// (with a deadline far beyond any period a test uses) instead of sleeping.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace reskflow::modules::testing {

class Runs {
 public:
  void record() {
    {
      const std::lock_guard lock(mutex_);
      ++count_;
    }
    changed_.notify_all();
  }
  // False when `n` runs did not happen within a minute.
  bool wait_for_count(int n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(60), [&] { return count_ >= n; });
  }
  int count() {
    const std::lock_guard lock(mutex_);
    return count_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int count_ = 0;
};

}  // namespace reskflow::modules::testing
