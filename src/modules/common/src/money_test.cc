// Money: arithmetic that refuses mixed currencies and overflow, the text people read, and the
// one JSON form both ways.
#include "reskflow/modules/money.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include <boost/json.hpp>

namespace reskflow::modules {
namespace {

constexpr auto int64_max = std::numeric_limits<std::int64_t>::max();
constexpr auto int64_min = std::numeric_limits<std::int64_t>::min();

TEST(MoneyTest, AddsSubtractsAndMultipliesInOneCurrency) {
  const Money pizza{1150, "EUR"};
  EXPECT_EQ(add(pizza, {250, "EUR"}).value(), (Money{1400, "EUR"}));
  EXPECT_EQ(subtract(pizza, {1200, "EUR"}).value(), (Money{-50, "EUR"}));
  EXPECT_EQ(multiply(pizza, 3).value(), (Money{3450, "EUR"}));
  EXPECT_EQ(sum_of("EUR", {pizza, pizza, {1, "EUR"}}).value(), (Money{2301, "EUR"}));
  EXPECT_EQ(sum_of("JPY", {}).value(), (Money{0, "JPY"}));
}

TEST(MoneyTest, RefusesMixedCurrencies) {
  const auto mixed = add({100, "EUR"}, {100, "USD"});
  ASSERT_FALSE(mixed);
  EXPECT_EQ(mixed.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(mixed.error().detail, "cannot combine amounts in EUR and USD");
  EXPECT_FALSE(subtract({100, "EUR"}, {100, "GBP"}));
  EXPECT_FALSE(sum_of("EUR", {{1, "EUR"}, {1, "CHF"}}));
}

TEST(MoneyTest, RefusesOverflowInsteadOfWrapping) {
  EXPECT_FALSE(add({int64_max, "EUR"}, {1, "EUR"}));
  EXPECT_FALSE(subtract({int64_min, "EUR"}, {1, "EUR"}));
  EXPECT_FALSE(multiply({int64_max / 2 + 1, "EUR"}, 2));
  EXPECT_FALSE(multiply({int64_min, "EUR"}, -1));
  EXPECT_EQ(multiply({int64_max, "EUR"}, 1).value().amount_minor, int64_max);
  EXPECT_EQ(negate({int64_max, "EUR"}).value(), (Money{-int64_max, "EUR"}));
  const auto no_opposite = negate({int64_min, "EUR"});
  ASSERT_FALSE(no_opposite);
  EXPECT_EQ(no_opposite.error().detail, "the opposite of the amount is too large to represent");
}

TEST(MoneyTest, AddsIntoATotalOnlyWhenTheSumIsAnAmount) {
  Money total{int64_max - 1, "EUR"};
  ASSERT_TRUE(add_to(total, {1, "EUR"}));
  EXPECT_EQ(total, (Money{int64_max, "EUR"}));
  EXPECT_FALSE(add_to(total, {1, "EUR"}));
  EXPECT_FALSE(add_to(total, {-1, "USD"}));
  EXPECT_EQ(total, (Money{int64_max, "EUR"}));
  const std::vector<Money> lines{{int64_max, "EUR"}, {1, "EUR"}};
  EXPECT_FALSE(sum_of("EUR", lines));
  EXPECT_EQ(sum_of("EUR", std::span(lines).first(1)).value(), (Money{int64_max, "EUR"}));
  EXPECT_EQ(at_least_zero({-5, "EUR"}), (Money{0, "EUR"}));
  EXPECT_EQ(at_least_zero({5, "EUR"}), (Money{5, "EUR"}));
}

TEST(MoneyTest, TextUsesTheCurrencysMinorUnit) {
  EXPECT_EQ(money_text({1150, "EUR"}), "11.50 EUR");
  EXPECT_EQ(money_text({5, "EUR"}), "0.05 EUR");
  EXPECT_EQ(money_text({-5, "EUR"}), "-0.05 EUR");
  EXPECT_EQ(money_text({500, "JPY"}), "500 JPY");
  EXPECT_EQ(money_text({1234, "KWD"}), "1.234 KWD");
  EXPECT_EQ(money_text({int64_min, "EUR"}), "-92233720368547758.08 EUR");
}

TEST(MoneyTest, KnowsTheFormOfACurrencyCode) {
  EXPECT_TRUE(valid_currency("EUR"));
  EXPECT_FALSE(valid_currency("eur"));
  EXPECT_FALSE(valid_currency("EURO"));
  EXPECT_FALSE(valid_currency(""));
}

TEST(MoneyTest, HasOneJsonForm) {
  const Money m{1150, "EUR"};
  const auto json = boost::json::value_from(m);
  EXPECT_EQ(boost::json::serialize(json), R"({"amount_minor":1150,"currency":"EUR"})");
  EXPECT_EQ(boost::json::value_to<Money>(json), m);
  for (const auto* bad :
       {R"({"amount_minor":11.5,"currency":"EUR"})", R"({"amount_minor":"1150","currency":"EUR"})",
        R"({"amount_minor":1150,"currency":"euro"})", R"({"amount_minor":1150})",
        R"([1150,"EUR"])"}) {
    EXPECT_FALSE(boost::json::try_value_to<Money>(boost::json::parse(bad))) << bad;
  }
}

}  // namespace
}  // namespace reskflow::modules
