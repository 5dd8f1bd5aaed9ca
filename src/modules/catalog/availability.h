// When a category or an item can be ordered: its weekly windows evaluated in the merchant's
// time zone through the shared opening-hours rules (DST, windows past midnight).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model.h"
#include "reskflow/core/errors.h"

namespace reskflow::catalog {

// The windows as opening hours (no exceptions).
hours::OpeningHours as_hours(const std::vector<Window>& windows);

// True when at_us falls inside one of the windows, or there are none.
Result<bool> inside(const std::vector<Window>& windows, const std::string& zone,
                    std::int64_t at_us);

// The first instant at or after at_us inside both lists of windows (an item's and its
// category's), within about a week; nullopt when there is none.
Result<std::optional<std::int64_t>> next_inside(const std::vector<Window>& first,
                                                const std::vector<Window>& second,
                                                const std::string& zone, std::int64_t at_us);

}  // namespace reskflow::catalog
