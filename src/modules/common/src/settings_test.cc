// Module settings: typed values, defaults, and rejection of unknown or malformed variables.
#include "reskflow/modules/settings.h"

#include <gtest/gtest.h>

namespace reskflow::modules {
namespace {

TEST(Settings, ReadsPrefixedIntegerAndFallsBackToDefault) {
  Settings s("system", {{"RESKFLOW_SYSTEM_STATUS_INTERVAL_MS", "250"}, {"PATH", "/bin"}});
  EXPECT_EQ(s.integer("STATUS_INTERVAL_MS", 10000, 1, 60000), 250);
  EXPECT_EQ(s.integer("OTHER_MS", 7, 1, 10), 7);
  EXPECT_TRUE(s.finish());
}

TEST(Settings, RejectsUnknownVariableWithModulePrefix) {
  Settings s("system", {{"RESKFLOW_SYSTEM_STATUS_INTERVL_MS", "250"}});
  EXPECT_EQ(s.integer("STATUS_INTERVAL_MS", 10000, 1, 60000), 10000);
  const auto status = s.finish();
  ASSERT_FALSE(status);
  ASSERT_EQ(status.error().fields.size(), 1u);
  EXPECT_EQ(status.error().fields[0].field, "RESKFLOW_SYSTEM_STATUS_INTERVL_MS");
}

TEST(Settings, RejectsOutOfRangeAndNonNumericValues) {
  Settings s("system", {{"RESKFLOW_SYSTEM_A", "0"}, {"RESKFLOW_SYSTEM_B", "12x"}});
  s.integer("A", 5, 1, 10);
  s.integer("B", 5, 1, 10);
  const auto status = s.finish();
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().fields.size(), 2u);
}

}  // namespace
}  // namespace reskflow::modules
