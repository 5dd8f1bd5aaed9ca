// The verbs of the reskflow binary that run the platform.
#pragma once

#include <string_view>

#include "reskflow/core/config.h"

namespace reskflow::app {

// The exit codes of the verbs: a failure, and a configuration refused before starting.
inline constexpr int exit_failure = 1;
inline constexpr int exit_config = 2;

std::string_view version();

// Serves until SIGTERM/SIGINT; returns the process exit code.
int serve(const Config& config);

// Applies pending migrations of the selected modules and exits.
int migrate(const Config& config);

// `reskflow seed`: migrates, then loads the demo city (demo accounts, merchants, brands, menus)
// and delivers the events it caused, so discovery has indexed it on exit. Idempotent and
// deterministic; refused in production (seed_command.cc).
int seed(const Config& config);

}  // namespace reskflow::app
