// Which reported points of a courier are used: each point is judged against the courier's
// recent accepted points, in the order the device sent them (docs/deliveries.md, "Location
// validation").
#pragma once

#include <cstdint>
#include <deque>
#include <string_view>

#include "reskflow/drivers/drivers.h"

namespace reskflow::drivers {

enum class Verdict {
  accepted,
  duplicate,     // an accepted point sent again (same device time and place): dropped
  out_of_order,  // device time not after the last accepted point's: dropped
  inaccurate,    // accuracy worse than accuracy_m_max: dropped
  future,        // device time ahead of the server's clock by more than the allowed skew
  implausible,   // farther from the last accepted point than the vehicle can move: flagged
};

// "accepted", "duplicate", ... (the API's names).
std::string_view verdict_name(Verdict verdict);

struct TrackRules {
  double speed_max_mps = 15;      // the vehicle's (limits_of)
  double accuracy_m_max = 250;    // a coarser fix says little about where the courier is
  std::int64_t latest_at_us = 0;  // the server's clock plus the allowed device clock skew
};

// `recent` holds the courier's accepted points, oldest first. An implausible jump takes the two
// fixes' accuracy into account: the distance less both accuracies must be coverable at
// speed_max_mps in the time between them.
Verdict judge(const std::deque<Position>& recent, const Position& point, const TrackRules& rules);

}  // namespace reskflow::drivers
