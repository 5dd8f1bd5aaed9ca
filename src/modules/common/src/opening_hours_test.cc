// Opening hours: weekly intervals, overnight and 24:00 closes, dated exceptions, DST transitions
// in Europe/Paris and America/New_York, next opening, and the API's documents.
#include "reskflow/modules/opening_hours.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>
#include <chrono>

namespace reskflow::modules::hours {
namespace {

// Microseconds since the epoch for a UTC date and time.
std::int64_t utc_us(int y, unsigned mo, unsigned d, int h, int mi = 0) {
  namespace chrono = std::chrono;
  const chrono::sys_days date = chrono::year{y} / chrono::month{mo} / chrono::day{d};
  const auto at = date + chrono::hours{h} + chrono::minutes{mi};
  return chrono::duration_cast<chrono::microseconds>(at.time_since_epoch()).count();
}

OpeningHours parsed(const char* text) {
  auto result = parse(boost::json::parse(text), "opening_hours");
  EXPECT_TRUE(result) << (result ? "" : result.error().fields.at(0).field);
  return result ? *result : OpeningHours{};
}

bool open(const OpeningHours& h, const char* zone, std::int64_t at_us) {
  const auto result = open_at(h, zone, at_us);
  EXPECT_TRUE(result);
  return result && *result;
}

const OpeningHours luigis = parsed(R"({
  "weekly": [{"day":"mon","open":"11:00","close":"14:30"},
             {"day":"mon","open":"18:00","close":"23:30"},
             {"day":"thu","open":"11:00","close":"22:00"},
             {"day":"fri","open":"18:00","close":"02:00"},
             {"day":"sat","open":"12:00","close":"14:00"}],
  "exceptions": [{"date":"2026-12-25","intervals":[]},
                 {"date":"2026-12-24","intervals":[{"open":"11:00","close":"15:00"}]},
                 {"date":"2026-06-06","intervals":[]}]})");

TEST(OpeningHours, WeeklyIntervalsInParisWinterTime) {
  // Monday 2026-01-12; Paris is UTC+1 in winter.
  EXPECT_FALSE(open(luigis, "Europe/Paris", utc_us(2026, 1, 12, 9, 59)));   // 10:59
  EXPECT_TRUE(open(luigis, "Europe/Paris", utc_us(2026, 1, 12, 10, 0)));    // 11:00
  EXPECT_TRUE(open(luigis, "Europe/Paris", utc_us(2026, 1, 12, 13, 29)));   // 14:29
  EXPECT_FALSE(open(luigis, "Europe/Paris", utc_us(2026, 1, 12, 13, 30)));  // 14:30
  EXPECT_TRUE(open(luigis, "Europe/Paris", utc_us(2026, 1, 12, 21, 0)));    // 22:00
  EXPECT_FALSE(open(luigis, "Europe/Paris", utc_us(2026, 1, 13, 10, 0)));   // Tuesday 11:00
}

TEST(OpeningHours, OvernightIntervalIsOpenAfterMidnightEvenWhenTheNextDayIsAHoliday) {
  // Friday 2026-06-05 18:00-02:00 in Paris (UTC+2 in summer); Saturday 06-06 is closed all day.
  EXPECT_FALSE(open(luigis, "Europe/Paris", utc_us(2026, 6, 5, 15, 59)));  // fri 17:59
  EXPECT_TRUE(open(luigis, "Europe/Paris", utc_us(2026, 6, 5, 16, 0)));    // fri 18:00
  EXPECT_TRUE(open(luigis, "Europe/Paris", utc_us(2026, 6, 5, 23, 0)));    // sat 01:00
  EXPECT_FALSE(open(luigis, "Europe/Paris", utc_us(2026, 6, 6, 0, 0)));    // sat 02:00
  EXPECT_FALSE(open(luigis, "Europe/Paris", utc_us(2026, 6, 6, 10, 30)));  // sat 12:30, holiday
  EXPECT_TRUE(open(luigis, "Europe/Paris", utc_us(2026, 6, 13, 10, 30)));  // next sat 12:30
}

TEST(OpeningHours, ExceptionsCloseAHolidayAndShortenADay) {
  // Thursday 2026-12-24 opens 11:00-15:00 only; Friday 12-25 is closed (Paris is UTC+1).
  EXPECT_TRUE(open(luigis, "Europe/Paris", utc_us(2026, 12, 24, 13, 59)));  // 14:59
  EXPECT_FALSE(open(luigis, "Europe/Paris", utc_us(2026, 12, 24, 14, 0)));  // 15:00
  EXPECT_TRUE(open(luigis, "Europe/Paris", utc_us(2026, 12, 17, 20, 0)));   // a normal thu 21:00
  EXPECT_FALSE(open(luigis, "Europe/Paris", utc_us(2026, 12, 24, 20, 0)));  // thu 21:00
  EXPECT_FALSE(open(luigis, "Europe/Paris", utc_us(2026, 12, 25, 18, 0)));  // fri 19:00
  EXPECT_TRUE(open(luigis, "Europe/Paris", utc_us(2026, 12, 18, 18, 0)));   // a normal fri 19:00
}

TEST(OpeningHours, CloseAt2400RunsToMidnight) {
  const auto late = parsed(R"({"weekly":[{"day":"mon","open":"18:00","close":"24:00"}]})");
  EXPECT_TRUE(open(late, "UTC", utc_us(2026, 1, 12, 23, 59)));  // mon 23:59
  EXPECT_FALSE(open(late, "UTC", utc_us(2026, 1, 13, 0, 0)));   // tue 00:00
  const auto all_day = parsed(R"({"weekly":[{"day":"tue","open":"00:00","close":"24:00"}]})");
  EXPECT_TRUE(open(all_day, "UTC", utc_us(2026, 1, 13, 0, 0)));
  EXPECT_TRUE(open(all_day, "UTC", utc_us(2026, 1, 13, 23, 59)));
  EXPECT_FALSE(open(all_day, "UTC", utc_us(2026, 1, 14, 0, 0)));
}

TEST(OpeningHours, SpringForwardInParisSkipsTheMissingHour) {
  // Sunday 2026-03-29: at 01:00 UTC the clocks jump from 02:00 to 03:00.
  const auto h = parsed(R"({"weekly":[{"day":"sun","open":"01:30","close":"03:30"}]})");
  const auto in_gap = parsed(R"({"weekly":[{"day":"sun","open":"02:00","close":"02:45"}]})");
  for (int minute = 0; minute < 120; minute += 5) {
    EXPECT_FALSE(open(in_gap, "Europe/Paris", utc_us(2026, 3, 29, 0, minute))) << minute;
  }
  EXPECT_TRUE(open(h, "Europe/Paris", utc_us(2026, 3, 29, 0, 45)));   // 01:45 CET
  EXPECT_TRUE(open(h, "Europe/Paris", utc_us(2026, 3, 29, 1, 15)));   // 03:15 CEST
  EXPECT_FALSE(open(h, "Europe/Paris", utc_us(2026, 3, 29, 1, 30)));  // 03:30 CEST
  // An interval starting inside the gap opens when the gap ends.
  const auto from_gap = parsed(R"({"weekly":[{"day":"sun","open":"02:30","close":"05:00"}]})");
  const auto next = next_opening(from_gap, "Europe/Paris", utc_us(2026, 3, 28, 23, 0));
  ASSERT_TRUE(next && *next);
  EXPECT_EQ(**next, utc_us(2026, 3, 29, 1, 0));
  const auto never = next_opening(in_gap, "Europe/Paris", utc_us(2026, 3, 28, 23, 0));
  ASSERT_TRUE(never && *never);
  EXPECT_EQ(**never, utc_us(2026, 4, 5, 0, 0));  // a week later, 02:00 CEST
}

TEST(OpeningHours, FallBackInParisOpensInEitherOccurrenceOfTheRepeatedHour) {
  // Sunday 2026-10-25: at 01:00 UTC the clocks go back from 03:00 to 02:00.
  const auto h = parsed(R"({"weekly":[{"day":"sun","open":"02:00","close":"02:30"}]})");
  EXPECT_FALSE(open(h, "Europe/Paris", utc_us(2026, 10, 24, 23, 59)));  // 01:59 CEST
  EXPECT_TRUE(open(h, "Europe/Paris", utc_us(2026, 10, 25, 0, 15)));    // 02:15 CEST
  EXPECT_FALSE(open(h, "Europe/Paris", utc_us(2026, 10, 25, 0, 45)));   // 02:45 CEST
  EXPECT_TRUE(open(h, "Europe/Paris", utc_us(2026, 10, 25, 1, 15)));    // 02:15 CET
  EXPECT_FALSE(open(h, "Europe/Paris", utc_us(2026, 10, 25, 1, 30)));   // 02:30 CET
  // Closed between the two occurrences, it reopens when the hour repeats.
  const auto next = next_opening(h, "Europe/Paris", utc_us(2026, 10, 25, 0, 45));
  ASSERT_TRUE(next && *next);
  EXPECT_EQ(**next, utc_us(2026, 10, 25, 1, 0));
}

TEST(OpeningHours, NewYorkFollowsEasternTimeAcrossDaylightSaving) {
  const auto h = parsed(R"({"weekly":[{"day":"mon","open":"09:00","close":"17:00"},
                                      {"day":"sun","open":"01:00","close":"04:00"}]})");
  EXPECT_FALSE(open(h, "America/New_York", utc_us(2026, 1, 12, 13, 30)));  // 08:30 EST
  EXPECT_TRUE(open(h, "America/New_York", utc_us(2026, 1, 12, 14, 0)));    // 09:00 EST
  EXPECT_TRUE(open(h, "America/New_York", utc_us(2026, 7, 13, 13, 30)));   // 09:30 EDT
  EXPECT_FALSE(open(h, "America/New_York", utc_us(2026, 7, 13, 21, 0)));   // 17:00 EDT
  // Sunday 2026-03-08 jumps from 02:00 EST (07:00 UTC) to 03:00 EDT: the interval lasts 2 hours.
  EXPECT_TRUE(open(h, "America/New_York", utc_us(2026, 3, 8, 6, 59)));  // 01:59 EST
  EXPECT_TRUE(open(h, "America/New_York", utc_us(2026, 3, 8, 7, 0)));   // 03:00 EDT
  EXPECT_FALSE(open(h, "America/New_York", utc_us(2026, 3, 8, 8, 0)));  // 04:00 EDT
}

