// A user's notification preferences: language, time zone, quiet hours, and which channels each
// kind of notification goes to; and when quiet hours let a message out.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "templates.h"

namespace reskflow::notifications {

// Local times, in minutes after midnight; start > end spans midnight (22:00 to 07:00).
struct QuietHours {
  std::int64_t start_min = 0;
  std::int64_t end_min = 0;
};

struct Preferences {
  std::string locale = "en";
  std::string time_zone = "UTC";
  std::optional<QuietHours> quiet_hours;
  // Choices that differ from default_enabled (a choice_fixed channel keeps its default).
  std::map<std::pair<Kind, Channel>, bool> choices;

  bool allows(Kind kind, Channel channel) const;
  Reader reader() const { return {locale, time_zone}; }
};

// now_us when it is outside the quiet hours in the user's zone, else the instant they end.
std::int64_t after_quiet_hours(const Preferences& preferences, std::int64_t now_us);

}  // namespace reskflow::notifications
