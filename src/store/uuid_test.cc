// UUIDv7: layout, time order, monotonicity inside one millisecond.
#include "reskflow/store/uuid.h"

#include <gtest/gtest.h>

#include <set>

namespace reskflow::store {
namespace {

void fixed_random(std::byte* out, std::size_t bytes) {
  for (std::size_t i = 0; i < bytes; ++i) out[i] = std::byte{0xff};
}

TEST(Uuid, HasVersion7AndRfcVariant) {
  const std::string id = new_uuid_v7();
  ASSERT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '7');
  EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos);
  EXPECT_EQ(id[8], '-');
  EXPECT_EQ(id[23], '-');
}

TEST(Uuid, StartsWithTheUnixMilliseconds) {
  UuidV7Generator generator([] { return std::int64_t{0x0123456789ab}; }, fixed_random);
  EXPECT_EQ(generator.next_string().substr(0, 13), "01234567-89ab");
}

TEST(Uuid, IncreasesWithinOneMillisecondAndWhenTheClockStepsBack) {
  std::int64_t now_ms = 1'700'000'000'000;
  UuidV7Generator generator([&] { return now_ms; }, fixed_random);
  std::string previous = generator.next_string();
  for (int i = 0; i < 5000; ++i) {  // more than the 12-bit counter holds
    if (i == 2500) now_ms -= 10;
    const std::string id = generator.next_string();
    ASSERT_LT(previous, id) << "at " << i;
    previous = id;
  }
}

TEST(Uuid, ProcessGeneratorIsUnique) {
  std::set<std::string> ids;
  for (int i = 0; i < 10000; ++i) ids.insert(new_uuid_v7());
  EXPECT_EQ(ids.size(), 10000u);
}

}  // namespace
}  // namespace reskflow::store
