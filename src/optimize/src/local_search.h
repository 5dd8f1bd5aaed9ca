// Local search operators in feasible space: relocate, exchange, or-opt, cross-exchange,
// 2-opt* between routes, and relocate inside a route. Each move is priced in O(1) from the
// route caches and checked for windows and capacity in O(segment length).
#pragma once

#include <cstdint>

#include "reskflow/optimize/problem.h"
#include "search_state.h"

namespace reskflow::optimize {

enum class MoveKind : std::uint8_t {
  relocate,
  exchange,
  or_opt,
  cross_exchange,
  two_opt_star,
  intra_relocate,
};

inline constexpr MoveKind all_move_kinds[] = {MoveKind::relocate,     MoveKind::exchange,
                                              MoveKind::or_opt,       MoveKind::cross_exchange,
                                              MoveKind::two_opt_star, MoveKind::intra_relocate};

// Applies the first improving feasible move of that kind; false when there is none.
bool improve_once(const Problem& problem, SearchState& state,
                  const std::vector<std::size_t>& classes, MoveKind kind);

// Repeats the operators until none improves (or move_limit moves were made).
void local_search(const Problem& problem, SearchState& state,
                  const std::vector<std::size_t>& classes, std::size_t move_limit = 100'000);

}  // namespace reskflow::optimize
