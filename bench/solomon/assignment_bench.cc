// Google Benchmark of the assignment: 5,000 deliveries x 10,000 drivers, k = 20 candidates.
#include <benchmark/benchmark.h>

#include "assignment_instance.h"

namespace {

using namespace reskflow;

void candidate_graph(benchmark::State& state) {
  const auto instance = bench::make_assignment_instance(5000, 10000, 42);
  const optimize::GreatCircleModel model;
  for (auto _ : state) {
    auto problem =
        optimize::build_assignment_problem(instance.deliveries, instance.drivers, model, {});
    benchmark::DoNotOptimize(problem);
  }
}

void assignment_solve(benchmark::State& state) {
  const auto instance = bench::make_assignment_instance(5000, 10000, 42);
  const auto problem = optimize::build_assignment_problem(instance.deliveries, instance.drivers,
                                                          optimize::GreatCircleModel(), {});
  for (auto _ : state) {
    auto result = optimize::solve_assignment(problem);
    benchmark::DoNotOptimize(result);
  }
}

void assignment_end_to_end(benchmark::State& state) {
  const auto instance = bench::make_assignment_instance(5000, 10000, 42);
  const optimize::GreatCircleModel model;
  for (auto _ : state) {
    auto problem =
        optimize::build_assignment_problem(instance.deliveries, instance.drivers, model, {});
    auto result = optimize::solve_assignment(problem);
    benchmark::DoNotOptimize(result);
  }
}

BENCHMARK(candidate_graph)->Unit(benchmark::kMillisecond);
BENCHMARK(assignment_solve)->Unit(benchmark::kMillisecond);
BENCHMARK(assignment_end_to_end)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
