// Helpers shared by the optimize tests: benchmark data paths, best-known solutions, random
// tiny problems and the checker assertion every test runs on every solution.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "reskflow/optimize/problem.h"
#include "reskflow/optimize/solution.h"

namespace reskflow::optimize::testing {

// $RESKFLOW_SOURCE_DIR/../shared/data (the repository root's sibling), or ../shared/data.
std::filesystem::path data_dir();

// Reads an instance below data_dir(); fails the test when it cannot.
Problem load_instance(const std::string& relative_path);

// The distance-only best-known distance of a Solomon instance (bks.csv), or 0 if unknown.
double solomon_bks_distance(const std::string& name);

// Runs the independent checker and fails the test with its first violations.
void expect_feasible(const Problem& problem, const Solution& solution, bool require_all = true);

struct TinySpec {
  std::size_t singles = 5;
  std::size_t shipments = 0;
  std::size_t vehicles = 2;
  bool tight_windows = true;
};

// A random small problem on a 100 x 100 grid with windows, demands and a two-vehicle fleet.
Problem random_tiny_problem(std::uint64_t seed, const TinySpec& spec);

// The exact optimum (cost with every job served) by enumeration; cost_max if infeasible.
Cost brute_force_optimum(const Problem& problem);

}  // namespace reskflow::optimize::testing