TEST(OpeningHours, NextOpeningLooksAheadEightDays) {
  // Tuesday 2026-01-13 10:00 UTC: Luigi's next opens on Thursday at 11:00 Paris time.
  const auto next = next_opening(luigis, "Europe/Paris", utc_us(2026, 1, 13, 10, 0));
  ASSERT_TRUE(next && *next);
  EXPECT_EQ(**next, utc_us(2026, 1, 15, 10, 0));
  const auto now = next_opening(luigis, "Europe/Paris", utc_us(2026, 1, 12, 10, 30));
  ASSERT_TRUE(now && *now);
  EXPECT_EQ(**now, utc_us(2026, 1, 12, 10, 30));  // already open
  const auto never =
      next_opening(parsed(R"({"weekly":[]})"), "Europe/Paris", utc_us(2026, 1, 1, 0));
  ASSERT_TRUE(never);
  EXPECT_FALSE(*never);
}

TEST(OpeningHours, UnknownZoneIsNotFound) {
  EXPECT_TRUE(known_time_zone("Europe/Paris"));
  EXPECT_TRUE(known_time_zone("America/New_York"));
  EXPECT_FALSE(known_time_zone("Europe/Atlantis"));
  EXPECT_FALSE(known_time_zone(""));
  const auto result = open_at(luigis, "Mars/Olympus", 0);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::not_found);
}

