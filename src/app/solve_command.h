// The `reskflow solve FILE` verb: solve a Solomon, Li & Lim or JSON problem and print the
// solution as VROOM-shaped JSON.
#pragma once

namespace CLI {
class App;
}

namespace reskflow::app {

// Adds the `solve` subcommand (FILE, --time-limit, --seed, --threads, --iterations) to app.
// A bad file prints "error: ..." on stderr and ends with CLI::RuntimeError(2), which
// app.exit() (CLI11_PARSE) turns into exit code 2.
void add_solve_command(CLI::App& app);

}  // namespace reskflow::app
