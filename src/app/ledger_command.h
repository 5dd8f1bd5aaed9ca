// `reskflow ledger check`: verifies the ledger's invariants on the configured database and exits
// non-zero naming each violation.
#pragma once

#include "reskflow/core/config.h"

namespace CLI {
class App;
}

namespace reskflow::app {

// Adds `ledger check` to app; `config` receives the shared options.
void add_ledger_commands(CLI::App& app, Config& config);

}  // namespace reskflow::app
