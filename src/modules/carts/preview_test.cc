// Pure pieces of the carts module: the problems a customer reads, ISO times,
// invite tokens, If-Match parsing and the totals of stored lines.
#include <gtest/gtest.h>

#include <limits>
#include <set>

#include "document.h"
#include "fake_catalog.h"
#include "invite.h"
#include "preview.h"
#include "routes_common.h"

namespace reskflow::carts {
namespace {

TEST(LineProblemTest, TurnsCatalogRefusalsIntoSentences) {
  EXPECT_EQ(line_problem(Error{ErrorCode::not_found, "no such item", {}}),
            "This item is no longer on the menu.");
  EXPECT_EQ(line_problem(Error{ErrorCode::validation_failed, "x", {{"item_id", "is sold out"}}}),
            "This item is sold out.");
  EXPECT_EQ(line_problem(Error{ErrorCode::validation_failed,
                               "x",
                               {{"item_id", "Margherita is not available at this time"},
                                {"option_ids", "Size: choose 1 to 1 (got 0)"},
                                {"quantity", "only 2 left"}}}),
            "Margherita is not available at this time. Size: choose 1 to 1 (got 0). Only 2 "
            "left.");
}

TEST(InviteTokenTest, IsDerivedFromARandomNonceUnderTheKeyAndStoredOnlyAsAHash) {
  const auto key = invite_key("server secret");
  EXPECT_EQ(key.size(), 32U);
  EXPECT_NE(key, invite_key("another secret"));
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const auto nonce = new_invite_nonce();
    EXPECT_EQ(nonce.size(), 22U);
    const auto token = invite_token(key, "cart-1", nonce);
    EXPECT_TRUE(plausible_invite_token(token)) << token;
    EXPECT_TRUE(seen.insert(token).second);
    EXPECT_EQ(invite_token(key, "cart-1", nonce), token);  // shown again: the same link
    EXPECT_NE(invite_token(key, "cart-2", nonce), token);
    EXPECT_NE(invite_token(invite_key("another secret"), "cart-1", nonce), token);
    EXPECT_EQ(invite_token_hash(token).size(), 64U);
    EXPECT_NE(invite_token_hash(token), token);
  }
  EXPECT_EQ(invite_token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_FALSE(plausible_invite_token("short"));
  EXPECT_FALSE(plausible_invite_token(std::string(42, 'a') + "/"));
}

http::Request with_if_match(std::string value) {
  http::Request r;
  r.headers.emplace_back("If-Match", std::move(value));
  return r;
}

TEST(IfMatchTest, ReadsTheVersionOfAnEtagInEveryForm) {
  EXPECT_FALSE(*if_match_of(http::Request{}));
  EXPECT_FALSE(*if_match_of(with_if_match("*")));
  EXPECT_EQ(*if_match_of(with_if_match("\"7\"")), 7);
  EXPECT_EQ(*if_match_of(with_if_match("W/\"7\"")), 7);
  EXPECT_EQ(*if_match_of(with_if_match("\"12-gz\"")), 12);
  EXPECT_EQ(*if_match_of(with_if_match("3")), 3);
  for (const auto* bad : {"\"\"", "\"x\"", "\"0\"", "\"1\", \"2\""}) {
    auto parsed = if_match_of(with_if_match(bad));
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::precondition_failed);
  }
}

TEST(PriceCartTest, RefusesAStoredLineWhoseTotalIsNoAmount) {
  catalog::testing::FakeCatalog catalog;
  const Result<catalog::MerchantSummary> gone =
      fail(ErrorCode::not_found, "the merchant is no longer on ReskFlow");
  CartState state;
  state.cart.id = "cart-1";
  state.cart.host_id = "ada";
  state.cart.merchant_id = "m-1";
  state.cart.currency = "EUR";
  state.cart.status = "open";
  state.participants.push_back({"ada", "Ada", true, 0});
  LineRow line;
  line.id = "line-1";
  line.participant_id = "ada";
  line.item_id = "item-1";
  line.name = "Margherita";
  line.quantity = 3;
  line.unit_price = {1000, "EUR"};
  state.lines.push_back(line);
  // The lines of a merchant that left are shown as stored, with their totals.
  const auto shown = price_cart(state, gone, catalog, 0);
  ASSERT_TRUE(shown) << shown.error().detail;
  EXPECT_EQ(shown->lines[0].total, (modules::Money{3000, "EUR"}));
  state.lines[0].unit_price.amount_minor = std::numeric_limits<std::int64_t>::max() / 2;
  const auto refused = price_cart(state, gone, catalog, 0);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
}

}  // namespace
}  // namespace reskflow::carts
