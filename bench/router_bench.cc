// core_bench: router matching over ~60 routes shaped like the platform's, and target decoding.
// Timings are reported, never asserted.
#include <benchmark/benchmark.h>

#include <fmt/format.h>
#include <cstdlib>
#include <string>
#include <vector>

#include "reskflow/core/http.h"
#include "reskflow/core/router.h"

namespace reskflow::bench {
namespace {

using http::Method;

// Resources shaped like the platform's modules: a collection, an item, nested sub-resources.
constexpr std::string_view resource_names[] = {
    "orders",   "merchants", "products", "carts",     "deliveries", "drivers",
    "payments", "refunds",   "ledger",   "customers", "addresses",  "promotions"};

http::Response ok_handler(http::Request&) { return {}; }

void add_route(http::Router& router, Method method, std::string pattern) {
  const auto status = router.add({method, std::move(pattern), "bench", http::Execution::io,
                                  http::Access::anyone(), ok_handler});
  if (!status) std::abort();  // a broken fixture would make every number meaningless
}

// About 60 routes: health and system routes plus five per resource.
void add_bench_routes(http::Router& r) {
  for (const auto* p :
       {"/health", "/health/live", "/health/ready", "/metrics", "/v1/system/status"}) {
    add_route(r, Method::get, p);
  }
  add_route(r, Method::post, "/v1/auth/login");
  add_route(r, Method::post, "/v1/auth/refresh");
  for (auto name : resource_names) {
    const auto base = fmt::format("/v1/{}", name);
    add_route(r, Method::get, base);
    add_route(r, Method::post, base);
    add_route(r, Method::get, base + "/{id}");
    add_route(r, Method::patch, base + "/{id}");
    add_route(r, Method::get, base + "/{id}/events/{event_id}");
  }
}

const http::Router& bench_router() {
  static http::Router router;
  static const bool filled = (add_bench_routes(router), true);
  benchmark::DoNotOptimize(filled);
  return router;
}

void match_path(benchmark::State& state, Method method, std::string_view path,
                http::MatchKind expected) {
  const auto& router = bench_router();
  if (router.match(method, path).kind != expected) {
    state.SkipWithError("unexpected match kind");
    return;
  }
  for (auto _ : state) {
    auto m = router.match(method, path);
    benchmark::DoNotOptimize(m);
  }
}

void router_match_static(benchmark::State& state) {
  match_path(state, Method::get, "/health", http::MatchKind::found);
}
BENCHMARK(router_match_static);

void router_match_one_param(benchmark::State& state) {
  match_path(state, Method::get, "/v1/orders/01HZX3T6Q8W0Y4", http::MatchKind::found);
}
BENCHMARK(router_match_one_param);

void router_match_two_params(benchmark::State& state) {
  match_path(state, Method::get, "/v1/promotions/8c1f/events/42", http::MatchKind::found);
}
BENCHMARK(router_match_two_params);

void router_match_not_found(benchmark::State& state) {
  match_path(state, Method::get, "/v1/unknown/thing", http::MatchKind::not_found);
}
BENCHMARK(router_match_not_found);

void router_match_method_not_allowed(benchmark::State& state) {
  match_path(state, Method::delete_, "/v1/orders/77", http::MatchKind::method_not_allowed);
}
BENCHMARK(router_match_method_not_allowed);

void decode_target(benchmark::State& state) {
  const std::string path = "/v1/merchants/caf%C3%A9%20du%20coin/products";
  const std::string query = "q=pizza+margherita&limit=20&cursor=eyJpZCI6IDQyfQ%3D%3D";
  std::string decoded;
  std::vector<std::pair<std::string, std::string>> pairs;
  for (auto _ : state) {
    benchmark::DoNotOptimize(http::decode_path(path, decoded));
    benchmark::DoNotOptimize(http::parse_query(query, pairs));
  }
}
BENCHMARK(decode_target);

}  // namespace
}  // namespace reskflow::bench
