// The counters on both engines: a redelivered event counts once, scores decay with time, the
// popular items are those of merchants near the point within the window, pairs are counted per
// order and merchant, and an erased customer's history goes.
#include <chrono>

#include "reskflow/modules/payload.h"
#include "scoring.h"
#include "test_fixture.h"

namespace reskflow::recommendations::testing {
namespace {

using namespace std::chrono_literals;
using modules::testing::must;

class RecommendationsServiceTest : public RecommendationsFixture {
 protected:
  std::int64_t counted(const std::string& table) {
    auto rows = db().read(
        [&](store::Transaction& tx) { return tx.query("SELECT COUNT(*) FROM " + table); });
    return rows ? rows->front().int64(0) : -1;
  }
};

TEST_P(RecommendationsServiceTest, RedeliveredEventCountsOnce) {
  const bus::Envelope event{
      "0190e000-0000-7000-8000-000000000001", std::string(orders::events::order_delivered),
      "order-1", delivered_payload("order-1", ada, luigi, {pizza, soda}, clock.now_us())};
  ASSERT_TRUE(service().on_order_delivered(event));
  ASSERT_TRUE(service().on_order_delivered(event));
  const auto items = must(service().order_again_items(ada));
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[0].orders, 1);
  EXPECT_EQ(items[0].score, score_per_order);
  EXPECT_EQ(must(service().order_again_merchants(ada)).at(0).orders, 1);
  EXPECT_EQ(must(service().ordered_with(luigi, pizza)).at(0).orders, 1);
  EXPECT_EQ(must(service().popular_near(paris)).at(0).orders, 1);
}

TEST_P(RecommendationsServiceTest, RecentOrdersOutrankOldHabitsAsScoresDecay) {
  for (int i = 0; i < 3; ++i) deliver("order-p" + std::to_string(i), ada, luigi, {pizza});
  clock.advance(90 * 24h);  // three half-lives: three old pizzas weigh 0.375 of an order
  deliver("order-s", ada, luigi, {salad});
  auto items = must(service().order_again_items(ada));
  ASSERT_EQ(item_ids(items), (std::vector<std::string>{salad, pizza}));
  EXPECT_EQ(items[1].orders, 3);
  EXPECT_EQ(items[1].score, 3 * score_per_order / 8);
  clock.advance(30 * 24h);
  items = must(service().order_again_items(ada));
  EXPECT_EQ(items[0].score, score_per_order / 2);
  EXPECT_EQ(items[0].name, "name of " + salad);
}

TEST_P(RecommendationsServiceTest, PopularNearCountsMerchantsNearThePointWithinTheWindow) {
  deliver("order-1", ada, luigi, {pizza});
  deliver("order-2", bob, luigi, {pizza, soda});
  deliver("order-3", bob, wok, {noodles});
  deliver("order-4", ada, bouchon, {quenelle});
  const auto near_paris = must(service().popular_near(paris));
  ASSERT_EQ(near_paris.size(), 3U);
  EXPECT_EQ(near_paris[0].item_id, pizza);
  EXPECT_EQ(near_paris[0].orders, 2);
  EXPECT_EQ(item_ids(must(service().popular_near(lyon))), (std::vector<std::string>{quenelle}));

  clock.advance(29 * 24h);  // past the 28-day window: nothing is popular any more
  EXPECT_TRUE(must(service().popular_near(paris)).empty());
  deliver("order-5", ada, wok, {noodles});  // the next order of the cell prunes the old rows
  EXPECT_EQ(item_ids(must(service().popular_near(paris))), (std::vector<std::string>{noodles}));
  EXPECT_EQ(counted("recommendations_counts WHERE scope = 'cell_item'"), 2);  // + Lyon's
}

TEST_P(RecommendationsServiceTest, PairsAreCountedWithinAnOrderPerMerchant) {
  deliver("order-1", ada, luigi, {pizza, soda});
  clock.advance(1h);
  deliver("order-2", bob, luigi, {pizza, soda, tiramisu});
  clock.advance(1h);
  deliver("order-3", ada, luigi, {salad, pizza});
  deliver("order-4", ada, wok, {noodles});
  const auto with_pizza = must(service().ordered_with(luigi, pizza));
  EXPECT_EQ(item_ids(with_pizza), (std::vector<std::string>{soda, salad, tiramisu}));
  EXPECT_EQ(with_pizza[0].orders, 2);
  EXPECT_EQ(item_ids(must(service().ordered_with(luigi, soda))),
            (std::vector<std::string>{pizza, tiramisu}));
  EXPECT_TRUE(must(service().ordered_with(wok, noodles)).empty());
  EXPECT_TRUE(must(service().ordered_with(wok, pizza)).empty());
}

TEST_P(RecommendationsServiceTest, LinesOfTheSameItemCountAsOneItemOfTheOrder) {
  deliver("order-1", ada, luigi, {pizza, pizza, soda});
  const auto items = must(service().order_again_items(ada));
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[0].orders, 1);
  EXPECT_EQ(item_ids(must(service().ordered_with(luigi, pizza))), (std::vector<std::string>{soda}));
}

TEST_P(RecommendationsServiceTest, ErasureRemovesTheCustomersHistoryOnly) {
  deliver("order-1", ada, luigi, {pizza, soda});
  deliver("order-2", bob, luigi, {salad});
  ASSERT_FALSE(erase(ada).empty());
  EXPECT_TRUE(must(service().order_again_items(ada)).empty());
  EXPECT_TRUE(must(service().order_again_merchants(ada)).empty());
  EXPECT_EQ(item_ids(must(service().order_again_items(bob))), (std::vector<std::string>{salad}));
  // What is left holds no one: counts per place and per pair of items.
  EXPECT_EQ(must(service().popular_near(paris)).size(), 3U);
  EXPECT_EQ(must(service().ordered_with(luigi, pizza)).size(), 1U);
}

TEST_P(RecommendationsServiceTest, MerchantCatalogNoLongerKnowsCountsForAllButPopular) {
  deliver("order-1", ada, "0190a000-0000-7000-8000-0000000000ff", {pizza, soda});
  EXPECT_EQ(must(service().order_again_items(ada)).size(), 2U);
  EXPECT_EQ(must(service().ordered_with("0190a000-0000-7000-8000-0000000000ff", pizza)).size(), 1U);
  EXPECT_TRUE(must(service().popular_near(paris)).empty());
}

TEST_P(RecommendationsServiceTest, MalformedEventIsSkippedAndCounted) {
  ASSERT_FALSE(publish(orders::events::order_delivered, "order-1",
                       R"({"order_id":"order-1","items":[{"item_id":"x"}]})")
                   .empty());
  EXPECT_EQ(counted("recommendations_counts"), 0);
  EXPECT_EQ(registry().counter("recommendations_events_rejected_total", "").value(), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, RecommendationsServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::recommendations::testing
