// Availability windows on top of the shared opening-hours evaluation.
#include "availability.h"

#include <algorithm>

namespace reskflow::catalog {
namespace {

// Each round moves to the later of the two next openings; two weekly schedules that overlap
// at all meet within a few rounds.
constexpr int next_inside_rounds_max = 16;

Result<std::optional<std::int64_t>> next_of(const std::vector<Window>& windows,
                                            const std::string& zone, std::int64_t at_us) {
  if (windows.empty()) return std::optional<std::int64_t>{at_us};
  return hours::next_opening(as_hours(windows), zone, at_us);
}

}  // namespace

hours::OpeningHours as_hours(const std::vector<Window>& windows) {
  hours::OpeningHours out;
  for (const auto& w : windows) {
    for (const int day : w.days) out.weekly.push_back({day, {w.start_minute, w.end_minute}});
  }
  return out;
}

Result<bool> inside(const std::vector<Window>& windows, const std::string& zone,
                    std::int64_t at_us) {
  if (windows.empty()) return true;
  return hours::open_at(as_hours(windows), zone, at_us);
}

Result<std::optional<std::int64_t>> next_inside(const std::vector<Window>& first,
                                                const std::vector<Window>& second,
                                                const std::string& zone, std::int64_t at_us) {
  std::int64_t at = at_us;
  for (int round = 0; round < next_inside_rounds_max; ++round) {
    auto a = next_of(first, zone, at);
    if (!a) return std::unexpected(a.error());
    auto b = next_of(second, zone, at);
    if (!b) return std::unexpected(b.error());
    if (!*a || !*b) return std::optional<std::int64_t>{};
    const auto candidate = std::max(**a, **b);
    auto in_first = inside(first, zone, candidate);
    auto in_second = inside(second, zone, candidate);
    if (!in_first || !in_second) return fail(ErrorCode::not_found, "unknown time zone " + zone);
    if (*in_first && *in_second) return std::optional<std::int64_t>{candidate};
    at = candidate;
  }
  return std::optional<std::int64_t>{};
}

}  // namespace reskflow::catalog
