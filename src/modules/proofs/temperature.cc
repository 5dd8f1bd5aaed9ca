// Compliance summary and excursion detection over sorted readings.
#include "temperature.h"

#include <algorithm>

namespace reskflow::proofs {

bool out_of_range(double celsius, const deliveries::TemperatureRange& range) {
  return celsius < range.min_c || celsius > range.max_c;
}

Analysis analyse(std::span<const Reading> readings, const deliveries::TemperatureRange& range) {
  Analysis out;
  auto& s = out.summary;
  s.range = range;
  s.readings = static_cast<std::int64_t>(readings.size());
  std::int64_t out_us = 0;
  for (std::size_t i = 0; i < readings.size(); ++i) {
    const auto& r = readings[i];
    s.min_c = s.min_c ? std::min(*s.min_c, r.celsius) : r.celsius;
    s.max_c = s.max_c ? std::max(*s.max_c, r.celsius) : r.celsius;
    if (!out_of_range(r.celsius, range)) continue;
    if (i + 1 < readings.size()) out_us += readings[i + 1].measured_at_us - r.measured_at_us;
    const bool run_starts = i == 0 || !out_of_range(readings[i - 1].celsius, range);
    if (run_starts) out.excursions.push_back({r.measured_at_us, r.measured_at_us, r.celsius});
    out.excursions.back().ended_at_us = r.measured_at_us;
  }
  s.out_of_range_s = out_us / 1'000'000;
  s.excursions = static_cast<std::int64_t>(out.excursions.size());
  if (!readings.empty()) {
    s.first_measured_at_us = readings.front().measured_at_us;
    s.last_measured_at_us = readings.back().measured_at_us;
  }
  return out;
}

std::vector<Excursion> new_excursions(std::span<const Excursion> found,
                                      std::span<const Excursion> alerted) {
  std::vector<Excursion> out;
  for (const auto& e : found) {
    const bool known = std::ranges::any_of(alerted, [&e](const Excursion& a) {
      return a.started_at_us <= e.ended_at_us && e.started_at_us <= a.ended_at_us;
    });
    if (!known) out.push_back(e);
  }
  return out;
}

}  // namespace reskflow::proofs
