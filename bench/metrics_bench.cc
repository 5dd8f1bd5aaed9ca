// core_bench: the metrics cost every request pays (histogram observe, the HTTP series lookup)
// and a /metrics scrape with a realistic number of series.
#include <benchmark/benchmark.h>

#include <string>

#include "http/http_metrics.h"
#include "reskflow/core/metrics.h"

namespace reskflow::bench {
namespace {

void histogram_observe(benchmark::State& state) {
  metrics::Histogram histogram(metrics::latency_buckets_seconds());
  double v = 0.0001;
  for (auto _ : state) {
    histogram.observe(v);
    v = v > 5 ? 0.0001 : v * 1.7;
  }
  benchmark::DoNotOptimize(histogram.count());
}
BENCHMARK(histogram_observe);

// What the server does after each response: series lookup (thread-local cache) + 4 updates.
void http_metrics_observe(benchmark::State& state) {
  metrics::Registry registry;
  http::HttpMetrics m(registry);
  for (auto _ : state) {
    m.observe("/v1/orders/{id}", "GET", 200, 0.00042, 0, 512);
  }
}
BENCHMARK(http_metrics_observe);

void registry_render(benchmark::State& state) {
  metrics::Registry registry;
  http::HttpMetrics m(registry);
  for (int route = 0; route < 30; ++route) {
    for (int status : {200, 404}) {
      m.observe("/v1/resource" + std::to_string(route) + "/{id}", "GET", status, 0.001, 0, 100);
    }
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto text = registry.render();
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.counters["scrape_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(registry_render);

}  // namespace
}  // namespace reskflow::bench
