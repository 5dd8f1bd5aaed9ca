// Opening hours evaluated on the local wall clock of the merchant's IANA zone (Howard Hinnant's
// date library over the system tz database), and the API's opening-hours documents.
#include "reskflow/modules/opening_hours.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <exception>

#include <date/tz.h>
#include <boost/json.hpp>

#include "reskflow/core/json_body.h"

namespace reskflow::modules::hours {
namespace {

using std::chrono::microseconds;
using std::chrono::minutes;
using LocalDays = date::local_days;
using LocalTime = date::local_time<microseconds>;

constexpr std::size_t weekly_intervals_max = 50;
constexpr std::size_t exceptions_max = 366;
constexpr std::size_t exception_intervals_max = 10;
constexpr int lookahead_days = 8;
constexpr std::array<const char*, 7> day_names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::array<const char*, 7> day_titles = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                   "Friday", "Saturday", "Sunday"};
constexpr int minutes_per_day = 24 * 60;
constexpr int minutes_per_week = 7 * minutes_per_day;

const date::time_zone* find_zone(const std::string& zone) {
  try {
    return date::locate_zone(zone);
  } catch (const std::exception&) {
    return nullptr;  // unknown name, or no tz database on this machine
  }
}

std::string format_date(LocalDays day) {
  const date::year_month_day ymd{day};
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return text.data();
}

// The intervals that start on a local date: its exception's, or else its weekday's.
std::vector<Interval> intervals_of(const OpeningHours& hours, LocalDays day) {
  const auto date_text = format_date(day);
  for (const auto& exception : hours.exceptions) {
    if (exception.date == date_text) return exception.intervals;
  }
  const int weekday = static_cast<int>(date::weekday{day}.iso_encoding()) - 1;
  std::vector<Interval> intervals;
  for (const auto& weekly : hours.weekly) {
    if (weekly.weekday == weekday) intervals.push_back(weekly.interval);
  }
  return intervals;
}

bool overnight(const Interval& interval) { return interval.close_minute <= interval.open_minute; }

bool open_at_local(const OpeningHours& hours, LocalTime local) {
  const auto day = date::floor<date::days>(local);
  const int minute = static_cast<int>(date::floor<minutes>(local - day).count());
  for (const auto& interval : intervals_of(hours, day)) {
    if (minute >= interval.open_minute && (overnight(interval) || minute < interval.close_minute))
      return true;
  }
  for (const auto& interval : intervals_of(hours, day - date::days{1})) {
    if (overnight(interval) && minute < interval.close_minute) return true;
  }
  return false;
}

// Every instant in (at, at + lookahead] where being open can begin: the start of an interval
// (or the end of the DST gap that swallowed it) and each DST transition (a repeated hour can
// reopen an interval that had just closed).
std::vector<date::sys_time<microseconds>> opening_candidates(const OpeningHours& hours,
                                                             const date::time_zone& zone,
                                                             date::sys_time<microseconds> at) {
  const auto horizon = at + date::days{lookahead_days};
  const auto first_day = date::floor<date::days>(zone.to_local(at)) - date::days{1};
  std::vector<date::sys_time<microseconds>> candidates;
  for (int d = 0; d <= lookahead_days + 1; ++d) {
    const auto day = first_day + date::days{d};
    for (const auto& interval : intervals_of(hours, day)) {
      const auto local = LocalTime{day + minutes{interval.open_minute}};
      candidates.push_back(zone.to_sys(local, date::choose::earliest));
    }
  }
  const auto horizon_s = date::floor<std::chrono::seconds>(horizon);
  // Compared in seconds: a zone without further transitions ends its last period at a date
  // too far away to express in microseconds.
  for (auto t = date::floor<std::chrono::seconds>(at);;) {
    t = zone.get_info(t).end;
    if (t >= horizon_s) break;
    candidates.emplace_back(t);
  }
  std::erase_if(candidates, [&](auto c) { return c <= at || c > horizon; });
  std::sort(candidates.begin(), candidates.end());
  return candidates;
}

std::string format_minute(int minute) {
  std::array<char, 24> text{};  // room for any int, as the compiler checks
  std::snprintf(text.data(), text.size(), "%02d:%02d", minute / 60, minute % 60);
  return text.data();
}

// "HH:MM" to minutes since midnight; "24:00" only when allowed (a close time).
std::optional<int> parse_minute(const std::string& text, bool allow_midnight_end) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int hour = (text[0] - '0') * 10 + (text[1] - '0');
  const int minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (minute > 59 || hour > 24 || (hour == 24 && (minute != 0 || !allow_midnight_end)))
    return std::nullopt;
  return hour * 60 + minute;
}

bool valid_date(const std::string& text) {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) return false;
  }
  if (std::sscanf(text.c_str(), "%4d-%2u-%2u", &year, &month, &day) != 3) return false;
  return date::year_month_day{date::year{year}, date::month{month}, date::day{day}}.ok();
}

