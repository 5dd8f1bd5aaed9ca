// The discovery module's typed settings (RESKFLOW_DISCOVERY_*): how many index rows one query
// reads at most.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "reskflow/core/errors.h"

namespace reskflow::discovery {

struct DiscoverySettings {
  // Rows one query reads from the index at most (bounds a request's memory and time).
  std::size_t candidates_max = 10'000;
};

// Reads RESKFLOW_DISCOVERY_* settings; unknown ones are rejected.
Result<DiscoverySettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::discovery
