// The routing module's public interface: route optimization (VRPTW/PDPTW) and driver
// assignment exposed over HTTP to admins and partners, with bounds on size, time and load.
#pragma once

#include <memory>
#include <string_view>

#include "reskflow/core/errors.h"
#include "reskflow/modules/module.h"

namespace reskflow::routing {

// The public interfaces routing needs: none.
struct Deps {};

// The API-key scope both optimize routes need (one of identity::api_key_scopes).
inline constexpr std::string_view scope_optimize = "optimize:write";

// Fails when a RESKFLOW_ROUTING_* setting is malformed or unknown, or when the concurrent
// solve bound would leave no worker free (platform.config.worker_threads).
Result<std::unique_ptr<modules::Module>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::routing