// Reads "open" and "close" through the caller's reader, which may read other keys too.
std::optional<Interval> read_interval(json::ObjectReader& reader) {
  const auto open = reader.string("open", {.required = true, .min_chars = 0, .max_chars = 5});
  const auto close = reader.string("close", {.required = true, .min_chars = 0, .max_chars = 5});
  std::optional<int> open_minute;
  std::optional<int> close_minute;
  if (open) {
    open_minute = parse_minute(*open, false);
    if (!open_minute) reader.add_error("open", "must be a local time HH:MM from 00:00 to 23:59");
  }
  if (close) {
    close_minute = parse_minute(*close, true);
    if (!close_minute) reader.add_error("close", "must be a local time HH:MM from 00:00 to 24:00");
  }
  if (!open_minute || !close_minute) return std::nullopt;
  return Interval{*open_minute, *close_minute};
}

std::string item_path(const std::string& array_path, std::size_t index) {
  return array_path + "[" + std::to_string(index) + "]";
}

void read_weekly(const boost::json::array& array, const std::string& path, OpeningHours& hours,
                 std::vector<FieldError>& errors) {
  const std::vector<std::string> days(day_names.begin(), day_names.end());
  for (std::size_t i = 0; i < array.size(); ++i) {
    const auto* object = array[i].if_object();
    if (object == nullptr) {
      errors.push_back({item_path(path, i), "must be an object"});
      continue;
    }
    json::ObjectReader reader(*object, item_path(path, i));
    const auto day = reader.one_of("day", days);
    const auto interval = read_interval(reader);
    if (auto status = reader.finish(); !status) {
      for (auto& e : status.error().fields) errors.push_back(std::move(e));
      continue;
    }
    const auto weekday = std::find(days.begin(), days.end(), *day) - days.begin();
    hours.weekly.push_back({static_cast<int>(weekday), *interval});
  }
}

std::optional<Exception> read_exception(const boost::json::object& object, const std::string& path,
                                        std::vector<FieldError>& errors) {
  json::ObjectReader reader(object, path);
  const auto date_text = reader.string("date", {.required = true, .min_chars = 0, .max_chars = 10});
  if (date_text && !valid_date(*date_text)) reader.add_error("date", "must be a date YYYY-MM-DD");
  const auto* intervals = reader.array("intervals", exception_intervals_max);
  Exception exception;
  if (date_text) exception.date = *date_text;
  for (std::size_t i = 0; intervals != nullptr && i < intervals->size(); ++i) {
    const auto* interval_object = (*intervals)[i].if_object();
    const auto interval_path = item_path(reader.path("intervals"), i);
    if (interval_object == nullptr) {
      errors.push_back({interval_path, "must be an object"});
      continue;
    }
    json::ObjectReader interval_reader(*interval_object, interval_path);
    const auto interval = read_interval(interval_reader);
    if (auto status = interval_reader.finish(); !status) {
      for (auto& e : status.error().fields) errors.push_back(std::move(e));
    } else {
      exception.intervals.push_back(*interval);
    }
  }
  if (auto status = reader.finish(); !status) {
    for (auto& e : status.error().fields) errors.push_back(std::move(e));
    return std::nullopt;
  }
  return exception;
}

void read_exceptions(const boost::json::array& array, const std::string& path, OpeningHours& hours,
                     std::vector<FieldError>& errors) {
  for (std::size_t i = 0; i < array.size(); ++i) {
    const auto* object = array[i].if_object();
    if (object == nullptr) {
      errors.push_back({item_path(path, i), "must be an object"});
      continue;
    }
    auto exception = read_exception(*object, item_path(path, i), errors);
    if (!exception) continue;
    const bool duplicate = std::any_of(hours.exceptions.begin(), hours.exceptions.end(),
                                       [&](const auto& e) { return e.date == exception->date; });
    if (duplicate) {
      errors.push_back({item_path(path, i) + ".date", "repeats an earlier exception's date"});
      continue;
    }
    hours.exceptions.push_back(std::move(*exception));
  }
}

}  // namespace

bool known_time_zone(const std::string& zone) { return find_zone(zone) != nullptr; }

Result<bool> open_at(const OpeningHours& hours, const std::string& zone, std::int64_t at_us) {
  const auto* tz = find_zone(zone);
  if (tz == nullptr) return fail(ErrorCode::not_found, "unknown time zone " + zone);
  return open_at_local(hours, tz->to_local(date::sys_time<microseconds>{microseconds{at_us}}));
}

