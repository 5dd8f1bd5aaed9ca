// Decayed scores halve every half-life whatever order the orders arrive in, and the grid gives a
// point its cell and the eight around it.
#include "scoring.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace reskflow::recommendations {
namespace {

constexpr std::int64_t week_us = 7 * day_us;

TEST(ScoringTest, ScoreHalvesEveryHalfLife) {
  const Decayed one{score_per_order, 0};
  EXPECT_EQ(decayed_to(one, week_us, week_us), score_per_order / 2);
  EXPECT_EQ(decayed_to(one, 2 * week_us, week_us), score_per_order / 4);
  EXPECT_EQ(decayed_to({score_per_order, week_us}, 0, week_us), score_per_order);
}

TEST(ScoringTest, AddingOrdersDoesNotDependOnTheirArrivalOrder) {
  const std::int64_t monday = 100 * day_us;
  const std::int64_t friday = monday + 4 * day_us;
  const auto in_order = add_order(add_order({}, monday, week_us), friday, week_us);
  const auto reversed = add_order(add_order({}, friday, week_us), monday, week_us);
  EXPECT_EQ(in_order.at_us, friday);
  EXPECT_EQ(reversed.at_us, friday);
  EXPECT_NEAR(static_cast<double>(in_order.score), static_cast<double>(reversed.score), 1.0);
  // The older order counts 2^(-4/7) on Friday.
  EXPECT_NEAR(static_cast<double>(in_order.score), 1'672'950.0, 2.0);
}

TEST(ScoringTest, CellsAroundHoldThePointsCellAndItsNeighbours) {
  const modules::geo::Point paris{48.8566, 2.3522};
  const auto cells = cells_around(paris);
  EXPECT_EQ(cells.size(), 9U);
  EXPECT_EQ(cell_of(paris), "977:47");
  EXPECT_NE(std::find(cells.begin(), cells.end(), cell_of(paris)), cells.end());
  EXPECT_NE(std::find(cells.begin(), cells.end(), cell_of({48.90, 2.32})), cells.end());
  EXPECT_EQ(std::find(cells.begin(), cells.end(), cell_of({45.7640, 4.8357})), cells.end());
  EXPECT_EQ(cell_of({-0.01, -0.01}), "-1:-1");
  EXPECT_EQ(cells_around({90, 0}).size(), 6U);
  EXPECT_EQ(cells_around({0, 180}).size(), 6U);
}

}  // namespace
}  // namespace reskflow::recommendations
