// RESKFLOW_PROOFS_*: defaults, overrides, and refusals of unknown keys and values out of range.
#include "settings.h"

#include <gtest/gtest.h>

namespace reskflow::proofs {
namespace {

TEST(ProofsSettingsTest, DefaultsAndOverrides) {
  const auto defaults = load_settings({});
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->dir, "var/proofs");
  EXPECT_EQ(defaults->photo_bytes_max, 5 * 1024 * 1024);
  EXPECT_EQ(defaults->after_delivery_window_s, 600);
  const auto set = load_settings({{"RESKFLOW_PROOFS_DIR", "/srv/proofs"},
                                  {"RESKFLOW_PROOFS_PHOTO_BYTES_MAX", "2097152"},
                                  {"RESKFLOW_PROOFS_READINGS_PER_DELIVERY_MAX", "100"},
                                  {"RESKFLOW_OTHER_KEY", "not ours"}});
  ASSERT_TRUE(set) << set.error().detail;
  EXPECT_EQ(set->dir, "/srv/proofs");
  EXPECT_EQ(set->photo_bytes_max, 2097152);
  EXPECT_EQ(set->readings_per_delivery_max, 100);
}

TEST(ProofsSettingsTest, RefusesUnknownKeysAndValuesOutOfRange) {
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"RESKFLOW_PROOFS_PHOTO_MAX", "100"},
           {"RESKFLOW_PROOFS_PHOTO_BYTES_MAX", "0"},
           {"RESKFLOW_PROOFS_SIGNATURE_PIXELS_MAX", "lots"},
           {"RESKFLOW_PROOFS_AFTER_DELIVERY_WINDOW_S", "-1"},
           {"RESKFLOW_PROOFS_DIR", ""}}) {
    const auto refused = load_settings({{key, value}});
    ASSERT_FALSE(refused) << key;
    EXPECT_EQ(refused.error().code, ErrorCode::validation_failed) << key;
    ASSERT_FALSE(refused.error().fields.empty()) << key;
    EXPECT_EQ(refused.error().fields[0].field, key);
  }
}

}  // namespace
}  // namespace reskflow::proofs
