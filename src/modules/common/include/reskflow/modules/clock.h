// The modules' one clock type: UTC microseconds since the Unix epoch, injected into every
// service so that tests set the time instead of waiting for it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>

namespace reskflow::modules {

using Clock = std::function<std::int64_t()>;

// The system's real-time clock.
Clock system_clock();

// A clock a test sets and moves; thread-safe. Keep it alive as long as what clock() is given to.
class ManualClock {
 public:
  explicit ManualClock(std::int64_t now_us) : now_us_(now_us) {}

  std::int64_t now_us() const { return now_us_.load(); }
  void set(std::int64_t now_us) { now_us_.store(now_us); }
  void advance(std::chrono::microseconds by) { now_us_.fetch_add(by.count()); }
  Clock clock() const {
    return [this] { return now_us(); };
  }

 private:
  std::atomic<std::int64_t> now_us_;
};

}  // namespace reskflow::modules
