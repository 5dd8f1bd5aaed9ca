// The operator verbs of the identity module: `reskflow admin create --email E` (the first
// admin) and `reskflow keys rotate` (re-encrypt personal data under the current data key).
#pragma once

#include "reskflow/core/config.h"

namespace CLI {
class App;
}

namespace reskflow::app {

// Adds `admin create` and `keys rotate` to app; `config` receives the shared options.
void add_admin_commands(CLI::App& app, Config& config);

}  // namespace reskflow::app
