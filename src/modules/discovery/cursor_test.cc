// Listing cursors: round trip, and refusal of a cursor from another query or of garbage.
#include "cursor.h"

#include <gtest/gtest.h>

namespace reskflow::discovery {
namespace {

TEST(Cursor, RoundTripsTheSortKeyForItsOwnQueryOnly) {
  const SortKey key{{-25, 1200, 7}, "0190-abc"};
  const auto fingerprint = fingerprint_of("48.85,2.35|pizza");
  const auto cursor = encode_cursor(key, fingerprint);
  EXPECT_EQ(
      cursor.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  const auto back = decode_cursor(cursor, fingerprint);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, key);
  EXPECT_FALSE(decode_cursor(cursor, fingerprint_of("48.85,2.35|sushi")));
  EXPECT_FALSE(decode_cursor("not a cursor!", fingerprint));
  EXPECT_FALSE(decode_cursor("", fingerprint));
  EXPECT_FALSE(decode_cursor(cursor.substr(0, cursor.size() / 2), fingerprint));
}

TEST(Cursor, OrdersKeysComponentWiseThenById) {
  EXPECT_LT((SortKey{{1, 9}, "b"}), (SortKey{{2, 0}, "a"}));
  EXPECT_LT((SortKey{{1, 2}, "a"}), (SortKey{{1, 2}, "b"}));
}

}  // namespace
}  // namespace reskflow::discovery
