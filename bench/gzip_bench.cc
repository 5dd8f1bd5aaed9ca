// core_bench: gzip of a ~10 KB JSON list response (the size where the server starts to compress).
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <string>

#include "http/gzip.h"

namespace reskflow::bench {
namespace {

std::string order_list_json(std::size_t bytes_min) {
  boost::json::array orders;
  std::string out;
  for (int i = 0; out.size() < bytes_min; ++i) {
    orders.push_back({{"id", "ord_01HZX3T6Q8W0Y4K2" + std::to_string(i)},
                      {"status", i % 3 == 0 ? "delivered" : "preparing"},
                      {"total_minor", 1000 + 37 * i},
                      {"currency", "EUR"},
                      {"created_at", "2024-05-01T12:" + std::to_string(10 + i % 50) + ":00Z"}});
    out = boost::json::serialize(boost::json::object{{"items", orders}, {"next_cursor", nullptr}});
  }
  return out;
}

void gzip_json_10k(benchmark::State& state) {
  const auto body = order_list_json(10 * 1024);
  std::size_t compressed = 0;
  for (auto _ : state) {
    auto gz = http::gzip_compress(body);
    compressed = gz ? gz->size() : 0;
    benchmark::DoNotOptimize(gz);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
  state.counters["input_bytes"] = static_cast<double>(body.size());
  state.counters["output_bytes"] = static_cast<double>(compressed);
}
BENCHMARK(gzip_json_10k);

}  // namespace
}  // namespace reskflow::bench
