// Pricing of cart lines on both engines: prices with option deltas, and every refusal a cart
// must be able to show (quantity, stock, sold out, outside a window with its next opening,
// unknown, repeated or sold-out options, a group's bounds).
#include "test_fixture.h"

namespace reskflow::catalog::testing {
namespace {

class PricingTest : public CatalogTest {
 protected:
  void SetUp() override {
    CatalogTest::SetUp();
    merchant = created();
    auto replaced = service->replace_menu(merchant.id, menu_replacement(menu_document_sample()));
    ASSERT_TRUE(replaced) << replaced.error().detail;
    for (const auto& i : replaced->menu.items) items[i.name] = i.id;
    for (const auto& g : replaced->menu.groups) {
      for (const auto& o : g.options) options[o.name] = o.id;
    }
  }
  Result<PricedLine> price(const std::string& item, std::int64_t quantity,
                           const std::vector<std::string>& option_names = {}) {
    LineRequest line{items[item], quantity, {}};
    for (const auto& name : option_names) line.option_ids.push_back(options[name]);
    return service->price_line(merchant.id, line, clock.now_us());
  }
  // Every refusal message of a line, "field: message".
  std::vector<std::string> refusals(const Result<PricedLine>& r) {
    std::vector<std::string> out;
    if (r) return out;
    for (const auto& f : r.error().fields) out.push_back(f.field + ": " + f.message);
    return out;
  }

  Merchant merchant;
  std::map<std::string, std::string> items;
  std::map<std::string, std::string> options;
};

TEST_P(PricingTest, PricesTheItemWithItsOptionDeltas) {
  auto line = price("Margherita", 2, {"Large", "Olives"});
  ASSERT_TRUE(line) << line.error().detail;
  EXPECT_EQ(line->unit_price, (modules::Money{1150 + 300 + 100, "EUR"}));
  EXPECT_EQ(line->total, (modules::Money{2 * 1550, "EUR"}));
  ASSERT_EQ(line->options.size(), 2U);
  EXPECT_EQ(line->options[0].name, "Large");
  EXPECT_FALSE(line->age_restricted);
}

TEST_P(PricingTest, EnforcesEveryGroupsBounds) {
  EXPECT_EQ(refusals(price("Margherita", 1)),
            std::vector<std::string>{"option_ids: Size: choose 1 to 1 (got 0)"});
  EXPECT_EQ(refusals(price("Margherita", 1, {"Medium", "Large"})),
            std::vector<std::string>{"option_ids: Size: choose 1 to 1 (got 2)"});
  EXPECT_EQ(refusals(price("Margherita", 1, {"Medium", "Truffle"})),
            std::vector<std::string>{"option_ids: Truffle is sold out"});
  EXPECT_EQ(refusals(price("Margherita", 1, {"Medium", "Olives", "Olives"})).size(), 1U);
  EXPECT_EQ(refusals(price("Diavola", 1, {"Medium", "Olives"})),
            std::vector<std::string>{"option_ids: option " + options["Olives"] +
                                     " is not offered with this item"});
}

TEST_P(PricingTest, RefusesQuantitiesOutsideBoundsAndStock) {
  EXPECT_EQ(refusals(price("Diavola", 0, {"Medium"})),
            std::vector<std::string>{"quantity: must be between 1 and 99"});
  EXPECT_EQ(refusals(price("Diavola", 100, {"Medium"})).size(), 1U);
  EXPECT_EQ(refusals(price("Diavola", 4, {"Medium"})),
            std::vector<std::string>{"quantity: only 3 left"});
  EXPECT_TRUE(price("Diavola", 3, {"Medium"}));
  EXPECT_EQ(refusals(price("Birra", 1)), std::vector<std::string>{"item_id: Birra is sold out"});
  ASSERT_TRUE(service->set_stock(merchant.id, items["Birra"], stock_edit({{"sold_out", false}})));
  auto beer = price("Birra", 1);
  ASSERT_TRUE(beer);
  EXPECT_TRUE(beer->age_restricted);
  LineRequest unknown{"no-such-item", 1, {}};
  EXPECT_EQ(service->price_line(merchant.id, unknown, clock.now_us()).error().code,
            ErrorCode::not_found);
}

TEST_P(PricingTest, SaysWhenAnItemOutsideItsWindowIsNextAvailable) {
  // Monday 12:00 in Paris; breakfast is served on weekdays 07:00-11:00.
  EXPECT_EQ(refusals(price("Croissant", 1)),
            std::vector<std::string>{"item_id: Croissant is not available at this time; next "
                                     "available at 2026-12-01T06:00:00Z"});
  clock.advance(std::chrono::microseconds(-(4 * hour_us)));  // 08:00
  EXPECT_TRUE(price("Croissant", 1));
}

INSTANTIATE_TEST_SUITE_P(Engines, PricingTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::catalog::testing
