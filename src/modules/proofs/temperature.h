// The cold-chain arithmetic on a delivery's readings, without storage: the compliance summary
// and the excursions (runs of consecutive readings out of the allowed range).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "reskflow/deliveries/delivery.h"
#include "reskflow/proofs/proofs.h"

namespace reskflow::proofs {

// Plausible readings of a food transport sensor; anything outside is a broken sensor or a typo.
inline constexpr double celsius_min = -100;
inline constexpr double celsius_max = 100;

struct Reading {
  std::int64_t measured_at_us = 0;
  double celsius = 0;
};

struct Excursion {
  std::int64_t started_at_us = 0;  // the first reading out of range
  std::int64_t ended_at_us = 0;    // the last reading out of range of the run
  double celsius = 0;              // the first reading's temperature
};

struct Analysis {
  ComplianceSummary summary;
  std::vector<Excursion> excursions;  // in time order
};

bool out_of_range(double celsius, const deliveries::TemperatureRange& range);

// `readings` sorted by measured_at_us without duplicates. Each reading holds until the next
// one: a reading out of range adds the time to the next reading to out_of_range_s (the last
// reading adds nothing, as nothing says how long it held).
Analysis analyse(std::span<const Reading> readings, const deliveries::TemperatureRange& range);

// The excursions of `found` that overlap none of `alerted` (excursions already alerted, whose
// runs late readings may have moved or widened): those to alert now.
std::vector<Excursion> new_excursions(std::span<const Excursion> found,
                                      std::span<const Excursion> alerted);

}  // namespace reskflow::proofs
