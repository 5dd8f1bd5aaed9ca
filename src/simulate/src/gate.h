// Counts the simulator's coroutines of one kind in flight and lets one coroutine wait, with a
// deadline, until none is left (the drain, the end of the actors' loops).
#pragma once

#include <chrono>
#include <cstddef>

#include "asio.h"

namespace reskflow::simulate {

class Gate {
 public:
  explicit Gate(asio::io_context& io) : timer_(io) {}
  void enter() { ++inside_; }
  void leave() {
    if (--inside_ == 0) timer_.cancel();
  }
  std::size_t inside() const { return inside_; }

  // True once nobody is inside; false when `deadline` came first.
  Task<bool> wait_until(std::chrono::steady_clock::time_point deadline) {
    while (inside_ > 0 && std::chrono::steady_clock::now() < deadline) {
      timer_.expires_at(deadline);
      co_await timer_.async_wait(use_tuple);
    }
    co_return inside_ == 0;
  }

 private:
  asio::steady_timer timer_;
  std::size_t inside_ = 0;
};

}  // namespace reskflow::simulate
