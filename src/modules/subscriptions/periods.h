// Billing periods as calendar months in UTC, counted from the subscription's start.
#pragma once

#include <cstdint>

namespace reskflow::subscriptions {

// `anchor_us` plus `months` calendar months, same time of day; a day the month does not have
// becomes its last day (Jan 31 + 1 month = Feb 28 or 29), each period counted from the anchor
// so the day comes back afterwards (Jan 31 + 2 months = Mar 31).
std::int64_t add_months(std::int64_t anchor_us, std::int64_t months);

}  // namespace reskflow::subscriptions
