// ISO 8601 UTC timestamps <-> UTC microseconds, with the proleptic Gregorian calendar of
// std::chrono (no time zone database needed: everything here is UTC).
#include "reskflow/modules/utc_time.h"

#include <chrono>
#include <string>

namespace reskflow::modules {
namespace {

constexpr std::int64_t second_us = 1'000'000;

std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool separators_match(std::string_view text) {
  return text.size() >= 19 && text[4] == '-' && text[7] == '-' && text[10] == 'T' &&
         text[13] == ':' && text[16] == ':';
}

// The fraction after the seconds ("", or "." and 1..6 digits) in microseconds; advances `at`.
std::optional<std::int64_t> fraction_us(std::string_view text, std::size_t& at) {
  if (at >= text.size() || text[at] != '.') return 0;
  std::size_t count = 0;
  std::int64_t value = 0;
  for (++at; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, ++count) {
    if (count < 6) value = value * 10 + (text[at] - '0');
  }
  if (count == 0 || count > 6) return std::nullopt;
  for (; count < 6; ++count) value *= 10;
  return value;
}

// Appends `value` (0 <= value < 10^width) as exactly `width` decimal digits.
void put_digits(std::string& out, std::int64_t value, int width) {
  char buffer[8];
  for (int i = width - 1; i >= 0; --i) {
    buffer[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buffer, static_cast<std::size_t>(width));
}

}  // namespace

// Written digit by digit (no printf: every time in every document and tracking message passes
// here).
std::string iso_utc(std::int64_t unix_us) {
  using namespace std::chrono;
  const sys_time<microseconds> at{microseconds(unix_us)};
  const auto day = floor<days>(at);
  const year_month_day ymd{day};
  const hh_mm_ss hms{floor<seconds>(at - day)};
  const auto micros = unix_us - floor<seconds>(at).time_since_epoch().count() * second_us;
  std::string text;
  text.reserve(sizeof "YYYY-MM-DDTHH:MM:SS.ffffffZ");
  const int year = static_cast<int>(ymd.year());
  if (year >= 0 && year <= 9999) {
    put_digits(text, year, 4);
  } else {
    text += std::to_string(year);
  }
  text += '-';
  put_digits(text, static_cast<unsigned>(ymd.month()), 2);
  text += '-';
  put_digits(text, static_cast<unsigned>(ymd.day()), 2);
  text += 'T';
  put_digits(text, hms.hours().count(), 2);
  text += ':';
  put_digits(text, hms.minutes().count(), 2);
  text += ':';
  put_digits(text, hms.seconds().count(), 2);
  if (micros != 0) {
    text += '.';
    put_digits(text, micros, 6);
  }
  text += 'Z';
  return text;
}

std::optional<std::int64_t> parse_iso_utc(std::string_view text) {
  using namespace std::chrono;
  if (!separators_match(text)) return std::nullopt;
  const auto y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2);
  const auto h = digits(text, 11, 2), mi = digits(text, 14, 2), s = digits(text, 17, 2);
  if (!y || !mo || !d || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
  const year_month_day ymd{year(*y), month(static_cast<unsigned>(*mo)),
                           day(static_cast<unsigned>(*d))};
  if (!ymd.ok()) return std::nullopt;
  std::size_t at = 19;
  const auto fraction = fraction_us(text, at);
  if (!fraction) return std::nullopt;
  const auto zone = text.substr(at);
  if (zone != "Z" && zone != "+00:00") return std::nullopt;
  const auto day_s = sys_days(ymd).time_since_epoch() / seconds(1);
  const std::int64_t seconds_of_day = std::int64_t{*h} * 3600 + std::int64_t{*mi} * 60 + *s;
  return (day_s + seconds_of_day) * second_us + *fraction;
}

}  // namespace reskflow::modules
