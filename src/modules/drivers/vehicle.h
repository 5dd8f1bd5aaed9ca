// What each vehicle can do: how many orders it carries at most, and the fastest it can move
// (the bound above which a jump between two points is implausible).
#pragma once

#include <cstdint>

#include "reskflow/drivers/drivers.h"

namespace reskflow::drivers {

struct VehicleLimits {
  std::int64_t capacity_max = 1;  // orders at once
  double speed_max_mps = 0;       // metres per second, generous: a courier may speed
};

VehicleLimits limits_of(Vehicle vehicle);

}  // namespace reskflow::drivers
