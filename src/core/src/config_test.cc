// Configuration checks: map tile templates and what the portals' security policy may allow.
#include "reskflow/core/config.h"

#include <gtest/gtest.h>

namespace reskflow {
namespace {

TEST(Config, TurnsATileTemplateIntoTheSourceThePolicyAllows) {
  EXPECT_EQ(tile_source("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"),
            "https://*.tile.openstreetmap.org");
  EXPECT_EQ(tile_source("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png"), "http://127.0.0.1:8080");
}

TEST(Config, RefusesTileTemplatesThatCouldRewriteThePolicy) {
  EXPECT_EQ(tile_source("https://evil.example; script-src *;/{z}/{x}/{y}"), "");
  EXPECT_EQ(tile_source("file:///tiles/{z}/{x}/{y}.png"), "");
  EXPECT_EQ(tile_source("https://tiles.example.org/static.png"), "");
  Config c;
  c.map_tile_url = "javascript:alert(1)/{z}/{x}/{y}";
  auto checked = validate(c);
  ASSERT_FALSE(checked);
  ASSERT_EQ(checked.error().fields.size(), 1u);
  EXPECT_EQ(checked.error().fields[0].field, "map_tile_url");
  c.map_tile_url = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png";
  EXPECT_TRUE(validate(c));
}

}  // namespace
}  // namespace reskflow
