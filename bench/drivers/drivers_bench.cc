// The spatial index at metro scale: 50,000 online couriers spread uniformly over a 20 km radius
// around Paris (seeded), then "couriers within R km of the centre, nearest 50" for R = 1, 3 and
// 5 km, and a courier's move (the per-point update). Target: a query under 1 ms.
#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>
#include <random>

#include "reskflow/drivers/drivers.h"

namespace reskflow::drivers {
namespace {

constexpr std::size_t couriers = 50'000;
constexpr modules::geo::Point paris{48.8566, 2.3522};
constexpr double city_radius_m = 20'000;
constexpr double metres_per_deg = 111'195.0;

modules::geo::Point random_point(std::mt19937_64& random) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const double r = city_radius_m * std::sqrt(unit(random));
  const double theta = 2 * std::numbers::pi * unit(random);
  return {paris.lat + r * std::sin(theta) / metres_per_deg,
          paris.lng + r * std::cos(theta) /
                          (metres_per_deg * std::cos(paris.lat * std::numbers::pi / 180))};
}

SpatialIndex& loaded_index() {
  static const auto index = [] {
    auto out = make_memory_index();
    std::mt19937_64 random(20261206);
    for (std::size_t i = 0; i < couriers; ++i)
      out->upsert("courier-" + std::to_string(i), random_point(random));
    return out;
  }();
  return *index;
}

void BM_WithinRadius(benchmark::State& state) {
  auto& index = loaded_index();
  const double radius_m = static_cast<double>(state.range(0));
  std::size_t found = 0;
  for (auto _ : state) {
    auto near = index.within(paris, radius_m, 50);
    found = near.size();
    benchmark::DoNotOptimize(near);
  }
  state.counters["found"] = static_cast<double>(found);
  state.counters["couriers"] = static_cast<double>(index.size());
}
BENCHMARK(BM_WithinRadius)->Arg(1'000)->Arg(3'000)->Arg(5'000)->Unit(benchmark::kMicrosecond);

void BM_MoveCourier(benchmark::State& state) {
  auto& index = loaded_index();
  std::mt19937_64 random(7);
  std::uniform_int_distribution<std::size_t> which(0, couriers - 1);
  for (auto _ : state) {
    index.upsert("courier-" + std::to_string(which(random)), random_point(random));
  }
}
BENCHMARK(BM_MoveCourier)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace reskflow::drivers
