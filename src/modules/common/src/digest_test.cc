// SHA-256 hex against the FIPS 180-2 examples, and the UUID shape a cursor must have.
#include <gtest/gtest.h>

#include "reskflow/modules/digest.h"
#include "reskflow/modules/uuid_text.h"

namespace reskflow::modules {
namespace {

TEST(DigestTest, Sha256HexMatchesTheStandardExamples) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(UuidTextTest, TakesOnlyTheStoresLowercaseLayout) {
  EXPECT_TRUE(uuid_shaped("0190f0e4-5c1d-7a3b-9f00-1c2d3e4f5a6b"));
  EXPECT_FALSE(uuid_shaped("0190F0E4-5C1D-7A3B-9F00-1C2D3E4F5A6B"));  // upper case
  EXPECT_FALSE(uuid_shaped("0190f0e4-5c1d-7a3b-9f00-1c2d3e4f5a6"));   // one short
  EXPECT_FALSE(uuid_shaped("0190f0e45c1d-7a3b-9f00-1c2d3e4f5a6b0"));  // a dash moved
  EXPECT_FALSE(uuid_shaped("0190f0e4-5c1d-7a3b-9f00-1c2d3e4f5a6g"));
  EXPECT_FALSE(uuid_shaped("' OR 1=1 --"));
}

}  // namespace
}  // namespace reskflow::modules
