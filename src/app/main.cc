// reskflow: one binary for the whole platform; each verb is a subcommand.
#include <CLI/CLI.hpp>

#include "admin_commands.h"
#include "commands.h"
#include "ledger_command.h"
#include "simulate_command.h"
#include "solve_command.h"
#include "verify_command.h"

int main(int argc, char** argv) {
  CLI::App app{"ReskFlow delivery platform"};
  app.require_subcommand(1);
  reskflow::Config config;

  auto* serve = app.add_subcommand("serve", "Run the HTTP and WebSocket server");
  reskflow::bind_server_options(*serve, config);
  auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations and exit");
  reskflow::bind_common_options(*migrate, config);
  migrate->add_option("--modules", config.modules, "Modules to migrate (default: all)")
      ->envname("RESKFLOW_MODULES")
      ->delimiter(',');
  app.add_subcommand("version", "Print the version")->callback([] {
    std::puts(std::string(reskflow::app::version()).c_str());
  });
  auto* seed = app.add_subcommand(
      "seed", "Load the demo city (Berlin) and its demo accounts; idempotent, never in production");
  reskflow::bind_common_options(*seed, config);
  seed->add_option("--jwt-secret", config.jwt_secret, "The server's JWT_SECRET")
      ->envname("JWT_SECRET");
  reskflow::app::add_solve_command(app);
  reskflow::app::add_admin_commands(app, config);
  reskflow::app::add_ledger_commands(app, config);
  reskflow::app::add_verify_command(app);
  reskflow::app::add_simulate_command(app);

  CLI11_PARSE(app, argc, argv);
  if (serve->parsed()) return reskflow::app::serve(config);
  if (migrate->parsed()) return reskflow::app::migrate(config);
  if (seed->parsed()) return reskflow::app::seed(config);
  return 0;
}
