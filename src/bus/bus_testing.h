// Test support for the bus: a migrated scratch database, a manual clock and a recording
// consumer.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "reskflow/bus/outbox.h"
#include "reskflow/bus/relay.h"
#include "test_database.h"

namespace reskflow::bus::testing {

class BusTest : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (HasFatalFailure()) return;
    const std::array sets{migrations()};
    auto migrated = store::migrate(db(), sets);
    ASSERT_TRUE(migrated) << migrated.error().detail;
    auto effects = db().write([](store::Transaction& tx) {
      return tx.exec_script(
          "CREATE TABLE effects (consumer TEXT NOT NULL, event_id TEXT NOT NULL);"
          "CREATE TABLE touch (id BIGINT)");
    });
    ASSERT_TRUE(effects) << effects.error().detail;
  }

  // A clock that moves only when told to (Unix microseconds).
  std::atomic<std::int64_t> now_us_{1'700'000'000'000'000};
  UnixMicrosClock clock() {
    return [this] { return now_us_.load(); };
  }

  Result<std::string> publish_one(const std::string& type, const std::string& subject) {
    return db().write([&](store::Transaction& tx) {
      return publish(tx, Event{type, subject, R"({"subject":")" + subject + R"("})"});
    });
  }

  std::int64_t count(std::string_view sql, const store::Params& params = {}) {
    auto rows = db().read([&](store::Transaction& tx) { return tx.query(sql, params); });
    EXPECT_TRUE(rows) << rows.error().detail;
    return rows ? rows->front().int64(0) : -1;
  }
};

// Remembers what it was given, in order; wait_for_count blocks on a condition variable.
class Recorder {
 public:
  Handler handler() {
    return [this](const Envelope& event) -> Status {
      const std::lock_guard lock(mutex_);
      seen_.push_back(event);
      changed_.notify_all();
      return {};
    };
  }
  std::vector<std::string> subjects() {
    const std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& event : seen_) out.push_back(event.subject);
    return out;
  }
  bool wait_for_count(std::size_t count) {
    constexpr auto test_guard_s = std::chrono::seconds{60};  // only reached when broken
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, test_guard_s, [&] { return seen_.size() >= count; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Envelope> seen_;
};

inline auto far_future() { return std::chrono::steady_clock::now() + std::chrono::seconds{60}; }

}  // namespace reskflow::bus::testing
