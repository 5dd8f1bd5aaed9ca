// Validation and normalisation of problems: the one gate every solver input goes through.
#include "reskflow/optimize/problem.h"

#include <algorithm>
#include "text.h"

namespace reskflow::optimize {
namespace {

std::unexpected<Error> invalid(std::string message) {
  return std::unexpected(Error{ErrorCode::invalid_input, std::move(message)});
}

std::expected<void, Error> normalise_matrices(Problem& p) {
  const std::size_t n = p.durations.size();
  if (n == 0) return invalid("the problem has no travel matrix");
  if (p.distances.empty()) p.distances = p.durations;
  if (p.costs.empty()) p.costs = p.durations;
  if (p.distances.size() != n || p.costs.size() != n) {
    return invalid("durations, distances and costs matrices differ in size");
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (p.durations(i, j) < 0 || p.distances(i, j) < 0 || p.costs(i, j) < 0) {
        return invalid(format_text("negative matrix entry at ({}, {})", i, j));
      }
      if (p.durations(i, j) > duration_max / 1024 || p.costs(i, j) > cost_max / 65536) {
        return invalid(format_text("matrix entry too large at ({}, {})", i, j));
      }
    }
  }
  p.location_count = n;
  return {};
}

std::expected<void, Error> normalise_windows(std::vector<TimeWindow>& windows,
                                             const std::string& what) {
  if (windows.empty()) windows.push_back(TimeWindow{});
  std::sort(windows.begin(), windows.end(),
            [](const TimeWindow& a, const TimeWindow& b) { return a.start < b.start; });
  for (std::size_t i = 0; i < windows.size(); ++i) {
    if (windows[i].start < 0 || windows[i].start > windows[i].end) {
      return invalid(format_text("{}: time window [{}, {}] is invalid", what, windows[i].start,
                                 windows[i].end));
    }
    if (i > 0 && windows[i].start < windows[i - 1].end) {
      return invalid(format_text("{}: time windows overlap", what));
    }
  }
  return {};
}

std::expected<void, Error> validate_job(const Problem& p, std::size_t j) {
  const Job& job = p.jobs[j];
  const std::string what = format_text("job {}", job.id);
  if (job.location >= p.location_count) return invalid(what + ": location out of range");
  if (job.service < 0) return invalid(what + ": negative service time");
  if (!job.delivery.is_non_negative() || !job.pickup.is_non_negative()) {
    return invalid(what + ": negative amount");
  }
  if (job.type == JobType::single) {
    if (job.sibling != no_index) return invalid(what + ": a single job has a sibling");
    return {};
  }
  if (job.sibling >= p.jobs.size() || p.jobs[job.sibling].sibling != j) {
    return invalid(what + ": shipment halves are not linked both ways");
  }
  const Job& other = p.jobs[job.sibling];
  const JobType expected_other = job.type == JobType::pickup ? JobType::delivery : JobType::pickup;
  if (other.type != expected_other)
    return invalid(what + ": shipment needs a pickup and a delivery");
  const Job& pickup = job.type == JobType::pickup ? job : other;
  const Job& delivery = job.type == JobType::pickup ? other : job;
  if (!(pickup.delivery == Amount{}) || !(delivery.pickup == Amount{}) ||
      !(pickup.pickup == delivery.delivery)) {
    return invalid(what + ": shipment amounts must be picked up and delivered alike");
  }
  return {};
}

bool has_skills(const Vehicle& vehicle, const Job& job) {
  return std::all_of(job.skills.begin(), job.skills.end(), [&](std::uint32_t s) {
    return std::find(vehicle.skills.begin(), vehicle.skills.end(), s) != vehicle.skills.end();
  });
}

void add_virtual_location(Problem& p) {
  const bool needed = std::any_of(p.vehicles.begin(), p.vehicles.end(), [](const Vehicle& v) {
    return !v.start.has_value() || !v.end.has_value();
  });
  const std::size_t n = p.location_count;
  if (needed) {
    p.durations.grow(n + 1, 0);
    p.distances.grow(n + 1, 0);
    p.costs.grow(n + 1, 0);
  }
  for (auto& v : p.vehicles) {
    v.start_index = v.start.value_or(n);
    v.end_index = v.end.value_or(n);
  }
}

std::expected<void, Error> validate_vehicles(Problem& p) {
  if (p.vehicles.empty()) return invalid("the problem has no vehicle");
  std::vector<std::size_t> owner(p.jobs.size(), no_index);
  for (std::size_t v = 0; v < p.vehicles.size(); ++v) {
    Vehicle& vehicle = p.vehicles[v];
    const std::string what = format_text("vehicle {}", vehicle.id);
    if ((vehicle.start && *vehicle.start >= p.location_count) ||
        (vehicle.end && *vehicle.end >= p.location_count)) {
      return invalid(what + ": location out of range");
    }
    if (vehicle.time_window.start < 0 || vehicle.time_window.start > vehicle.time_window.end) {
      return invalid(what + ": invalid time window");
    }
    if (!vehicle.capacity.is_non_negative() || !vehicle.initial_load.is_non_negative()) {
      return invalid(what + ": negative capacity or load");
    }
    for (const std::size_t j : vehicle.fixed_prefix) {
      if (j >= p.jobs.size() || owner[j] != no_index) {
        return invalid(what + ": fixed prefix names an unknown or repeated job");
      }
      owner[j] = v;
    }
  }
  return {};
}

// A job may go to a vehicle with its skills; a fixed job only to its vehicle; both halves of
// a shipment to the same vehicles.
void fill_compatibility(Problem& p) {
  const std::size_t vehicles = p.vehicles.size();
  p.compatibility.assign(p.jobs.size() * vehicles, 0);
  std::vector<std::size_t> owner(p.jobs.size(), no_index);
  for (std::size_t v = 0; v < vehicles; ++v) {
    for (const std::size_t j : p.vehicles[v].fixed_prefix) owner[j] = v;
  }
  for (std::size_t j = 0; j < p.jobs.size(); ++j) {
    for (std::size_t v = 0; v < vehicles; ++v) {
      const bool ok =
          has_skills(p.vehicles[v], p.jobs[j]) && (owner[j] == no_index || owner[j] == v);
      p.compatibility[j * vehicles + v] = ok ? 1 : 0;
    }
  }
  for (std::size_t j = 0; j < p.jobs.size(); ++j) {
    const std::size_t s = p.jobs[j].sibling;
    if (s == no_index) continue;
    for (std::size_t v = 0; v < vehicles; ++v) {
      const bool both =
          p.compatibility[j * vehicles + v] != 0 && p.compatibility[s * vehicles + v] != 0;
      p.compatibility[j * vehicles + v] = both ? 1 : 0;
    }
  }
}

void fill_penalties(Problem& p) {
  Cost max_cost = 0;
  for (std::size_t i = 0; i < p.costs.size(); ++i) {
    for (std::size_t j = 0; j < p.costs.size(); ++j) max_cost = std::max(max_cost, p.costs(i, j));
  }
  Cost max_fixed = 0;
  for (const auto& v : p.vehicles) max_fixed = std::max(max_fixed, v.fixed_cost);
  const Cost base = 4 * max_cost + max_fixed + 1;
  p.unassigned_penalty.resize(p.jobs.size());
  for (std::size_t j = 0; j < p.jobs.size(); ++j) {
    p.unassigned_penalty[j] = base * (1 + std::clamp(p.jobs[j].priority, 0, 100));
  }
}

}  // namespace

std::expected<Problem, Error> make_problem(Problem draft) {
  Problem p = std::move(draft);
  if (p.amount_dims == 0 || p.amount_dims > amount_dims_max) {
    return invalid(format_text("amounts need 1 to {} dimensions", amount_dims_max));
  }
  if (auto r = normalise_matrices(p); !r) return std::unexpected(r.error());
  for (std::size_t j = 0; j < p.jobs.size(); ++j) {
    if (auto r = validate_job(p, j); !r) return std::unexpected(r.error());
    auto r = normalise_windows(p.jobs[j].time_windows, format_text("job {}", p.jobs[j].id));
    if (!r) return std::unexpected(r.error());
  }
  if (auto r = validate_vehicles(p); !r) return std::unexpected(r.error());
  if (!p.coordinates.empty() && p.coordinates.size() != p.location_count) {
    return invalid("coordinates and matrix sizes differ");
  }
  add_virtual_location(p);
  fill_compatibility(p);
  fill_penalties(p);
  return p;
}

}  // namespace reskflow::optimize
