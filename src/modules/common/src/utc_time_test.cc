// ISO 8601 UTC text <-> microseconds: what event payloads carry and the API writes.
#include <gtest/gtest.h>

#include "reskflow/modules/utc_time.h"

namespace reskflow::modules {
namespace {

TEST(UtcTimeTest, WritesWholeSecondsAndFractionsOnlyWhenThere) {
  EXPECT_EQ(iso_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(iso_utc(1'795'857'000'000'000), "2026-11-28T09:10:00Z");
  EXPECT_EQ(iso_utc(1'795'857'000'250'000), "2026-11-28T09:10:00.250000Z");
  EXPECT_EQ(iso_utc(1'780'000'000'123'456), "2026-05-28T20:26:40.123456Z");
  EXPECT_EQ(iso_utc(-1), "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(iso_utc(1'795'857'000'000'007), "2026-11-28T09:10:00.000007Z");
  EXPECT_EQ(iso_utc(-30'610'224'001'000'000), "0999-12-31T23:59:59Z");
  EXPECT_EQ(iso_utc(253'402'300'800'000'000), "10000-01-01T00:00:00Z");
}

TEST(UtcTimeTest, ReadsWhatItWritesAndUtcOffsetsOnly) {
  for (const std::int64_t us : {0LL, 1'795'857'000'000'000LL, 951'782'400'123'456LL}) {
    EXPECT_EQ(parse_iso_utc(iso_utc(us)), us);
  }
  EXPECT_EQ(parse_iso_utc("2026-11-28T09:10:00.25+00:00"), 1'795'857'000'250'000);
  EXPECT_EQ(parse_iso_utc("2000-02-29T00:00:00Z"), 951'782'400'000'000);
  for (const auto* bad : {"", "2026-11-28", "2026-11-28T09:10:00", "2026-11-28T09:10:00+01:00",
                          "2026-02-30T00:00:00Z", "2026-11-28T24:00:00Z", "2026-11-28T09:10:00.Z",
                          "2026-11-28T09:10:00.1234567Z", "2026-11-28 09:10:00Z"}) {
    EXPECT_FALSE(parse_iso_utc(bad)) << bad;
  }
}

}  // namespace
}  // namespace reskflow::modules
