// The canonical record encoding, byte by byte as docs/chain.md documents it, and its leaf
// (cross-checked with ethers 6.17: keccak256(keccak256(record))).
#include "reskflow/chain/record.h"

#include <gtest/gtest.h>

namespace reskflow::chain {
namespace {

TEST(Record, EncodesTheDocumentedExample) {
  // Delivery "d1" created at 2025-06-15T15:06:40Z (1,750,000,000,000,000 µs) for order "o1".
  const Record r{Milestone::created, "d1", 1'750'000'000'000'000, {'o', '1'}};
  const auto bytes = encode(r);
  EXPECT_EQ(eth::to_hex(bytes), "0x0101000264310006379da05b600000026f31");
  EXPECT_EQ(eth::to_hex(leaf_of(bytes)),
            "0xf15496d590f6facaaa51caa37fed6ce9514f649609af7ff37f8163ac05f00d77");
}

TEST(Record, EncodesTheTemperatureSummaryInFortyOneBytes) {
  const TemperatureDetail t{false, 11, 120, 1, 1'000, 12'500};
  const auto detail = detail_of(t);
  ASSERT_EQ(detail.size(), 41U);
  EXPECT_EQ(eth::to_hex(detail),
            "0x00"
            "000000000000000b"
            "0000000000000078"
            "0000000000000001"
            "00000000000003e8"
            "00000000000030d4");
}

TEST(Record, AnyChangedFieldChangesTheLeaf) {
  const Record base{Milestone::delivered, "d1", 5, detail_of(true, "driver")};
  const auto leaf = leaf_of(encode(base));
  auto late = base;
  late.detail = detail_of(false, "driver");
  auto other_time = base;
  other_time.at_us = 6;
  auto other_milestone = base;
  other_milestone.milestone = Milestone::picked_up;
  for (const auto& changed : {late, other_time, other_milestone})
    EXPECT_NE(leaf_of(encode(changed)), leaf);
}

TEST(Record, DecodesWhatItEncodes) {
  const Record r{Milestone::delivered, "d-42", -7, detail_of(true, "driver")};
  const auto back = decode(encode(r));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->milestone, r.milestone);
  EXPECT_EQ(back->delivery_id, r.delivery_id);
  EXPECT_EQ(back->at_us, r.at_us);
  EXPECT_EQ(back->detail, r.detail);
}

TEST(Record, RefusesBytesThatAreNoRecord) {
  const auto good = encode({Milestone::created, "d1", 1, {'o', '1'}});
  auto other_version = good;
  other_version[0] = 2;
  auto unknown_milestone = good;
  unknown_milestone[1] = 7;
  auto cut = good;
  cut.pop_back();
  auto longer = good;
  longer.push_back(0);
  for (const auto& bad : {other_version, unknown_milestone, cut, longer, eth::Bytes{}})
    EXPECT_FALSE(decode(bad).has_value()) << eth::to_hex(bad);
}

TEST(Record, NamesEveryMilestone) {
  for (std::uint8_t code = 1; code <= 6; ++code) {
    const auto m = static_cast<Milestone>(code);
    EXPECT_EQ(milestone_from_name(milestone_name(m)), m);
  }
  EXPECT_FALSE(milestone_from_name("shipped").has_value());
}

}  // namespace
}  // namespace reskflow::chain
