// The verbs of the reskflow binary that run the platform.
#pragma once

#include <string_view>

#include "reskflow/core/config.h"

namespace reskflow::app {

std::string_view version();

// Serves until SIGTERM/SIGINT; returns the process exit code.
int serve(const Config& config);

// Applies pending migrations of the selected modules and exits.
int migrate(const Config& config);

}  // namespace reskflow::app
