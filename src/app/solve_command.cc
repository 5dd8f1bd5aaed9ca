// The `reskflow solve` verb: read (format auto-detected), solve, print VROOM-shaped JSON.
#include "solve_command.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <string>

#include "reskflow/optimize/checker.h"
#include "reskflow/optimize/instance_io.h"
#include "reskflow/optimize/route_solver.h"

namespace reskflow::app {
namespace {

struct SolveArgs {
  std::string file;
  double time_limit_s = 1.0;
  std::uint64_t seed = 1;
  unsigned threads = 1;
  std::uint64_t iterations = 0;
};

constexpr int bad_input_exit_code = 2;

void run_solve(const SolveArgs& args) {
  namespace opt = reskflow::optimize;
  auto problem = opt::read_instance_file(args.file);
  if (!problem) {
    std::cerr << "error: " << args.file << ": " << problem.error().message << '\n';
    throw CLI::RuntimeError(bad_input_exit_code);
  }
  opt::SolveOptions options;
  options.time_limit = std::chrono::milliseconds(std::llround(args.time_limit_s * 1000.0));
  options.seed = args.seed;
  options.threads = args.threads;
  options.iteration_limit = args.iterations;
  const auto solved = opt::solve_routes(*problem, options);
  if (!solved) {
    std::cerr << "error: " << args.file << ": " << solved.error().message << '\n';
    throw CLI::RuntimeError(bad_input_exit_code);
  }
  const opt::SolveResult& result = *solved;
  const opt::CheckReport report = opt::check_solution(*problem, result.solution);
  if (!report.feasible()) {  // a solver bug, not bad input: say so loudly
    std::cerr << "error: infeasible solution: " << report.violations.front() << '\n';
    throw CLI::RuntimeError(1);
  }
  opt::SolutionJsonOptions json_options;
  json_options.solving_ms = static_cast<double>(result.stats.elapsed.count());
  std::cout << opt::solution_to_json(*problem, result.solution, json_options) << '\n';
}

}  // namespace

void add_solve_command(CLI::App& app) {
  auto args = std::make_shared<SolveArgs>();
  CLI::App* solve = app.add_subcommand(
      "solve", "Solve a routing problem (Solomon, Li & Lim or JSON) and print JSON");
  solve->add_option("file", args->file, "Problem file")->required();
  solve->add_option("--time-limit", args->time_limit_s, "Wall-clock budget in seconds")
      ->check(CLI::Range(0.001, 86400.0));
  solve->add_option("--seed", args->seed, "Random seed");
  solve->add_option("--threads", args->threads, "Independent searches in parallel")
      ->check(CLI::Range(1U, 64U));
  solve->add_option("--iterations", args->iterations,
                    "Iterations per thread (0: until the time limit); makes runs reproducible");
  solve->callback([args] { run_solve(*args); });
}

}  // namespace reskflow::app
