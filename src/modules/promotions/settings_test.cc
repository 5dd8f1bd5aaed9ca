// The promotions settings: defaults, bounds and unknown keys.
#include "settings.h"

#include <gtest/gtest.h>

namespace reskflow::promotions {
namespace {

TEST(PromotionsSettings, ReadsDefaultsAndRefusesUnknownOrOutOfRangeKeys) {
  auto defaults = load_settings({});
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->automatic_candidates_max, 50);
  auto set = load_settings({{"RESKFLOW_PROMOTIONS_AUTOMATIC_CANDIDATES_MAX", "5"}});
  ASSERT_TRUE(set);
  EXPECT_EQ(set->automatic_candidates_max, 5);
  EXPECT_FALSE(load_settings({{"RESKFLOW_PROMOTIONS_AUTOMATIC_CANDIDATES_MAX", "0"}}));
  EXPECT_FALSE(load_settings({{"RESKFLOW_PROMOTIONS_BUDGET", "1"}}));
}

}  // namespace
}  // namespace reskflow::promotions
