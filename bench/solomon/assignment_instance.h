// A reproducible city-sized assignment instance: deliveries and drivers spread over ~20 km.
#pragma once

#include <cstdint>
#include <vector>

#include "reskflow/optimize/assignment.h"

namespace reskflow::bench {

struct AssignmentInstance {
  std::vector<optimize::DeliveryInfo> deliveries;
  std::vector<optimize::DriverInfo> drivers;
};

AssignmentInstance make_assignment_instance(std::size_t deliveries, std::size_t drivers,
                                            std::uint64_t seed);

}  // namespace reskflow::bench
