// Local search: each operator scans its neighbourhood, prices moves first and checks
// feasibility only for improving ones, and applies the first improving feasible move.
#include "local_search.h"

#include <algorithm>

#include "segment_move.h"

namespace reskflow::optimize {
namespace {

// One side of an inter-route move: replace positions a..b of route `route` by `segment`.
struct Side {
  std::size_t route;
  std::size_t a;
  std::size_t b;
  Segment segment;
};

class MoveFinder {
 public:
  MoveFinder(const Problem& p, SearchState& s, const std::vector<std::size_t>& classes)
      : p_(p), s_(s) {
    candidate_routes(p, s, classes, routes_);
  }

  bool relocate(std::size_t max_len, std::size_t min_len);
  bool exchange(std::size_t max_len);
  bool two_opt_star();
  bool intra_relocate();

 private:
  const RouteCache& route(std::size_t r) const { return s_.routes[r]; }
  Segment seg(std::size_t r, std::size_t first, std::size_t last) const {
    return Segment{&s_.routes[r], first, last};
  }
  // Applies the two sides when together they improve and both are feasible.
  bool try_pair(const Side& x, const Side& y);

  const Problem& p_;
  SearchState& s_;
  std::vector<std::size_t> routes_;
};

bool MoveFinder::try_pair(const Side& x, const Side& y) {
  const RouteCache& rx = route(x.route);
  const RouteCache& ry = route(y.route);
  const Cost delta = replacement_delta(p_, rx, x.a, x.b, x.segment) +
                     replacement_delta(p_, ry, y.a, y.b, y.segment);
  if (delta >= 0) return false;
  if (!replacement_feasible(p_, rx, x.a, x.b, x.segment) ||
      !replacement_feasible(p_, ry, y.a, y.b, y.segment)) {
    return false;
  }
  auto jobs_x = replaced_jobs(rx, x.a, x.b, x.segment);
  auto jobs_y = replaced_jobs(ry, y.a, y.b, y.segment);
  set_route_jobs(p_, s_, x.route, std::move(jobs_x));
  set_route_jobs(p_, s_, y.route, std::move(jobs_y));
  recompute_cost(p_, s_);
  return true;
}

// Moves a segment of min_len..max_len jobs of one route into another (relocate, or-opt).
bool MoveFinder::relocate(std::size_t max_len, std::size_t min_len) {
  for (const std::size_t from : routes_) {
    const std::size_t n_from = route(from).size();
    for (const std::size_t to : routes_) {
      if (to == from) continue;
      for (std::size_t len = min_len; len <= max_len; ++len) {
        for (std::size_t i = route(from).fixed + 1; i + len - 1 <= n_from; ++i) {
          const Segment moved = seg(from, i, i + len - 1);
          for (std::size_t j = route(to).fixed; j <= route(to).size(); ++j) {
            if (try_pair(Side{to, j + 1, j, moved}, Side{from, i, i + len - 1, Segment{}}))
              return true;
          }
        }
      }
    }
  }
  return false;
}

// Swaps segments of 1..max_len jobs between two routes (exchange, cross-exchange).
bool MoveFinder::exchange(std::size_t max_len) {
  for (std::size_t x = 0; x < routes_.size(); ++x) {
    for (std::size_t y = x + 1; y < routes_.size(); ++y) {
      const std::size_t r1 = routes_[x];
      const std::size_t r2 = routes_[y];
      for (std::size_t l1 = 1; l1 <= max_len; ++l1) {
        for (std::size_t l2 = 1; l2 <= max_len; ++l2) {
          if (max_len > 1 && l1 == 1 && l2 == 1) continue;  // plain exchange covers it
          for (std::size_t i = route(r1).fixed + 1; i + l1 - 1 <= route(r1).size(); ++i) {
            for (std::size_t j = route(r2).fixed + 1; j + l2 - 1 <= route(r2).size(); ++j) {
              const Side a{r1, i, i + l1 - 1, seg(r2, j, j + l2 - 1)};
              const Side b{r2, j, j + l2 - 1, seg(r1, i, i + l1 - 1)};
              if (try_pair(a, b)) return true;
            }
          }
        }
      }
    }
  }
  return false;
}

// Exchanges the tails of two routes after positions i and j.
bool MoveFinder::two_opt_star() {
  for (std::size_t x = 0; x < routes_.size(); ++x) {
    for (std::size_t y = x + 1; y < routes_.size(); ++y) {
      const std::size_t r1 = routes_[x];
      const std::size_t r2 = routes_[y];
      const std::size_t n1 = route(r1).size();
      const std::size_t n2 = route(r2).size();
      for (std::size_t i = route(r1).fixed; i <= n1; ++i) {
        for (std::size_t j = route(r2).fixed; j <= n2; ++j) {
          if (i == n1 && j == n2) continue;
          const Side a{r1, i + 1, n1, seg(r2, j + 1, n2)};
          const Side b{r2, j + 1, n2, seg(r1, i + 1, n1)};
          if (try_pair(a, b)) return true;
        }
      }
    }
  }
  return false;
}

bool MoveFinder::intra_relocate() {
  for (const std::size_t r : routes_) {
    const RouteCache& rc = route(r);
    const std::size_t n = rc.size();
    for (std::size_t i = rc.fixed + 1; i <= n; ++i) {
      const std::size_t x = rc.location[i];
      const Cost removal = p_.costs(rc.location[i - 1], rc.location[i + 1]) -
                           p_.costs(rc.location[i - 1], x) - p_.costs(x, rc.location[i + 1]);
      for (std::size_t j = rc.fixed; j <= n; ++j) {
        if (j == i || j + 1 == i) continue;
        const std::size_t a = rc.location[j];
        const std::size_t b = rc.location[j + 1];
        if (removal + p_.costs(a, x) + p_.costs(x, b) - p_.costs(a, b) >= 0) continue;
        std::vector<std::size_t> jobs = rc.jobs;
        const std::size_t job = jobs[i - 1];
        jobs.erase(jobs.begin() + static_cast<std::ptrdiff_t>(i - 1));
        const std::size_t at = j < i ? j : j - 1;
        jobs.insert(jobs.begin() + static_cast<std::ptrdiff_t>(at), job);
        if (!sequence_feasible(p_, rc.vehicle, jobs)) continue;
        set_route_jobs(p_, s_, r, std::move(jobs));
        recompute_cost(p_, s_);
        return true;
      }
    }
  }
  return false;
}

}  // namespace

bool improve_once(const Problem& problem, SearchState& state,
                  const std::vector<std::size_t>& classes, MoveKind kind) {
  MoveFinder finder(problem, state, classes);
  switch (kind) {
    case MoveKind::relocate: return finder.relocate(1, 1);
    case MoveKind::exchange: return finder.exchange(1);
    case MoveKind::or_opt: return finder.relocate(3, 2);
    case MoveKind::cross_exchange: return finder.exchange(3);
    case MoveKind::two_opt_star: return finder.two_opt_star();
    case MoveKind::intra_relocate: return finder.intra_relocate();
  }
  return false;
}

void local_search(const Problem& problem, SearchState& state,
                  const std::vector<std::size_t>& classes, std::size_t move_limit) {
  std::size_t moves = 0;
  bool improved = true;
  while (improved && moves < move_limit) {
    improved = false;
    for (const MoveKind kind : all_move_kinds) {
      while (moves < move_limit && improve_once(problem, state, classes, kind)) {
        ++moves;
        improved = true;
      }
    }
  }
}

}  // namespace reskflow::optimize
