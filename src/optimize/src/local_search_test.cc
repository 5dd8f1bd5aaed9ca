// Every operator keeps solutions feasible and lowers the cost it claims; the O(1) checks
// agree with a full re-evaluation of the changed route.
#include <gtest/gtest.h>

#include "insertion.h"
#include "local_search.h"
#include "reskflow/optimize/route_solver.h"
#include "search_state.h"
#include "segment_move.h"
#include "test_support.h"

namespace reskflow::optimize {
namespace {

const char* kind_name(MoveKind kind) {
  switch (kind) {
    case MoveKind::relocate: return "relocate";
    case MoveKind::exchange: return "exchange";
    case MoveKind::or_opt: return "or-opt";
    case MoveKind::cross_exchange: return "cross-exchange";
    case MoveKind::two_opt_star: return "2-opt*";
    case MoveKind::intra_relocate: return "intra-relocate";
  }
  return "?";
}

void exercise_operators(const Problem& p) {
  const auto classes = vehicle_classes(p);
  for (const MoveKind kind : all_move_kinds) {
    SearchState state = make_state(p, construct_solution(p));
    std::size_t moves = 0;
    for (; moves < 25; ++moves) {
      const Cost before = state.cost;
      if (!improve_once(p, state, classes, kind)) break;
      EXPECT_LT(state.cost, before) << kind_name(kind);
      const Solution s = to_solution(p, state);
      testing::expect_feasible(p, s);
      SearchState fresh = make_state(p, s);
      EXPECT_EQ(fresh.cost, state.cost) << kind_name(kind);
    }
    EXPECT_GT(moves, 0U) << p.name << ": " << kind_name(kind) << " found nothing to improve";
  }
}

TEST(LocalSearch, OperatorsKeepVrptwFeasible) {
  exercise_operators(testing::generated_vrptw({.seed = 31, .layout = testing::Layout::random}));
  exercise_operators(testing::generated_vrptw(
      {.seed = 32, .layout = testing::Layout::mixed, .series = testing::Series::long_horizon}));
}

TEST(LocalSearch, OperatorsKeepPdptwFeasible) {
  const Problem p = testing::generated_pdptw({.seed = 33, .layout = testing::Layout::random});
  const auto classes = vehicle_classes(p);
  for (const MoveKind kind : all_move_kinds) {
    SearchState state = make_state(p, construct_solution(p));
    for (std::size_t moves = 0; moves < 10 && improve_once(p, state, classes, kind); ++moves) {
      testing::expect_feasible(p, to_solution(p, state));
    }
  }
}

// Each segment replacement that the O(1) check accepts or rejects is re-checked in full.
void compare_with_full_check(const Problem& p, const SearchState& state, std::size_t x,
                             std::size_t y) {
  const RouteCache& rx = state.routes[x];
  const RouteCache& ry = state.routes[y];
  std::size_t disagreements = 0;
  for (std::size_t a = 1; a <= rx.size() + 1; ++a) {
    for (std::size_t b = a - 1; b <= std::min(rx.size(), a + 1); ++b) {
      for (std::size_t first = 1; first <= ry.size(); ++first) {
        for (std::size_t last = first - 1; last <= std::min(ry.size(), first + 2); ++last) {
          const Segment seg{&ry, first, last};
          const bool fast = replacement_feasible(p, rx, a, b, seg);
          const bool full = sequence_feasible(p, rx.vehicle, replaced_jobs(rx, a, b, seg));
          if (fast != full) ++disagreements;
        }
      }
    }
  }
  EXPECT_EQ(disagreements, 0U) << p.name;
}

TEST(LocalSearch, SegmentChecksAgreeWithFullChecks) {
  for (const testing::InstanceSpec& spec :
       {testing::InstanceSpec{.seed = 34, .layout = testing::Layout::random},
        testing::InstanceSpec{.seed = 35,
        .layout = testing::Layout::clustered,
        .series = testing::Series::long_horizon},
        testing::InstanceSpec{.seed = 36, .layout = testing::Layout::mixed}}) {
    const Problem p = testing::generated_vrptw(spec);
    const SearchState state = make_state(p, construct_solution(p));
    compare_with_full_check(p, state, 0, 1);
    compare_with_full_check(p, state, 2, 1);
  }
}

TEST(Insertion, BestPositionIsFeasibleAndPricedRight) {
  const Problem p = testing::generated_pdptw({.seed = 37, .layout = testing::Layout::clustered});
  SearchState state = make_state(p, construct_solution(p));
  for (std::size_t r = 0; r < 4; ++r) {
    const RouteCache& route = state.routes[r];
    for (std::size_t k = 0; k < route.size(); ++k) {
      const std::size_t unit = unit_of(p, route.jobs[k]);
      std::vector<std::size_t> without;
      for (const std::size_t j : route.jobs) {
        if (unit_of(p, j) != unit) without.push_back(j);
      }
      RouteCache reduced;
      reduced.vehicle = route.vehicle;
      reduced.jobs = without;
      refresh_route(p, reduced);
      Insertion best;
      best_insertion(p, reduced, r, unit, best);
      ASSERT_TRUE(best.found());  // at least where it was
      EXPECT_LE(best.delta, route.cost - reduced.cost);
      apply_insertion(p, reduced, unit, best);
      EXPECT_TRUE(sequence_feasible(p, reduced.vehicle, reduced.jobs));
    }
  }
}

}  // namespace
}  // namespace reskflow::optimize
