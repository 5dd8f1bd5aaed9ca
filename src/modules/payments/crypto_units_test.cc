// Token units and deposit keys: amounts scaled by the token's decimals without overflow, their
// text and ABI word, and the deposit key's HKDF derivation against values computed with Node's
// crypto.hkdfSync and ethers 6.
#include <gtest/gtest.h>

#include "crypto_provider.h"

namespace reskflow::payments::crypto {
namespace {

TEST(CryptoUnits, ScalesMoneyByTheTokensDecimals) {
  EXPECT_EQ(units_of({2500, "USD"}, 6), Units{25'000'000});
  EXPECT_EQ(units_text(*units_of({2500, "USD"}, 18)), "25000000000000000000");
  EXPECT_EQ(units_of({2500, "USD"}, 2), Units{2500});
  EXPECT_EQ(units_of({2500, "USD"}, 1), std::nullopt);  // fewer decimals than cents
  EXPECT_EQ(units_of({-1, "USD"}, 6), std::nullopt);
  EXPECT_EQ(minor_of(25'009'999, "USD", 6), 2500);  // a fraction of a cent is not counted
}

TEST(CryptoUnits, RefusesWhatWouldOverflowInsteadOfWrapping) {
  EXPECT_EQ(units_of({std::numeric_limits<std::int64_t>::max(), "USD"}, 36), std::nullopt);
  EXPECT_TRUE(units_of({std::numeric_limits<std::int64_t>::max(), "USD"}, 18).has_value());
}

TEST(CryptoUnits, ReadsAndWritesTextAndWords) {
  const auto parsed = parse_units("340282366920938463463374607431768211455");  // 2^128 - 1
  ASSERT_TRUE(parsed.has_value());
  const Units big = *parsed;
  EXPECT_EQ(units_text(big), "340282366920938463463374607431768211455");
  EXPECT_EQ(parse_units("340282366920938463463374607431768211456"), std::nullopt);  // 2^128
  EXPECT_EQ(parse_units("12a"), std::nullopt);
  EXPECT_EQ(parse_units(""), std::nullopt);
  EXPECT_EQ(units_from_word(units_word(big)), big);
  chain::eth::Word huge{};
  huge[0] = 1;  // 2^248: no token amount we would count
  EXPECT_EQ(units_from_word(huge), std::nullopt);
  EXPECT_EQ(chain::eth::to_hex(units_word(25'000'000)),
            "0x00000000000000000000000000000000000000000000000000000000017d7840");
}

TEST(CryptoKeys, DerivesEachDepositsKeyFromTheMasterSecretWithHkdf) {
  const auto master = *chain::eth::word_from_hex(std::string(64, '3'));
  const auto key = deposit_key(master, "0190c000-0000-7000-8000-000000000001");
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(chain::eth::to_hex(key->address()), "0x2cc1cf42c852164706a2c0ec0594dc3f1eccaa33");
  const auto other = deposit_key(master, "0190c000-0000-7000-8000-000000000002");
  ASSERT_TRUE(other.has_value());
  EXPECT_NE(other->address(), key->address());
}

TEST(CryptoKeys, EncodesTheTransferCallAndTopic) {
  EXPECT_EQ(chain::eth::to_hex(transfer_topic()),
            "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
  const auto to = *chain::eth::address_from_hex("0x19e7e376e7c213b7e7e7e46cc70a5dd086daff2a");
  EXPECT_EQ(chain::eth::to_hex(transfer_call(to, 5)),
            "0xa9059cbb00000000000000000000000019e7e376e7c213b7e7e7e46cc70a5dd086daff2a"
            "0000000000000000000000000000000000000000000000000000000000000005");
}

}  // namespace
}  // namespace reskflow::payments::crypto
