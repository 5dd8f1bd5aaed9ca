// The checker accepts feasible solutions and names each kind of violation.
#include <gtest/gtest.h>

#include "reskflow/optimize/checker.h"
#include "test_support.h"

namespace reskflow::optimize {
namespace {

// Depot 0 and three customers on a line, 10 apart; customer 3 is reached by shipment 1 -> 2.
Problem line_problem() {
  Problem p;
  p.durations = Matrix<Duration>(4);
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::size_t j = 0; j < 4; ++j) {
      p.durations.at(i, j) = 10 * static_cast<Duration>(i > j ? i - j : j - i);
    }
  }
  Job a;
  a.id = 1;
  a.location = 1;
  a.delivery.values[0] = 2;
  a.time_windows = {TimeWindow{0, 15}};
  Job pick;
  pick.id = 2;
  pick.type = JobType::pickup;
  pick.location = 2;
  pick.pickup.values[0] = 3;
  pick.sibling = 2;
  Job drop;
  drop.id = 3;
  drop.type = JobType::delivery;
  drop.location = 3;
  drop.delivery.values[0] = 3;
  drop.sibling = 1;
  drop.skills = {};
  p.jobs = {a, pick, drop};
  Vehicle v;
  v.id = 7;
  v.start = v.end = 0;
  v.capacity.values[0] = 5;
  v.time_window = TimeWindow{0, 100};
  p.vehicles = {v, v};
  p.vehicles[1].id = 8;
  return testing::prepared(std::move(p));
}

TEST(Checker, AcceptsAFeasibleRoute) {
  const Problem p = line_problem();
  const Solution s{{Route{0, {0, 1, 2}}}, {}};
  testing::expect_feasible(p, s);
  EXPECT_EQ(check_solution(p, s).cost, 60);
}

TEST(Checker, FlagsLateArrival) {
  const Problem p = line_problem();
  EXPECT_FALSE(check_solution(p, Solution{{Route{0, {1, 2, 0}}}, {}}).feasible());
}

TEST(Checker, FlagsDeliveryBeforePickup) {
  const Problem p = line_problem();
  EXPECT_FALSE(check_solution(p, Solution{{Route{0, {0, 2, 1}}}, {}}).feasible());
}

TEST(Checker, FlagsSplitShipment) {
  const Problem p = line_problem();
  EXPECT_FALSE(check_solution(p, Solution{{Route{0, {0, 1}}, Route{1, {2}}}, {}}).feasible());
}

TEST(Checker, FlagsMissingAndDuplicateJobs) {
  const Problem p = line_problem();
  EXPECT_FALSE(check_solution(p, Solution{{Route{0, {0}}}, {}}).feasible());
  EXPECT_FALSE(check_solution(p, Solution{{Route{0, {0, 1, 2}}}, {0}}).feasible());
  EXPECT_TRUE(check_solution(p, Solution{{Route{0, {0}}}, {1, 2}}).feasible());
  EXPECT_FALSE(check_solution(p, Solution{{Route{0, {0}}}, {1, 2}}, true).feasible());
}

TEST(Checker, FlagsOverload) {
  Problem p = line_problem();
  p.vehicles[0].capacity.values[0] = 2;  // 2 on board at the start, 3 after the pickup
  EXPECT_FALSE(check_solution(p, Solution{{Route{0, {0, 1, 2}}}, {}}).feasible());
}

TEST(Checker, FlagsMissingSkillAndShiftEnd) {
  Problem p = line_problem();
  p.jobs[0].skills = {9};
  EXPECT_FALSE(check_solution(p, Solution{{Route{0, {0, 1, 2}}}, {}}).feasible());
  Problem q = line_problem();
  q.vehicles[0].time_window.end = 50;
  EXPECT_FALSE(check_solution(q, Solution{{Route{0, {0, 1, 2}}}, {}}).feasible());
}

TEST(Checker, FlagsBrokenFixedPrefix) {
  Problem p = line_problem();
  p.vehicles[0].fixed_prefix = {0};
  p = testing::prepared(std::move(p));
  EXPECT_TRUE(check_solution(p, Solution{{Route{0, {0, 1, 2}}}, {}}).feasible());
  EXPECT_FALSE(check_solution(p, Solution{{Route{0, {1, 2, 0}}}, {}}).feasible());
  EXPECT_FALSE(check_solution(p, Solution{{Route{1, {0, 1, 2}}}, {}}).feasible());
}

TEST(Problem, RejectsInconsistentInput) {
  Problem p = line_problem();
  p.jobs[1].sibling = no_index;
  EXPECT_FALSE(make_problem(p).has_value());
  Problem q = line_problem();
  q.jobs[0].location = 9;
  EXPECT_FALSE(make_problem(q).has_value());
  Problem r = line_problem();
  r.jobs[0].time_windows = {TimeWindow{5, 1}};
  EXPECT_FALSE(make_problem(r).has_value());
}

}  // namespace
}  // namespace reskflow::optimize
