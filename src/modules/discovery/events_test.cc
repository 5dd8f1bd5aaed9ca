// discovery's event payload: what the service publishes reads back the same; a malformed one is
// refused.
#include "reskflow/discovery/events.h"

#include <gtest/gtest.h>

#include "reskflow/modules/payload.h"

namespace reskflow::discovery::events {
namespace {

using modules::payload::from_payload;
using modules::payload::to_payload;

TEST(DiscoveryEventsTest, MerchantIndexedPayloadReadsBack) {
  const auto text = to_payload(MerchantIndexed{"m1"});
  EXPECT_EQ(text, R"({"merchant_id":"m1"})");
  const auto read = from_payload<MerchantIndexed>(merchant_indexed, text);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->merchant_id, "m1");
}

TEST(DiscoveryEventsTest, RefusesMalformedPayloads) {
  for (const auto* bad : {R"({"merchant_id":1})", R"({})", "[]", "{"}) {
    const auto read = from_payload<MerchantIndexed>(merchant_indexed, bad);
    ASSERT_FALSE(read) << bad;
    EXPECT_EQ(read.error().code, ErrorCode::validation_failed);
  }
}

}  // namespace
}  // namespace reskflow::discovery::events