TEST(OpeningHoursDocument, RoundTrips) {
  const char* const text =
      R"({"weekly":[{"day":"fri","open":"18:00","close":"02:00"},)"
      R"({"day":"sun","open":"10:00","close":"24:00"}],)"
      R"("exceptions":[{"date":"2026-12-24","intervals":[{"open":"11:00","close":"15:00"}]},)"
      R"({"date":"2026-12-25","intervals":[]}]})";
  EXPECT_EQ(boost::json::serialize(document(parsed(text))), text);
  EXPECT_EQ(parsed(R"({"weekly":[]})").exceptions.size(), 0u);
}

std::vector<std::string> error_fields(const char* text) {
  const auto result = parse(boost::json::parse(text), "opening_hours");
  EXPECT_FALSE(result);
  std::vector<std::string> fields;
  if (result) return fields;
  EXPECT_EQ(result.error().code, ErrorCode::validation_failed);
  for (const auto& f : result.error().fields) fields.push_back(f.field);
  return fields;
}

TEST(OpeningHoursDocument, NamesEveryBadField) {
  using Fields = std::vector<std::string>;
  EXPECT_EQ(error_fields(R"({"weekly":[{"day":"mon","open":"11:00","close":"14:00"},
                                       {"day":"funday","open":"25:00","close":"24:01"}]})"),
            (Fields{"opening_hours.weekly[1].day", "opening_hours.weekly[1].open",
                    "opening_hours.weekly[1].close"}));
  EXPECT_EQ(error_fields(R"({"weekly":[{"day":"mon","open":"24:00","close":"10:00"}]})"),
            Fields{"opening_hours.weekly[0].open"});
  EXPECT_EQ(
      error_fields(R"({"weekly":[],"exceptions":[{"date":"2026-02-30","intervals":[]},
             {"date":"2026-12-25","intervals":[{"open":"9:00","close":"10:00"}]},
             {"date":"2026-12-25","intervals":[]}]})"),
      (Fields{"opening_hours.exceptions[0].date", "opening_hours.exceptions[1].intervals[0].open",
              "opening_hours.exceptions[2].date"}));
  EXPECT_EQ(error_fields(R"({"weekly":[],"holidays":[]})"), Fields{"opening_hours.holidays"});
  EXPECT_EQ(error_fields(R"({})"), Fields{"opening_hours.weekly"});
  EXPECT_EQ(error_fields(R"("always")"), Fields{"opening_hours"});
}

