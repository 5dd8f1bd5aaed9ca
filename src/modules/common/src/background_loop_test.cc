// The background loop runs on its period and on wake-ups, and stop() keeps its bound when a run
// is slow. Waits are on conditions with a generous deadline, never on the clock's exact time.
#include "reskflow/modules/background_loop.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "reskflow/modules/testing/runs.h"

namespace reskflow::modules {
namespace {

using namespace std::chrono_literals;
using testing::Runs;

// A gate a body blocks on until the test opens it.
class Gate {
 public:
  void open() {
    {
      std::lock_guard lock(mutex_);
      open_ = true;
    }
    changed_.notify_all();
  }
  void pass() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return open_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;
};

TEST(BackgroundLoop, RunsAgainEveryPeriod) {
  Runs runs;
  BackgroundLoop loop("test", 1ms, [&] { runs.record(); });
  loop.start();
  EXPECT_TRUE(runs.wait_for_count(3));
  EXPECT_TRUE(loop.stop(60s));
}

TEST(BackgroundLoop, WakeRunsTheBodyWithoutWaitingForThePeriod) {
  Runs runs;
  BackgroundLoop loop("test", 24h, [&] { runs.record(); });
  loop.start();
  loop.wake();
  EXPECT_TRUE(runs.wait_for_count(1));
  loop.wake();
  EXPECT_TRUE(runs.wait_for_count(2));
  EXPECT_TRUE(loop.stop(60s));
}

// Wake-ups coming faster than the body runs make one run a gap: forty wake-ups during a run make
// one more run, not forty, and it starts no sooner than the gap after the first ended.
TEST(BackgroundLoop, WakeUpsWithinTheGapMakeOneRun) {
  Runs entered;
  Runs runs;
  Gate gate;
  std::atomic<std::chrono::steady_clock::time_point> first_ended{};
  std::atomic<std::chrono::steady_clock::time_point> second_started{};
  BackgroundLoop loop(
      "gapped", 24h,
      [&] {
        entered.record();
        if (entered.count() == 1) {
          gate.pass();
          first_ended = std::chrono::steady_clock::now();
        } else {
          second_started = std::chrono::steady_clock::now();
        }
        runs.record();
      },
      200ms);
  loop.start();
  loop.wake();
  ASSERT_TRUE(entered.wait_for_count(1));
  for (int i = 0; i < 40; ++i) loop.wake();
  gate.open();
  ASSERT_TRUE(runs.wait_for_count(2));
  EXPECT_GE(second_started.load() - first_ended.load(), 200ms);
  EXPECT_TRUE(loop.stop(60s));
  EXPECT_EQ(runs.count(), 2);
}

// Stop does not wait for the gap to pass.
TEST(BackgroundLoop, StopEndsTheGap) {
  Runs runs;
  BackgroundLoop loop(
      "gapped", 24h, [&] { runs.record(); }, 24h);
  loop.start();
  loop.wake();
  ASSERT_TRUE(runs.wait_for_count(1));
  loop.wake();
  EXPECT_TRUE(loop.stop(60s));
  EXPECT_EQ(runs.count(), 1);
}

TEST(BackgroundLoop, StopEndsTheWaitForTheNextPeriod) {
  Runs runs;
  BackgroundLoop loop("test", 24h, [&] { runs.record(); });
  loop.start();
  EXPECT_TRUE(loop.stop(60s));
  EXPECT_TRUE(loop.stopping());
  EXPECT_EQ(runs.count(), 0);
}

TEST(BackgroundLoop, StopReturnsAtItsBoundWhileASlowRunGoesOn) {
  Runs entered;
  Gate gate;
  std::atomic<bool> saw_stopping = false;
  {
    BackgroundLoop loop("slow", 24h, [&] {
      entered.record();
      gate.pass();
    });
    loop.start();
    loop.wake();
    ASSERT_TRUE(entered.wait_for_count(1));
    // The body is held at the gate: stop() cannot see it finish and gives up at its bound.
    EXPECT_FALSE(loop.stop(1ms));
    saw_stopping = loop.stopping();
    gate.open();
    // The destructor waits for the run to end; the loop does not run the body again.
  }
  EXPECT_TRUE(saw_stopping);
  EXPECT_EQ(entered.count(), 1);
}

TEST(BackgroundLoop, ALongBodySeesTheStopAndEndsEarly) {
  Runs entered;
  Gate gate;
  BackgroundLoop* self = nullptr;
  // Works batch after batch until told to stop, as carts' idle sweep does.
  BackgroundLoop loop("batches", 24h, [&] {
    entered.record();
    gate.pass();
    while (!self->stopping()) std::this_thread::yield();
  });
  self = &loop;
  loop.start();
  loop.wake();
  ASSERT_TRUE(entered.wait_for_count(1));
  gate.open();
  EXPECT_TRUE(loop.stop(60s));
  EXPECT_EQ(entered.count(), 1);
}

TEST(BackgroundLoop, StopBeforeStartReturnsAtOnce) {
  BackgroundLoop loop("never", 1ms, [] {});
  EXPECT_TRUE(loop.stop(0ms));
}

}  // namespace
}  // namespace reskflow::modules
