// What the outside services receive: form bodies and URI components encoded byte for byte.
#include "reskflow/modules/form_encoding.h"

#include <gtest/gtest.h>

namespace reskflow::modules {
namespace {

TEST(FormEncoding, EncodesEverythingButUnreservedCharacters) {
  EXPECT_EQ(percent_encode("Aa0-._~"), "Aa0-._~");
  EXPECT_EQ(percent_encode("x y&z=1+2/3?"), "x%20y%26z%3D1%2B2%2F3%3F");
  EXPECT_EQ(percent_encode("café"), "caf%C3%A9");
  EXPECT_EQ(percent_encode(std::string("a\0b", 3)), "a%00b");
}

TEST(FormEncoding, KeepsTheCharactersAskedFor) {
  EXPECT_EQ(percent_encode("metadata[order_id]"), "metadata%5Border_id%5D");
  EXPECT_EQ(percent_encode("metadata[order_id]", "[]"), "metadata[order_id]");
}

TEST(FormEncoding, JoinsFieldsInOrder) {
  EXPECT_EQ(form_encode({{"To", "+15005550006"}, {"Body", "Your order is on its way"}}),
            "To=%2B15005550006&Body=Your%20order%20is%20on%20its%20way");
  EXPECT_EQ(form_encode({{"amount", "1250"}, {"metadata[order]", "o 1"}}, "[]"),
            "amount=1250&metadata[order]=o%201");
  EXPECT_EQ(form_encode({}), "");
}

}  // namespace
}  // namespace reskflow::modules