std::vector<std::string> error_messages(const char* text) {
  const auto result = parse(boost::json::parse(text), "opening_hours");
  EXPECT_FALSE(result);
  std::vector<std::string> messages;
  if (result) return messages;
  for (const auto& f : result.error().fields) messages.push_back(f.field + ": " + f.message);
  return messages;
}

TEST(OpeningHoursDocument, RefusesOverlappingIntervalsNamingTheDay) {
  using Messages = std::vector<std::string>;
  EXPECT_EQ(error_messages(R"({"weekly":[{"day":"tue","open":"11:00","close":"23:30"},
                                         {"day":"tue","open":"12:00","close":"13:00"}]})"),
            Messages{"opening_hours.weekly[1]: must not overlap Tuesday 11:00–23:30: join the two "
                     "or shorten one"});
  // Past midnight into the next day, and from Sunday night into Monday morning.
  EXPECT_EQ(error_fields(R"({"weekly":[{"day":"fri","open":"18:00","close":"02:00"},
                                       {"day":"sat","open":"01:00","close":"03:00"}]})"),
            std::vector<std::string>{"opening_hours.weekly[1]"});
  EXPECT_EQ(error_fields(R"({"weekly":[{"day":"mon","open":"00:30","close":"10:00"},
                                       {"day":"sun","open":"20:00","close":"01:00"}]})"),
            std::vector<std::string>{"opening_hours.weekly[1]"});
  EXPECT_EQ(error_messages(R"({"weekly":[],"exceptions":[{"date":"2026-12-24","intervals":[
                               {"open":"11:00","close":"15:00"},
                               {"open":"14:00","close":"16:00"}]}]})"),
            Messages{"opening_hours.exceptions[0].intervals[1]: must not overlap 11:00–15:00 on "
                     "2026-12-24: join the two or shorten one"});
}

TEST(OpeningHoursDocument, AcceptsIntervalsThatTouch) {
  const auto hours = parsed(R"({"weekly":[{"day":"mon","open":"11:00","close":"15:00"},
                                         {"day":"mon","open":"15:00","close":"22:00"},
                                         {"day":"sun","open":"18:00","close":"00:00"},
                                         {"day":"mon","open":"00:00","close":"02:00"}]})");
  EXPECT_EQ(hours.weekly.size(), 4u);
}

TEST(OpeningHoursDocument, BoundsTheNumberOfIntervals) {
  boost::json::array weekly;
  for (int i = 0; i < 51; ++i)
    weekly.push_back({{"day", "mon"}, {"open", "10:00"}, {"close", "11:00"}});
  const auto result = parse(boost::json::object{{"weekly", weekly}}, "opening_hours");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().fields.at(0).field, "opening_hours.weekly");
}

}  // namespace
}  // namespace reskflow::modules::hours
