// Calendar months in UTC with std::chrono's civil calendar (periods.h).
#include "periods.h"

#include <algorithm>
#include <chrono>

namespace reskflow::subscriptions {

std::int64_t add_months(std::int64_t anchor_us, std::int64_t months) {
  using namespace std::chrono;
  const sys_time<microseconds> at{microseconds{anchor_us}};
  const auto day = floor<days>(at);
  const auto time_of_day = at - day;
  const year_month_day date{day};
  const auto month = year_month{date.year(), date.month()} + std::chrono::months{months};
  const auto last = year_month_day_last{month.year(), month_day_last{month.month()}}.day();
  const sys_days moved{month.year() / month.month() / std::min(date.day(), last)};
  return (moved + time_of_day).time_since_epoch().count();
}

}  // namespace reskflow::subscriptions
