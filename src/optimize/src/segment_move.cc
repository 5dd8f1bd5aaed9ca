// Segment replacement: prefix of r, then the segment, then suffix of r.
#include "segment_move.h"

namespace reskflow::optimize {

Cost replacement_delta(const Problem& p, const RouteCache& r, std::size_t a, std::size_t b,
                       const Segment& seg) {
  const std::size_t prev = r.location[a - 1];
  const std::size_t next = r.location[b + 1];
  const Cost old_cost = r.cum_cost[b + 1] - r.cum_cost[a - 1];
  Cost new_cost = 0;
  const std::size_t len = seg.length();
  if (len == 0) {
    new_cost = p.costs(prev, next);
  } else {
    const RouteCache& s = *seg.route;
    new_cost = p.costs(prev, s.location[seg.first]) + s.cum_cost[seg.last] - s.cum_cost[seg.first] +
               p.costs(s.location[seg.last], next);
  }
  const std::size_t old_size = r.size();
  const std::size_t new_size = old_size - (b + 1 - a) + len;
  const Cost fixed = p.vehicles[r.vehicle].fixed_cost;
  Cost delta = new_cost - old_cost;
  if (old_size > 0 && new_size == 0) delta -= fixed;
  if (old_size == 0 && new_size > 0) delta += fixed;
  return delta;
}

namespace {

bool capacity_ok(const Problem& p, const RouteCache& r, std::size_t a, std::size_t b,
                 const Segment& seg) {
  const Amount& cap = p.vehicles[r.vehicle].capacity;
  const Amount d_old = r.cum_delivery[b] - r.cum_delivery[a - 1];
  const Amount p_old = r.load[b] - r.load[a - 1] + d_old;
  Amount d_new;
  Amount p_new;
  Amount peak;  // highest load inside the segment, relative to its entry load
  if (seg.length() > 0) {
    const RouteCache& s = *seg.route;
    const Amount entry = s.load[seg.first - 1];
    d_new = s.cum_delivery[seg.last] - s.cum_delivery[seg.first - 1];
    p_new = s.load[seg.last] - entry + d_new;
    if (seg.last == s.size()) {
      peak = s.bwd_max[seg.first] - entry;
    } else {
      peak = s.load[seg.first] - entry;
      for (std::size_t k = seg.first + 1; k <= seg.last; ++k)
        peak = max_of(peak, s.load[k] - entry);
    }
  }
  const Amount shift = d_new - d_old;
  return (r.fwd_max[a - 1] + shift).fits_in(cap) && (r.load[a - 1] + shift + peak).fits_in(cap) &&
         (r.bwd_max[b + 1] - p_old + p_new).fits_in(cap);
}

bool same_end(const Problem& p, const RouteCache& x, const RouteCache& y) {
  const Vehicle& vx = p.vehicles[x.vehicle];
  const Vehicle& vy = p.vehicles[y.vehicle];
  return vx.end_index == vy.end_index && vx.time_window.end == vy.time_window.end;
}

bool times_ok(const Problem& p, const RouteCache& r, std::size_t a, std::size_t b,
              const Segment& seg) {
  Duration done = r.earliest[a - 1] + r.service[a - 1];
  std::size_t prev = r.location[a - 1];
  if (seg.length() > 0) {
    const RouteCache& s = *seg.route;
    // A suffix that keeps its route end: its cached latest starts still hold (O(1)).
    const bool suffix = seg.last == s.size() && b == r.size() && same_end(p, r, s);
    for (std::size_t k = seg.first; k <= seg.last; ++k) {
      const Job& job = p.jobs[s.jobs[k - 1]];
      const Duration start = earliest_start(job, done + p.durations(prev, s.location[k]));
      if (start > duration_max) return false;
      if (suffix) return start <= s.latest[k];
      done = start + job.service;
      prev = s.location[k];
    }
  }
  return done + p.durations(prev, r.location[b + 1]) <= r.latest[b + 1];
}

bool closed_segment(const RouteCache& r, std::size_t first, std::size_t last) {
  return first > last || (r.open[first - 1] == 0 && r.open[last] == 0);
}

}  // namespace

bool replacement_feasible(const Problem& p, const RouteCache& r, std::size_t a, std::size_t b,
                          const Segment& seg) {
  if (a <= r.fixed) return false;
  if (seg.length() > 0 && seg.first <= seg.route->fixed) return false;
  if (!closed_segment(r, a, b)) return false;
  if (seg.length() > 0 && !closed_segment(*seg.route, seg.first, seg.last)) return false;
  if (!capacity_ok(p, r, a, b, seg) || !times_ok(p, r, a, b, seg)) return false;
  for (std::size_t k = seg.first; k <= seg.last && seg.length() > 0; ++k) {
    if (!p.compatible(seg.route->jobs[k - 1], r.vehicle)) return false;
  }
  return true;
}

std::vector<std::size_t> replaced_jobs(const RouteCache& r, std::size_t a, std::size_t b,
                                       const Segment& seg) {
  std::vector<std::size_t> out(r.jobs.begin(), r.jobs.begin() + static_cast<std::ptrdiff_t>(a - 1));
  for (std::size_t k = seg.first; k <= seg.last && seg.length() > 0; ++k) {
    out.push_back(seg.route->jobs[k - 1]);
  }
  out.insert(out.end(), r.jobs.begin() + static_cast<std::ptrdiff_t>(b), r.jobs.end());
  return out;
}

}  // namespace reskflow::optimize
