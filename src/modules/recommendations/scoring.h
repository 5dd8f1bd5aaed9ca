// The arithmetic behind the counters: scores that halve every half-life, kept as fixed-point
// integers with the time they were last brought up to, and the grid cells of "popular near you".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reskflow/modules/geo.h"

namespace reskflow::recommendations {

// One order adds this much to a score (scores are millionths of an order).
inline constexpr std::int64_t score_per_order = 1'000'000;
inline constexpr std::int64_t day_us = 86'400'000'000;

// A score as stored: its value at `at_us`.
struct Decayed {
  std::int64_t score = 0;
  std::int64_t at_us = 0;
};

// The score brought to `at_us` (halved every `half_life_us`); an earlier `at_us` leaves it as is.
std::int64_t decayed_to(const Decayed& d, std::int64_t at_us, std::int64_t half_life_us);

// The score with one order at `order_at_us` added. The older of the two is decayed to the newer,
// so the result does not depend on the order in which orders arrive.
Decayed add_order(const Decayed& d, std::int64_t order_at_us, std::int64_t half_life_us);

// "Popular near you" is counted per cell of a grid of cell_degrees in latitude and longitude
// (about 5.5 km north-south), keyed by the merchant's location.
inline constexpr double cell_degrees = 0.05;

// "<lat index>:<lng index>" of the cell holding p.
std::string cell_of(modules::geo::Point p);
// The cell holding p and its eight neighbours (fewer at the poles and the antimeridian).
std::vector<std::string> cells_around(modules::geo::Point p);

}  // namespace reskflow::recommendations
