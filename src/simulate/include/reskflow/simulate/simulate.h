// `reskflow simulate`: a city of customers, merchants and couriers driven against a running
// deployment through its public HTTP and WebSocket API only (docs/simulator.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace reskflow::simulate {

struct Options {
  std::string target;  // "http://host:port" or "https://host:port"
  // For an https:// target: a PEM file of certificates to trust besides the system's (the
  // server's certificate is always verified).
  std::string ca_file;
  std::string scenario = "demo";     // a file, or the name of one under scenarios/
  std::optional<double> duration_s;  // overrides the scenario's duration_s
  std::uint64_t seed = 1;
  std::string report_path;  // the JSON report, when set
  std::string scenarios_dir = "scenarios";
  // An administrator's two-factor session for the simulated operator (docs/simulator.md, "The
  // operator"); run() reads RESKFLOW_SIMULATE_OPERATOR_REFRESH_TOKEN when this is empty.
  std::string operator_refresh_token;
};

// Exit codes: 0 every order the customers were told about ended; 1 the run could not set up,
// or an order was lost; 2 the options or the scenario were refused.
inline constexpr int exit_lost = 1;
inline constexpr int exit_bad_input = 2;

struct Outcome {
  int exit_code = 0;
  std::string report;  // the text report, for stdout (the JSON one went to report_path)
};

// Runs the simulation to its end; progress and problems go to stderr as it runs.
Outcome run(const Options& options);

}  // namespace reskflow::simulate
