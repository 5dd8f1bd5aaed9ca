// `reskflow verify`: checks a delivery's records against the registry contract on chain, trusting
// the server for nothing but the record bytes (docs/chain.md, "Checking a record").
#pragma once

namespace CLI {
class App;
}

namespace reskflow::app {

void add_verify_command(CLI::App& app);

}  // namespace reskflow::app
