// The one primitive behind the inter-route operators: replace positions [a, b] of a route by
// a segment of another route, priced and checked from both routes' caches.
#pragma once

#include "reskflow/optimize/problem.h"
#include "route_cache.h"

namespace reskflow::optimize {

// Positions first..last of `route` (1-based); empty when first > last.
struct Segment {
  const RouteCache* route = nullptr;
  std::size_t first = 1;
  std::size_t last = 0;
  [[nodiscard]] std::size_t length() const { return last >= first ? last - first + 1 : 0; }
};

// Cost change of replacing positions a..b of r (b = a - 1: pure insertion after a - 1).
Cost replacement_delta(const Problem& problem, const RouteCache& r, std::size_t a, std::size_t b,
                       const Segment& segment);

// Windows, capacity, skills, fixed prefix and shipment integrity of the replacement.
bool replacement_feasible(const Problem& problem, const RouteCache& r, std::size_t a, std::size_t b,
                          const Segment& segment);

// The job list after the replacement.
std::vector<std::size_t> replaced_jobs(const RouteCache& r, std::size_t a, std::size_t b,
                                       const Segment& segment);

}  // namespace reskflow::optimize
