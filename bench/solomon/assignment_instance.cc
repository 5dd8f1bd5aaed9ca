// Random but seeded positions, ready times, slots and driver quality for assignment runs.
#include "assignment_instance.h"

#include <random>

namespace reskflow::bench {

AssignmentInstance make_assignment_instance(std::size_t deliveries, std::size_t drivers,
                                            std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> lon(13.20, 13.50);
  std::uniform_real_distribution<double> lat(52.40, 52.60);
  std::uniform_real_distribution<double> ready(0.0, 1200.0);
  std::uniform_real_distribution<double> quality(0.5, 1.0);
  std::uniform_int_distribution<std::uint32_t> slots(1, 3);
  AssignmentInstance out;
  for (std::size_t i = 0; i < deliveries; ++i) {
    out.deliveries.push_back({{lon(rng), lat(rng)}, ready(rng)});
  }
  for (std::size_t d = 0; d < drivers; ++d) {
    out.drivers.push_back({{lon(rng), lat(rng)}, slots(rng), quality(rng)});
  }
  return out;
}

}  // namespace reskflow::bench
