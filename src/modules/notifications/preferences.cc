// Channel choices with their defaults, and the end of quiet hours in the user's time zone.
#include "preferences.h"

#include <date/tz.h>

#include <chrono>

namespace reskflow::notifications {

bool Preferences::allows(Kind kind, Channel channel) const {
  if (choice_fixed(kind, channel)) return default_enabled(kind, channel);
  const auto it = choices.find({kind, channel});
  return it == choices.end() ? default_enabled(kind, channel) : it->second;
}

std::int64_t after_quiet_hours(const Preferences& preferences, std::int64_t now_us) {
  using std::chrono::microseconds;
  using std::chrono::minutes;
  if (!preferences.quiet_hours) return now_us;
  const auto [start, end] = *preferences.quiet_hours;
  if (start == end) return now_us;
  const date::time_zone* tz = nullptr;
  try {
    tz = date::locate_zone(preferences.time_zone);
  } catch (const std::exception&) {
    tz = date::locate_zone("UTC");
  }
  const auto local = tz->to_local(date::sys_time<microseconds>{microseconds{now_us}});
  const auto day = date::floor<date::days>(local);
  const auto minute = date::floor<minutes>(local - day).count();
  const bool quiet =
      start < end ? (minute >= start && minute < end) : (minute >= start || minute < end);
  if (!quiet) return now_us;
  // They end later today, or tomorrow when they began this evening.
  const auto end_day = minute < end ? day : day + date::days{1};
  const auto end_local = date::local_time<microseconds>{end_day + minutes{end}};
  const auto end_sys = tz->to_sys(end_local, date::choose::latest);
  return end_sys.time_since_epoch().count();
}

}  // namespace reskflow::notifications
