// RESKFLOW_RECOMMENDATIONS_*: defaults, overrides, and refusals of unknown keys and values out of
// range.
#include "settings.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace reskflow::recommendations {
namespace {

TEST(RecommendationsSettingsTest, DefaultsAndOverrides) {
  const auto defaults = load_settings({});
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->order_again_half_life_days, 30);
  EXPECT_EQ(defaults->popular_half_life_days, 7);
  EXPECT_EQ(defaults->popular_window_days, 28);
  const auto set = load_settings({{"RESKFLOW_RECOMMENDATIONS_ORDER_AGAIN_HALF_LIFE_DAYS", "60"},
                                  {"RESKFLOW_RECOMMENDATIONS_POPULAR_HALF_LIFE_DAYS", "3"},
                                  {"RESKFLOW_RECOMMENDATIONS_POPULAR_WINDOW_DAYS", "14"},
                                  {"RESKFLOW_OTHER_KEY", "not ours"}});
  ASSERT_TRUE(set) << set.error().detail;
  EXPECT_EQ(set->order_again_half_life_days, 60);
  EXPECT_EQ(set->popular_half_life_days, 3);
  EXPECT_EQ(set->popular_window_days, 14);
}

TEST(RecommendationsSettingsTest, RefusesUnknownKeysAndValuesOutOfRange) {
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"RESKFLOW_RECOMMENDATIONS_HALF_LIFE_DAYS", "7"},
           {"RESKFLOW_RECOMMENDATIONS_ORDER_AGAIN_HALF_LIFE_DAYS", "0"},
           {"RESKFLOW_RECOMMENDATIONS_POPULAR_HALF_LIFE_DAYS", "91"},
           {"RESKFLOW_RECOMMENDATIONS_POPULAR_WINDOW_DAYS", "a month"}}) {
    const auto refused = load_settings({{key, value}});
    ASSERT_FALSE(refused) << key;
    EXPECT_EQ(refused.error().code, ErrorCode::validation_failed) << key;
    ASSERT_FALSE(refused.error().fields.empty()) << key;
    EXPECT_EQ(refused.error().fields[0].field, key);
  }
}

}  // namespace
}  // namespace reskflow::recommendations
