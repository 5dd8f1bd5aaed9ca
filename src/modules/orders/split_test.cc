// Sharing an order's money: shares and settlements always add up exactly, whatever the amounts,
// and each payer's part follows their items.
#include "split.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <string>

namespace reskflow::orders {
namespace {

std::int64_t sum(const std::vector<std::int64_t>& parts) {
  return std::accumulate(parts.begin(), parts.end(), std::int64_t{0});
}

PriceBreakdown price_of(std::int64_t items, std::int64_t tax, std::int64_t fees, std::int64_t tip,
                        bool tax_added) {
  PriceBreakdown p;
  p.items = {items, "EUR"};
  p.tax = {tax, "EUR"};
  p.fees = {fees, "EUR"};
  p.tip = {tip, "EUR"};
  p.total = {items + (tax_added ? tax : 0) + fees + tip, "EUR"};
  return p;
}

TEST(SplitTest, ApportionGivesTheLeftoverUnitsToTheLargestRemainders) {
  EXPECT_EQ(apportion(100, {1, 1, 1}), (std::vector<std::int64_t>{34, 33, 33}));
  EXPECT_EQ(apportion(10, {1, 2}), (std::vector<std::int64_t>{3, 7}));
  EXPECT_EQ(apportion(0, {5, 7}), (std::vector<std::int64_t>{0, 0}));
  EXPECT_EQ(apportion(7, {0, 3}), (std::vector<std::int64_t>{0, 7}));
}

TEST(SplitTest, EachPayerPaysTheirItemsAndAFairPartOfFeesAndTip) {
  // The worked example of docs/orders.md: Ada's two pizzas (26.00), Bob's soda (2.50).
  const auto price = price_of(2850, 259, 199 + 143, 200, false);
  const auto shares = split_shares(price, {{"ada", "Ada", {2600, "EUR"}},
                                           {"bob", "Bob", {250, "EUR"}},
                                           {"eve", "Eve", {0, "EUR"}}})
                          .value();
  ASSERT_EQ(shares.size(), 2U);  // Eve ordered nothing: no share
  // 5.42 of fees and tip: Ada 5.42 x 2600 / 2850 = 4.944..., Bob 0.475...: Bob's remainder wins.
  EXPECT_EQ(shares[0].amount, (modules::Money{2600 + 494, "EUR"}));
  EXPECT_EQ(shares[1].amount, (modules::Money{250 + 48, "EUR"}));
  EXPECT_EQ(shares[0].display_name, "Ada");
  EXPECT_EQ(shares[0].status, "pending");
}

TEST(SplitTest, RefusesAPayerWhoseItemsAreInAnotherCurrency) {
  const auto price = price_of(2850, 259, 342, 200, false);
  const auto shares =
      split_shares(price, {{"ada", "Ada", {2600, "EUR"}}, {"bob", "Bob", {250, "USD"}}});
  ASSERT_FALSE(shares);
  EXPECT_EQ(shares.error().code, ErrorCode::validation_failed);
  EXPECT_NE(shares.error().detail.find("EUR and USD"), std::string::npos);
}

TEST(SplitTest, TheMerchantsPartIsRefusedWhenItWouldMixCurrenciesOrOverflow) {
  auto price = price_of(2850, 259, 342, 200, false);
  EXPECT_EQ(settlement_of(price).value().merchant, (modules::Money{2850 - 259, "EUR"}));
  price.tip = {200, "USD"};
  const auto mixed = settlement_of(price);
  ASSERT_FALSE(mixed);
  EXPECT_EQ(mixed.error().detail, "cannot combine amounts in EUR and USD");
  price = price_of(2850, 259, 342, 200, false);
  price.total.amount_minor = std::numeric_limits<std::int64_t>::min() + 100;
  EXPECT_FALSE(settlement_of(price));
}

TEST(SplitTest, SharesAndSettlementsSumExactlyToTheWhole) {
  const std::uint64_t seed = 20261207;
  std::mt19937_64 random(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  for (int round = 0; round < 2000; ++round) {
    const auto payers_count = 1 + random() % 6;
    std::vector<Payer> payers;
    std::int64_t items = 0;
    for (std::size_t i = 0; i < payers_count; ++i) {
      const auto own = static_cast<std::int64_t>(random() % 5000);
      payers.push_back({"u" + std::to_string(i), "", {own, "EUR"}});
      items += own;
    }
    if (items == 0) continue;
    const auto tax =
        static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(items / 5 + 1));
    const bool added = random() % 2 == 0;
    const auto price = price_of(items, tax, static_cast<std::int64_t>(random() % 900),
                                static_cast<std::int64_t>(random() % 1000), added);
    const auto shares = split_shares(price, payers).value();
    std::vector<std::int64_t> amounts;
    for (const auto& s : shares) {
      amounts.push_back(s.amount.amount_minor);
      EXPECT_GE(s.amount.amount_minor, 0);
    }
    ASSERT_EQ(sum(amounts), price.total.amount_minor);
    const auto whole = settlement_of(price).value();
    const auto parts = split_settlement(whole, amounts);
    ASSERT_EQ(parts.size(), amounts.size());
    std::int64_t merchant = 0, platform = 0, taxes = 0, tips = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const auto& p = parts[i];
      for (const auto* m : {&p.merchant, &p.platform, &p.tax, &p.tip})
        EXPECT_GE(m->amount_minor, 0);
      ASSERT_EQ(p.merchant.amount_minor + p.platform.amount_minor + p.tax.amount_minor +
                    p.tip.amount_minor,
                amounts[i]);
      merchant += p.merchant.amount_minor;
      platform += p.platform.amount_minor;
      taxes += p.tax.amount_minor;
      tips += p.tip.amount_minor;
    }
    ASSERT_EQ(merchant, whole.merchant.amount_minor);
    ASSERT_EQ(platform, whole.platform.amount_minor);
    ASSERT_EQ(taxes, whole.tax.amount_minor);
    ASSERT_EQ(tips, whole.tip.amount_minor);
  }
}

}  // namespace
}  // namespace reskflow::orders
