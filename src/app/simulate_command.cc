// The `reskflow simulate` verb: parses the options and runs the simulator.
#include "simulate_command.h"

#include <CLI/CLI.hpp>
#include <charconv>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "reskflow/simulate/simulate.h"

namespace reskflow::app {
namespace {

struct SimulateArgs {
  simulate::Options options;
  std::string duration;
};

// "90", "90s", "15m", "2h": seconds.
std::optional<double> duration_seconds(std::string_view text) {
  double unit = 1;
  if (text.ends_with('s')) {
    text.remove_suffix(1);
  } else if (text.ends_with('m')) {
    unit = 60;
    text.remove_suffix(1);
  } else if (text.ends_with('h')) {
    unit = 3600;
    text.remove_suffix(1);
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !(value > 0)) return std::nullopt;
  return value * unit;
}

void run_simulate(SimulateArgs& args) {
  if (!args.duration.empty()) {
    args.options.duration_s = duration_seconds(args.duration);
    if (!args.options.duration_s)
      throw CLI::ValidationError("--duration", "expects a duration such as 90s, 15m or 1h");
  }
  const auto outcome = simulate::run(args.options);
  std::cout << outcome.report << std::flush;
  if (outcome.exit_code != 0) throw CLI::RuntimeError(outcome.exit_code);
}

}  // namespace

void add_simulate_command(CLI::App& app) {
  auto args = std::make_shared<SimulateArgs>();
  CLI::App* sim = app.add_subcommand(
      "simulate", "Drive a running deployment as a whole city through its public API");
  sim->add_option("--target", args->options.target,
                  "The deployment's base URL (http://host:port or https://host:port)")
      ->required();
  sim->add_option("--ca-file", args->options.ca_file,
                  "For an https:// target: also trust the certificates in this PEM file");
  sim->add_option("--scenario", args->options.scenario,
                  "A scenario file, or the name of one in --scenarios-dir (demo, peak-hour)")
      ->capture_default_str();
  sim->add_option("--scenarios-dir", args->options.scenarios_dir, "Where named scenarios are")
      ->capture_default_str();
  sim->add_option("--duration", args->duration,
                  "How long to place orders (90s, 15m, 1h); the scenario's duration_s otherwise");
  sim->add_option("--seed", args->options.seed, "Seed of every actor's choices")
      ->capture_default_str();
  sim->add_option("--report", args->options.report_path, "Write the JSON report to this file");
  sim->callback([args] { run_simulate(*args); });
}

}  // namespace reskflow::app
