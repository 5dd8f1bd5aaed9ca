// The rules a reported point passes before it is used.
#include "track_filter.h"

#include <algorithm>

namespace reskflow::drivers {

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::accepted: return "accepted";
    case Verdict::duplicate: return "duplicate";
    case Verdict::out_of_order: return "out_of_order";
    case Verdict::inaccurate: return "inaccurate";
    case Verdict::future: return "future";
    case Verdict::implausible: return "implausible";
  }
  return "accepted";
}

Verdict judge(const std::deque<Position>& recent, const Position& point, const TrackRules& rules) {
  if (point.accuracy_m > rules.accuracy_m_max) return Verdict::inaccurate;
  if (point.at_us > rules.latest_at_us) return Verdict::future;
  if (recent.empty()) return Verdict::accepted;
  const auto same = [&](const Position& p) {
    return p.at_us == point.at_us && p.point.lat == point.point.lat &&
           p.point.lng == point.point.lng;
  };
  if (std::any_of(recent.begin(), recent.end(), same)) return Verdict::duplicate;
  const auto& last = recent.back();
  if (point.at_us <= last.at_us) return Verdict::out_of_order;
  const double seconds = static_cast<double>(point.at_us - last.at_us) / 1e6;
  const double metres = modules::geo::distance_m(last.point, point.point);
  if (metres - last.accuracy_m - point.accuracy_m > rules.speed_max_mps * seconds)
    return Verdict::implausible;
  return Verdict::accepted;
}

}  // namespace reskflow::drivers
