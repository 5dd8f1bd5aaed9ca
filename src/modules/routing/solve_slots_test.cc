// The concurrent-solve bound, tested directly: no threads or sleeps needed.
#include "solve_slots.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace reskflow::routing {
namespace {

TEST(SolveSlots, RefusesBeyondCapacityAndFreesOnRelease) {
  SolveSlots slots(2);
  auto a = slots.try_acquire();
  auto b = slots.try_acquire();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(slots.in_use(), 2u);
  EXPECT_FALSE(slots.try_acquire());
  a.reset();
  EXPECT_EQ(slots.in_use(), 1u);
  auto c = slots.try_acquire();
  EXPECT_TRUE(c);
  EXPECT_FALSE(slots.try_acquire());
}

TEST(SolveSlots, AMovedPermitReleasesOnce) {
  SolveSlots slots(1);
  {
    auto a = slots.try_acquire();
    ASSERT_TRUE(a);
    SolveSlots::Permit moved(std::move(*a));
    a.reset();
    EXPECT_EQ(slots.in_use(), 1u);
  }
  EXPECT_EQ(slots.in_use(), 0u);
}

TEST(SolveSlots, ZeroCapacityRefusesEverything) {
  SolveSlots slots(0);
  EXPECT_FALSE(slots.try_acquire());
}

TEST(SolveSlots, NeverGrantsMoreThanCapacityUnderContention) {
  SolveSlots slots(3);
  std::atomic<std::size_t> peak{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        if (auto permit = slots.try_acquire()) {
          const auto used = slots.in_use();
          auto seen = peak.load();
          while (used > seen && !peak.compare_exchange_weak(seen, used)) {
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_LE(peak.load(), 3u);
  EXPECT_EQ(slots.in_use(), 0u);
}

}  // namespace
}  // namespace reskflow::routing
