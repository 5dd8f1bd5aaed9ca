// The simulator's histograms: percentiles within their bucket width, exact counts and maxima.
#include "stats.h"

#include <gtest/gtest.h>

namespace reskflow::simulate {
namespace {

TEST(HistogramTest, PercentilesAreWithinFourPercentOfTheExactRank) {
  Histogram h;
  for (std::int64_t v = 1; v <= 10000; ++v) h.add(v * 10);  // 10 .. 100,000
  EXPECT_EQ(h.count(), 10000U);
  EXPECT_EQ(h.max(), 100000);
  EXPECT_NEAR(static_cast<double>(h.percentile(50)), 50000, 50000 * 0.04);
  EXPECT_NEAR(static_cast<double>(h.percentile(99)), 99000, 99000 * 0.04);
  EXPECT_EQ(h.percentile(100), 100000);
  EXPECT_DOUBLE_EQ(h.mean(), 50005);
}

TEST(HistogramTest, AnEmptyHistogramReportsZero) {
  const Histogram h;
  EXPECT_EQ(h.percentile(99), 0);
  EXPECT_EQ(h.mean(), 0);
}

TEST(HistogramTest, MergingAddsTheCounts) {
  Histogram a;
  Histogram b;
  a.add(1000);
  b.add(3000);
  b.add(5000);
  a.merge(b);
  EXPECT_EQ(a.count(), 3U);
  EXPECT_EQ(a.max(), 5000);
  EXPECT_DOUBLE_EQ(a.mean(), 3000);
}

TEST(StatsTest, CountsTransportFailuresApartFromLatencies) {
  Stats s;
  s.record_http("GET /v1/orders/{id}", 200, std::chrono::microseconds(1500));
  s.record_http("GET /v1/orders/{id}", 503, std::chrono::microseconds(900));
  s.record_http("GET /v1/orders/{id}", 0, std::chrono::microseconds(30000000));
  const auto& r = s.routes.at("GET /v1/orders/{id}");
  EXPECT_EQ(r.latency_us.count(), 2U);
  EXPECT_EQ(r.errors_5xx, 1U);
  EXPECT_EQ(r.transport_failures, 1U);
}

TEST(StatsTest, TheTimelineStaysBoundedAndSpansTheWholeRun) {
  Timeline t;
  for (int second = 0; second <= 36000; ++second)
    t.offer({.real_s = static_cast<double>(second), .placed = static_cast<std::uint64_t>(second)});
  const auto& kept = t.samples();
  EXPECT_LE(kept.size(), Timeline::samples_max);
  EXPECT_GE(kept.size(), Timeline::samples_max / 4);
  EXPECT_EQ(kept.front().real_s, 0);
  EXPECT_GE(kept.back().real_s, 36000 - 2 * 36000.0 / Timeline::samples_max);
  for (std::size_t i = 1; i < kept.size(); ++i) EXPECT_GT(kept[i].real_s, kept[i - 1].real_s);
}

}  // namespace
}  // namespace reskflow::simulate
