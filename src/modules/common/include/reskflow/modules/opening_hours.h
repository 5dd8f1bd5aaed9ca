// A merchant's weekly opening hours with dated exceptions, evaluated in the merchant's IANA time
// zone from the system's tz database (DST transitions included).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "reskflow/core/errors.h"

namespace reskflow::modules::hours {

// Minutes since local midnight, 0..1440.
struct Interval {
  int open_minute = 0;
  int close_minute = 0;  // <= open_minute means the interval runs past midnight into the next day
};

struct WeeklyInterval {
  int weekday = 0;  // 0 = Monday .. 6 = Sunday
  Interval interval;
};

// A dated exception replaces that local date's weekly intervals: closed all day when
// `intervals` is empty (a holiday), otherwise open only in them.
struct Exception {
  std::string date;  // local date, YYYY-MM-DD
  std::vector<Interval> intervals;
};

struct OpeningHours {
  std::vector<WeeklyInterval> weekly;
  std::vector<Exception> exceptions;
};

// True when the IANA zone name is known to the system tz database.
bool known_time_zone(const std::string& zone);

// Open at the UTC instant `at_us` (microseconds since the epoch) in `zone`. An interval that
// runs past midnight counts on the next local day too, where that day's exception (if any)
// does not cancel it. A local time skipped by a DST jump is never open; a repeated one is open
// when either occurrence is inside an interval. not_found when the zone is unknown.
Result<bool> open_at(const OpeningHours& hours, const std::string& zone, std::int64_t at_us);

// The next UTC instant (microseconds) at or after at_us when the merchant opens (at_us itself
// when it is open then), looking at most 8 days ahead; nullopt when it never opens in that
// window.
Result<std::optional<std::int64_t>> next_opening(const OpeningHours& hours, const std::string& zone,
                                                 std::int64_t at_us);

// The API's document: {"weekly":[{"day":"mon","open":"11:00","close":"22:00"},...],
// "exceptions":[{"date":"2026-12-25","intervals":[]},
//               {"date":"2026-12-24","intervals":[{"open":"11:00","close":"15:00"}]}]}.
// validation_failed with field errors under `field` (e.g. "opening_hours.weekly[2].open");
// "24:00" is accepted as a close time; at most 50 weekly intervals and 366 exceptions.
Result<OpeningHours> parse(const boost::json::value& document, const std::string& field);
boost::json::value document(const OpeningHours& hours);

}  // namespace reskflow::modules::hours
