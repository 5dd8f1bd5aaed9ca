// The `reskflow simulate` verb: a city of customers, merchants and couriers against a running
// deployment, through its public API only (docs/simulator.md).
#pragma once

namespace CLI {
class App;
}

namespace reskflow::app {

// Adds `simulate` (--target, --scenario, --duration, --seed, --report). Its exit code (0: every
// order ended; 1: set-up failed or an order was lost; 2: bad options) ends the process through
// CLI::RuntimeError, which app.exit() (CLI11_PARSE) turns into that code.
void add_simulate_command(CLI::App& app);

}  // namespace reskflow::app
