// Helpers shared by the optimize tests: generated instances read through the format readers,
// simple baseline solutions, random tiny problems and the checker assertion every test runs on
// every solution.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "instance_generator.h"
#include "reskflow/optimize/problem.h"
#include "reskflow/optimize/solution.h"

namespace reskflow::optimize::testing {

// Names a spec in gtest's messages ("RC2-s6") instead of dumping its bytes.
void PrintTo(const InstanceSpec& spec, std::ostream* out);

// A generated Solomon-style VRPTW instance, read by parse_solomon; named by instance_name.
// Throws when the reader rejects it, which stops the test (gtest reports the exception)
// instead of letting it run on an empty problem.
Problem generated_vrptw(const InstanceSpec& spec);

// A generated Li & Lim-style PDPTW instance, read by parse_lilim; named instance_name + "-pd".
// Throws like generated_vrptw.
Problem generated_pdptw(const InstanceSpec& spec);

// make_problem's result; throws when it rejects the draft, which stops the test.
Problem prepared(Problem draft);

// Nearest neighbour with time windows, written apart from the solver: each route goes on to
// the nearest job it can still serve in time and in capacity, then returns. Singles only.
Solution nearest_neighbour_solution(const Problem& problem);

// One route per shipment (pickup then delivery) or single job: the trivial feasible plan.
Solution route_per_unit_solution(const Problem& problem);

// Runs the independent checker and fails the test with its first violations.
void expect_feasible(const Problem& problem, const Solution& solution, bool require_all = true);

struct TinySpec {
  std::size_t singles = 5;
  std::size_t shipments = 0;
  std::size_t vehicles = 2;
  bool tight_windows = true;
};

// A random small problem on a 100 x 100 grid with windows, demands and a two-vehicle fleet.
// Throws when make_problem rejects it.
Problem random_tiny_problem(std::uint64_t seed, const TinySpec& spec);

// The exact optimum (cost with every job served) by enumeration; cost_max if infeasible.
Cost brute_force_optimum(const Problem& problem);

}  // namespace reskflow::optimize::testing
