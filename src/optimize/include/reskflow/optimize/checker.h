// The independent feasibility checker: written apart from the solvers, it re-derives every
// constraint from the problem and reports each violation it finds.
#pragma once

#include <string>
#include <vector>

#include "reskflow/optimize/problem.h"
#include "reskflow/optimize/solution.h"

namespace reskflow::optimize {

struct CheckReport {
  std::vector<std::string> violations;
  Cost cost = 0;  // recomputed arc and fixed costs
  [[nodiscard]] bool feasible() const { return violations.empty(); }
};

// Checks: valid indices, each vehicle used once, every job served exactly once or listed
// unassigned, skills, fixed prefixes, shipments on one route with pickup first, capacity
// at every step, time windows of jobs and shifts. With require_all, unassigned jobs are
// violations too.
CheckReport check_solution(const Problem& problem, const Solution& solution,
                           bool require_all = false);

}  // namespace reskflow::optimize
