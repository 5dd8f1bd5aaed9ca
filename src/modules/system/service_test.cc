// Readiness evaluation and /proc parsing of the system module.
#include "service.h"

#include <gtest/gtest.h>

namespace reskflow::system {
namespace {

TEST(Readiness, ReadyOnlyWhenEveryCheckPassesAndReportsWhichFailed) {
  const std::vector<ReadinessCheck> checks{
      {"storage", [] { return Status{}; }},
      {"migrations", [] { return Status{fail(ErrorCode::unavailable, "pending: orders 3")}; }},
      {"bus", []() -> Status { throw std::runtime_error("connection refused"); }},
  };
  const auto r = evaluate_readiness(checks);
  EXPECT_FALSE(r.ready);
  ASSERT_EQ(r.checks.size(), 3u);
  EXPECT_TRUE(r.checks[0].ok);
  EXPECT_FALSE(r.checks[1].ok);
  EXPECT_EQ(r.checks[1].detail, "pending: orders 3");
  EXPECT_EQ(r.checks[2].detail, "connection refused");
  EXPECT_TRUE(evaluate_readiness({{"storage", [] { return Status{}; }}}).ready);
}

TEST(Readiness, AFailingCheckThatIsNotRequiredIsReportedButLeavesTheNodeReady) {
  const std::vector<ReadinessCheck> checks{
      {"storage", [] { return Status{}; }},
      {"redis", [] { return Status{fail(ErrorCode::unavailable, "connection refused")}; }, false},
  };
  const auto r = evaluate_readiness(checks);
  EXPECT_TRUE(r.ready);
  ASSERT_EQ(r.checks.size(), 2u);
  EXPECT_FALSE(r.checks[1].ok);
  EXPECT_FALSE(r.checks[1].required);
  EXPECT_EQ(r.checks[1].detail, "connection refused");
}

TEST(ProcessStats, ParsesProcStatEvenWithSpacesInTheCommandName) {
  const std::string stat =
      "1234 (reskflow (serve) x) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 7 0 "
      "100 104857600 2560 18446744073709551615";
  const auto s = parse_proc_stat(stat, 100, 4096);
  ASSERT_TRUE(s);
  EXPECT_DOUBLE_EQ(s->cpu_seconds, 3.0);
  EXPECT_EQ(s->threads, 7);
  EXPECT_EQ(s->virtual_bytes, 104857600);
  EXPECT_EQ(s->resident_bytes, 2560 * 4096);
  EXPECT_FALSE(parse_proc_stat("garbage", 100, 4096));
}

TEST(ProcessStats, ReadsThisProcess) {
  const auto s = read_process_stats();
  ASSERT_TRUE(s);
  EXPECT_GT(s->resident_bytes, 0);
  EXPECT_GT(s->open_fds, 0);
  EXPECT_GE(s->threads, 1);
}

TEST(CpuPercent, IsCpuTimeOverWallTime) {
  EXPECT_DOUBLE_EQ(cpu_percent(1.0, 1.5, std::chrono::seconds(1)), 50.0);
  EXPECT_DOUBLE_EQ(cpu_percent(1.0, 1.5, std::chrono::seconds(0)), 0.0);
}

}  // namespace
}  // namespace reskflow::system
