// Insertion evaluation: forward earliest starts and backward latest starts make each
// position an O(1) check; shipments scan delivery positions after each pickup position.
#include "insertion.h"

#include <algorithm>

namespace reskflow::optimize {

void best_single_insertion(const Problem& p, const RouteCache& r, std::size_t route_id,
                           std::size_t j, Insertion& best, const Blink& blink) {
  const Job& job = p.jobs[j];
  const Vehicle& vehicle = p.vehicles[r.vehicle];
  const std::size_t n = r.size();
  const Cost fixed = n == 0 ? vehicle.fixed_cost : 0;
  const std::size_t lj = job.location;
  const Duration last_end = job.time_windows.back().end;
  for (std::size_t pos = r.fixed; pos <= n; ++pos) {
    if (r.earliest[pos] > last_end) break;  // later positions only arrive later
    const std::size_t a = r.location[pos];
    const std::size_t b = r.location[pos + 1];
    const Cost delta = p.costs(a, lj) + p.costs(lj, b) - p.costs(a, b) + fixed;
    if (delta >= best.delta) continue;
    if (!(r.fwd_max[pos] + job.delivery).fits_in(vehicle.capacity) ||
        !(r.bwd_max[pos] + job.pickup).fits_in(vehicle.capacity)) {
      continue;
    }
    const Duration start =
        earliest_start(job, r.earliest[pos] + r.service[pos] + p.durations(a, lj));
    if (start > duration_max) continue;
    if (start + job.service + p.durations(lj, b) > r.latest[pos + 1]) continue;
    if (blink.skip()) continue;
    best = Insertion{delta, route_id, pos, pos};
  }
}

namespace {

// Tries every delivery position after a pickup placed right after position pos.
void scan_deliveries(const Problem& p, const RouteCache& r, std::size_t route_id,
                     std::size_t pickup, std::size_t pos, Duration pickup_done, Cost fixed,
                     Insertion& best, const Blink& blink) {
  const Job& pj = p.jobs[pickup];
  const Job& dj = p.jobs[pj.sibling];
  const Vehicle& vehicle = p.vehicles[r.vehicle];
  const std::size_t n = r.size();
  const std::size_t lp = pj.location;
  const std::size_t ld = dj.location;
  const std::size_t a = r.location[pos];
  const std::size_t b = r.location[pos + 1];
  {  // delivery right after the pickup
    const Cost delta = p.costs(a, lp) + p.costs(lp, ld) + p.costs(ld, b) - p.costs(a, b) + fixed;
    const Duration sd = earliest_start(dj, pickup_done + p.durations(lp, ld));
    if (delta < best.delta && sd <= duration_max &&
        sd + dj.service + p.durations(ld, b) <= r.latest[pos + 1] && !blink.skip()) {
      best = Insertion{delta, route_id, pos, pos};
    }
  }
  const Cost pickup_delta = p.costs(a, lp) + p.costs(lp, b) - p.costs(a, b) + fixed;
  Duration done = pickup_done;
  std::size_t prev = lp;
  Amount peak = r.load[pos];
  for (std::size_t k = pos + 1; k <= n; ++k) {
    const Duration start =
        earliest_start(p.jobs[r.jobs[k - 1]], done + p.durations(prev, r.location[k]));
    if (start > r.latest[k]) break;
    peak = max_of(peak, r.load[k]);
    if (!(peak + pj.pickup).fits_in(vehicle.capacity)) break;
    done = start + r.service[k];
    prev = r.location[k];
    const std::size_t next = r.location[k + 1];
    const Cost delta = pickup_delta + p.costs(prev, ld) + p.costs(ld, next) - p.costs(prev, next);
    if (delta >= best.delta) continue;
    const Duration sd = earliest_start(dj, done + p.durations(prev, ld));
    if (sd > duration_max || sd + dj.service + p.durations(ld, next) > r.latest[k + 1]) continue;
    if (blink.skip()) continue;
    best = Insertion{delta, route_id, pos, k};
  }
}

}  // namespace

void best_pair_insertion(const Problem& p, const RouteCache& r, std::size_t route_id,
                         std::size_t pickup, Insertion& best, const Blink& blink) {
  const Job& pj = p.jobs[pickup];
  const Vehicle& vehicle = p.vehicles[r.vehicle];
  const std::size_t n = r.size();
  const Cost fixed = n == 0 ? vehicle.fixed_cost : 0;
  const Duration last_end = pj.time_windows.back().end;
  for (std::size_t pos = r.fixed; pos <= n; ++pos) {
    if (r.earliest[pos] > last_end) break;
    if (!(r.load[pos] + pj.pickup).fits_in(vehicle.capacity)) continue;
    const Duration start = earliest_start(
        pj, r.earliest[pos] + r.service[pos] + p.durations(r.location[pos], pj.location));
    if (start > duration_max) continue;
    scan_deliveries(p, r, route_id, pickup, pos, start + pj.service, fixed, best, blink);
  }
}

void best_insertion(const Problem& p, const RouteCache& r, std::size_t route_id, std::size_t unit,
                    Insertion& best, const Blink& blink) {
  if (p.jobs[unit].type == JobType::pickup) {
    best_pair_insertion(p, r, route_id, unit, best, blink);
  } else {
    best_single_insertion(p, r, route_id, unit, best, blink);
  }
}

void apply_insertion(const Problem& p, RouteCache& r, std::size_t unit, const Insertion& ins) {
  const auto at = [&](std::size_t pos) {
    return r.jobs.begin() + static_cast<std::ptrdiff_t>(pos);
  };
  if (p.jobs[unit].type == JobType::pickup) {
    r.jobs.insert(at(ins.pos2), p.jobs[unit].sibling);
  }
  r.jobs.insert(at(ins.pos), unit);
  refresh_route(p, r);
}

}  // namespace reskflow::optimize