Result<std::optional<std::int64_t>> next_opening(const OpeningHours& hours, const std::string& zone,
                                                 std::int64_t at_us) {
  const auto* tz = find_zone(zone);
  if (tz == nullptr) return fail(ErrorCode::not_found, "unknown time zone " + zone);
  const date::sys_time<microseconds> at{microseconds{at_us}};
  if (open_at_local(hours, tz->to_local(at))) return at_us;
  for (const auto candidate : opening_candidates(hours, *tz, at)) {
    if (open_at_local(hours, tz->to_local(candidate))) return candidate.time_since_epoch().count();
  }
  return std::optional<std::int64_t>{};
}

namespace {

// An interval's minutes [start, end) from `day_start`, running into the next day when it closes
// at or before it opens.
std::pair<int, int> span(int day_start, const Interval& interval) {
  const int end = interval.close_minute <= interval.open_minute
                      ? interval.close_minute + minutes_per_day
                      : interval.close_minute;
  return {day_start + interval.open_minute, day_start + end};
}

// Whether two spans share a minute, also across the end of a repeating `period` (0: none).
bool spans_overlap(std::pair<int, int> a, std::pair<int, int> b, int period) {
  for (const int shift : {-period, 0, period}) {
    if (a.first < b.second + shift && b.first + shift < a.second) return true;
  }
  return false;
}

std::string interval_text(const Interval& interval) {
  return format_minute(interval.open_minute) + "–" + format_minute(interval.close_minute);
}

// A merchant is open or not: two weekly intervals may touch but not share a minute, wherever
// the one that runs past midnight ends.
void refuse_weekly_overlaps(const OpeningHours& hours, const std::string& path,
                            std::vector<FieldError>& errors) {
  const auto week_span = [](const WeeklyInterval& w) {
    return span(w.weekday * minutes_per_day, w.interval);
  };
  for (std::size_t i = 0; i < hours.weekly.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const auto& earlier = hours.weekly[j];
      if (!spans_overlap(week_span(hours.weekly[i]), week_span(earlier), minutes_per_week))
        continue;
      errors.push_back({item_path(path, i),
                        "must not overlap " +
                            std::string(day_titles.at(static_cast<std::size_t>(earlier.weekday))) +
                            " " + interval_text(earlier.interval) +
                            ": join the two or shorten one"});
      break;
    }
  }
}

void refuse_exception_overlaps(const OpeningHours& hours, const std::string& path,
                               std::vector<FieldError>& errors) {
  for (std::size_t e = 0; e < hours.exceptions.size(); ++e) {
    const auto& intervals = hours.exceptions[e].intervals;
    for (std::size_t i = 0; i < intervals.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (!spans_overlap(span(0, intervals[i]), span(0, intervals[j]), 0)) continue;
        errors.push_back({item_path(item_path(path, e) + ".intervals", i),
                          "must not overlap " + interval_text(intervals[j]) + " on " +
                              hours.exceptions[e].date + ": join the two or shorten one"});
        break;
      }
    }
  }
}

}  // namespace

Result<OpeningHours> parse(const boost::json::value& document, const std::string& field) {
  const auto* object = document.if_object();
  if (object == nullptr)
    return fail(ErrorCode::validation_failed, "the opening hours are invalid",
                {{field, "must be an object"}});
  json::ObjectReader reader(*object, field);
  const auto* weekly = reader.array("weekly", weekly_intervals_max);
  const auto* exceptions = reader.array("exceptions", exceptions_max, false);
  std::vector<FieldError> errors;
  if (auto status = reader.finish(); !status) errors = std::move(status.error().fields);
  OpeningHours hours;
  if (weekly != nullptr) read_weekly(*weekly, field + ".weekly", hours, errors);
  if (exceptions != nullptr) read_exceptions(*exceptions, field + ".exceptions", hours, errors);
  if (errors.empty()) {
    refuse_weekly_overlaps(hours, field + ".weekly", errors);
    refuse_exception_overlaps(hours, field + ".exceptions", errors);
  }
  if (!errors.empty())
    return fail(ErrorCode::validation_failed, "the opening hours are invalid", std::move(errors));
  return hours;
}

boost::json::value document(const OpeningHours& hours) {
  boost::json::array weekly;
  for (const auto& w : hours.weekly) {
    weekly.push_back({{"day", day_names.at(static_cast<std::size_t>(w.weekday))},
                      {"open", format_minute(w.interval.open_minute)},
                      {"close", format_minute(w.interval.close_minute)}});
  }
  boost::json::array exceptions;
  for (const auto& e : hours.exceptions) {
    boost::json::array intervals;
    for (const auto& i : e.intervals) {
      intervals.push_back(
          {{"open", format_minute(i.open_minute)}, {"close", format_minute(i.close_minute)}});
    }
    exceptions.push_back({{"date", e.date}, {"intervals", std::move(intervals)}});
  }
  return {{"weekly", std::move(weekly)}, {"exceptions", std::move(exceptions)}};
}

}  // namespace reskflow::modules::hours
