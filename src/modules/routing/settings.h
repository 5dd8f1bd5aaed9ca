// The routing module's typed settings (RESKFLOW_ROUTING_*): the size and time bounds of a
// routing problem and how many solves may hold a worker at once.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "requests.h"
#include "reskflow/core/errors.h"

namespace reskflow::routing {

struct RoutingSettings {
  RoutingLimits limits;
  std::size_t solves_concurrent_max = 1;  // solves holding a worker at once
};

// Reads RESKFLOW_ROUTING_* settings; unknown ones are rejected. `cores` sets the default
// concurrent solve bound; the bound must leave one of `worker_threads` free.
Result<RoutingSettings> load_settings(const std::map<std::string, std::string>& environment,
                                      unsigned cores, unsigned worker_threads);

}  // namespace reskflow::routing
