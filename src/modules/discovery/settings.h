// The discovery module's typed settings (RESKFLOW_DISCOVERY_*): how many index rows one query
// reads at most, which queries answer on the I/O thread, and the courier the estimate assumes.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "reskflow/core/errors.h"
#include "reskflow/drivers/drivers.h"

namespace reskflow::discovery {

struct DiscoverySettings {
  // Rows one query reads from the index at most (bounds a request's memory and time).
  std::size_t candidates_max = 10'000;
  // A query with at most this many candidates is answered on the I/O thread when the index is
  // loaded (about 0.2 us each); a larger one, or one that must load the index, on a worker.
  std::size_t inline_candidates_max = 500;
  // The vehicle whose travel time the delivery estimate predicts (drivers' travel model).
  drivers::Vehicle estimate_vehicle = drivers::Vehicle::bike;
};

// Reads RESKFLOW_DISCOVERY_* settings; unknown ones are rejected.
Result<DiscoverySettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::discovery
