// The module table's resolution: start order from declared dependencies, selections pulling in
// what they need, and start-up refusals that name the missing module or the cycle.
#include "module_graph.h"

#include <gtest/gtest.h>

namespace reskflow::app {
namespace {

using Names = std::vector<std::string_view>;

// The shape of the real table: identity and catalog under carts and reviews.
const std::vector<ModuleNode> shop{
    {"system", {}},
    {"identity", {}},
    {"catalog", {"identity"}},
    {"carts", {"catalog", "identity"}},
    {"reviews", {"catalog"}},
};

Result<ModulePlan> plan(const std::vector<ModuleNode>& table, std::vector<std::string> selected) {
  return plan_modules(table, selected);
}

TEST(ModuleGraph, StartsEveryModuleAfterWhatItNeeds) {
  // Listed dependants first: the order comes from `needs`, not from the rows.
  const std::vector<ModuleNode> table{
      {"carts", {"catalog", "identity"}},
      {"catalog", {"identity"}},
      {"identity", {}},
      {"routing", {}},
  };
  const auto p = plan(table, {});
  ASSERT_TRUE(p) << p.error().detail;
  EXPECT_EQ(p->order, (Names{"identity", "catalog", "carts", "routing"}));
  EXPECT_TRUE(p->added.empty());
}

TEST(ModuleGraph, KeepsTheTableOrderWhenItAlreadyRespectsTheDependencies) {
  const auto p = plan(shop, {});
  ASSERT_TRUE(p) << p.error().detail;
  EXPECT_EQ(p->order, (Names{"system", "identity", "catalog", "carts", "reviews"}));
}

TEST(ModuleGraph, SelectingAModuleStartsWhatItNeedsAndSaysWhy) {
  const auto p = plan(shop, {"carts"});
  ASSERT_TRUE(p) << p.error().detail;
  EXPECT_EQ(p->order, (Names{"identity", "catalog", "carts"}));
  ASSERT_EQ(p->added.size(), 2u);
  EXPECT_EQ(p->added[0].module, "catalog");
  EXPECT_EQ(p->added[0].needed_by, "carts");
  EXPECT_EQ(p->added[1].module, "identity");
  EXPECT_EQ(p->added[1].needed_by, "catalog");
}

TEST(ModuleGraph, AddsNothingThatWasSelected) {
  const auto p = plan(shop, {"reviews", "system", "identity", "catalog"});
  ASSERT_TRUE(p) << p.error().detail;
  EXPECT_EQ(p->order, (Names{"system", "identity", "catalog", "reviews"}));
  EXPECT_TRUE(p->added.empty());
}

TEST(ModuleGraph, RefusesAnUnknownModuleNamingItAndTheKnownOnes) {
  const auto p = plan(shop, {"system", "ordres"});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(p.error().detail, "unknown module ordres (system, identity, catalog, carts, reviews)");
  ASSERT_EQ(p.error().fields.size(), 1u);
  EXPECT_EQ(p.error().fields[0].field, "modules");
}

TEST(ModuleGraph, RefusesAMissingDependencyNamingIt) {
  auto table = shop;
  table.push_back({"orders", {"carts", "payments"}});
  const auto p = plan(table, {"orders"});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(p.error().detail, "orders needs payments, which this binary does not have");
}

TEST(ModuleGraph, IgnoresAMissingDependencyOfAModuleNotStarted) {
  auto table = shop;
  table.push_back({"orders", {"carts", "payments"}});
  const auto p = plan(table, {"reviews"});
  ASSERT_TRUE(p) << p.error().detail;
  EXPECT_EQ(p->order, (Names{"identity", "catalog", "reviews"}));
}

TEST(ModuleGraph, RefusesACycleNamingEveryModuleInIt) {
  const std::vector<ModuleNode> table{
      {"system", {}},
      {"orders", {"payments"}},
      {"payments", {"ledger"}},
      {"ledger", {"orders"}},
  };
  const auto p = plan(table, {});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::internal);
  EXPECT_EQ(p.error().detail, "circular module dependency: orders -> payments -> ledger -> orders");
}

TEST(ModuleGraph, RefusesAModuleThatNeedsItself) {
  const std::vector<ModuleNode> table{{"orders", {"orders"}}};
  const auto p = plan(table, {});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().detail, "circular module dependency: orders -> orders");
}

TEST(ModuleGraph, NamesOnlyTheCycleWhenItIsReachedThroughOtherModules) {
  const std::vector<ModuleNode> table{
      {"carts", {"catalog"}},
      {"catalog", {"media"}},
      {"media", {"catalog"}},
  };
  const auto p = plan(table, {"carts"});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().detail, "circular module dependency: catalog -> media -> catalog");
}

}  // namespace
}  // namespace reskflow::app
