// Billing periods are calendar months in UTC counted from the start: the time of day stays, a
// missing day becomes the month's last, and the day comes back in longer months.
#include "periods.h"

#include <gtest/gtest.h>

#include "reskflow/modules/utc_time.h"

namespace reskflow::subscriptions {
namespace {

std::string plus_months(std::string_view start, std::int64_t months) {
  return modules::iso_utc(add_months(modules::parse_iso_utc(start).value(), months));
}

TEST(PeriodsTest, KeepsTheDayAndTimeOfDay) {
  EXPECT_EQ(plus_months("2026-11-28T09:10:00Z", 1), "2026-12-28T09:10:00Z");
  EXPECT_EQ(plus_months("2026-11-28T09:10:00Z", 2), "2027-01-28T09:10:00Z");
  EXPECT_EQ(plus_months("2026-11-28T09:10:00.5Z", 12), "2027-11-28T09:10:00.500000Z");
}

TEST(PeriodsTest, AShortMonthEndsOnItsLastDayAndTheDayComesBack) {
  EXPECT_EQ(plus_months("2027-01-31T23:00:00Z", 1), "2027-02-28T23:00:00Z");
  EXPECT_EQ(plus_months("2028-01-31T23:00:00Z", 1), "2028-02-29T23:00:00Z");
  EXPECT_EQ(plus_months("2027-01-31T23:00:00Z", 2), "2027-03-31T23:00:00Z");
  EXPECT_EQ(plus_months("2027-01-31T23:00:00Z", 3), "2027-04-30T23:00:00Z");
}

TEST(PeriodsTest, ZeroMonthsIsTheStart) {
  EXPECT_EQ(plus_months("2026-11-28T09:10:00Z", 0), "2026-11-28T09:10:00Z");
}

}  // namespace
}  // namespace reskflow::subscriptions
