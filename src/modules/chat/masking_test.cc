// The contact masking of delivery conversations: the written-down patterns are masked, and what
// only looks like them (prices, times, door codes, short numbers) is left alone.
#include "masking.h"

#include <gtest/gtest.h>

namespace reskflow::chat {
namespace {

std::string masked(std::string_view text) { return mask_contacts(text).text; }

TEST(MaskingTest, MasksPhoneNumbersInTheirUsualShapes) {
  EXPECT_EQ(masked("call me on +49 151 2345 6789 please"), "call me on [phone hidden] please");
  EXPECT_EQ(masked("(030) 123-4567"), "[phone hidden]");
  EXPECT_EQ(masked("0151.234.56789"), "[phone hidden]");
  EXPECT_EQ(masked("my number: 01512345678."), "my number: [phone hidden].");
  EXPECT_EQ(masked("555-1234 or 555-9876"), "[phone hidden] or [phone hidden]");
  EXPECT_TRUE(mask_contacts("+1 (415) 555-0100").masked);
}

TEST(MaskingTest, LeavesNumbersThatAreNotPhoneNumbers) {
  for (const auto* text :
       {"door code 4711, 3rd floor", "it costs 12.50", "here at 12:30", "2 pizzas and 1 cola",
        "order 123456", "flat 12B", "a 16-digit card 1234 5678 9012 3456 is not a phone",
        "tracking ABC1234567", "1234567xyz"}) {
    const auto out = mask_contacts(text);
    EXPECT_FALSE(out.masked) << text;
    EXPECT_EQ(out.text, text);
  }
}

TEST(MaskingTest, MasksEmailAddresses) {
  EXPECT_EQ(masked("write to ada.l+food@example.co.uk!"), "write to [email hidden]!");
  EXPECT_EQ(masked("A@B.DE and c_d@mail-host.example.org."), "[email hidden] and [email hidden].");
  EXPECT_TRUE(mask_contacts("me@example.com").masked);
}

TEST(MaskingTest, LeavesWhatIsNotAnEmailAddress) {
  for (const auto* text : {"meet @ the door", "50 @ 2", "user@localhost", "a@b.c", "@home.com"}) {
    const auto out = mask_contacts(text);
    EXPECT_FALSE(out.masked) << text;
    EXPECT_EQ(out.text, text);
  }
}

TEST(MaskingTest, MasksBothInOneMessage) {
  const auto out = mask_contacts("text 0151 2345678 or mail me: x@y.io");
  EXPECT_TRUE(out.masked);
  EXPECT_EQ(out.text, "text [phone hidden] or mail me: [email hidden]");
}

}  // namespace
}  // namespace reskflow::chat
