// Prometheus exposition: label escaping, cumulative histogram buckets, callbacks.
#include "reskflow/core/metrics.h"

#include <gtest/gtest.h>

namespace reskflow::metrics {
namespace {

TEST(Registry, RendersCountersWithEscapedLabels) {
  Registry r;
  r.counter("jobs_total", "Jobs", {{"name", "a\"b\\c\nd"}}).inc(2);
  const auto text = r.render();
  EXPECT_NE(text.find("# TYPE jobs_total counter"), std::string::npos);
  EXPECT_NE(text.find(R"(jobs_total{name="a\"b\\c\nd"} 2)"), std::string::npos) << text;
}

TEST(Registry, HistogramBucketsAreCumulative) {
  Registry r;
  auto& h = r.histogram("latency_seconds", "Latency", {0.1, 1.0});
  h.observe(0.05);
  h.observe(0.5);
  h.observe(5);
  const auto text = r.render();
  EXPECT_NE(text.find(R"(latency_seconds_bucket{le="0.1"} 1)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(latency_seconds_bucket{le="1"} 2)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(latency_seconds_bucket{le="+Inf"} 3)"), std::string::npos) << text;
  EXPECT_NE(text.find("latency_seconds_count 3"), std::string::npos) << text;
}

TEST(Registry, SameNameAndLabelsIsTheSameSeries) {
  Registry r;
  r.counter("x_total", "X", {{"k", "v"}}).inc();
  r.counter("x_total", "X", {{"k", "v"}}).inc();
  EXPECT_EQ(r.counter("x_total", "X", {{"k", "v"}}).value(), 2);
}

TEST(Registry, CallbacksAreReadAtScrapeTime) {
  Registry r;
  double value = 1;
  r.gauge_callback("queue_depth", "Depth", [&] { return value; });
  value = 42;
  EXPECT_NE(r.render().find("queue_depth 42"), std::string::npos);
}

}  // namespace
}  // namespace reskflow::metrics
