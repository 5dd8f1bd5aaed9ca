// Configuration checks: map tile templates and what the portals' security policy may allow,
// and who may read metrics.
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

TEST(Config, OpensMetricsToLoopbackOutsideProductionOnly) {
  Config c;
  EXPECT_EQ(operator_networks(c), (std::vector<std::string>{"127.0.0.0/8", "::1"}));
  c.environment = Environment::production;
  EXPECT_TRUE(operator_networks(c).empty());
  c.metrics_networks = {"10.0.0.0/8"};
  EXPECT_EQ(operator_networks(c), (std::vector<std::string>{"10.0.0.0/8"}));
}

TEST(Config, RefusesAShortMetricsTokenAndABadNetwork) {
  Config c;
  c.metrics_token = "short";
  c.metrics_networks = {"10.0.0.0/8", "not-a-network"};
  auto checked = validate(c);
  ASSERT_FALSE(checked);
  ASSERT_EQ(checked.error().fields.size(), 2u);
  EXPECT_EQ(checked.error().fields[0].field, "metrics_token");
  EXPECT_EQ(checked.error().fields[1].field, "metrics_networks");
  c.metrics_token = std::string(32, 'k');
  c.metrics_networks = {"10.0.0.0/8", "fd00::/8"};
  EXPECT_TRUE(validate(c));
  c.metrics_token = std::string(31, 'k') + " ";
  EXPECT_FALSE(validate(c));
}

}  // namespace
}  // namespace reskflow
