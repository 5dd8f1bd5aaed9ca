// Pure pieces of the carts module: the problems a customer reads, ISO times,
// invite tokens and If-Match parsing.
#include <gtest/gtest.h>

#include <set>

#include "document.h"
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

}  // namespace
}  // namespace reskflow::carts
