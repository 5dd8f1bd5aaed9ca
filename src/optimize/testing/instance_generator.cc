// Seeded Solomon- and Li & Lim-style instances. Each customer gets a service start time that a
// route serving it alone reaches, then a window that contains that time, so every instance is
// feasible by construction whatever the seed.
#include "instance_generator.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <numeric>
#include <vector>

#include "rng.h"

namespace reskflow::optimize::testing {
namespace {

struct ClassShape {
  std::int64_t depot_x;
  std::int64_t depot_y;
  std::int64_t horizon;
  std::int64_t service;
  std::int64_t capacity;
  std::int64_t demand_max;  // demands are 1..demand_max (clustered: multiples of 10)
};

// Solomon's horizons, service times, capacities and depots per class and series.
ClassShape shape_of(const InstanceSpec& spec) {
  const bool long_horizon = spec.series == Series::long_horizon;
  switch (spec.layout) {
    case Layout::clustered:
      return {40, 50, long_horizon ? 3390 : 1236, 90, long_horizon ? 700 : 200, 40};
    case Layout::random:
      return {35, 35, long_horizon ? 1000 : 230, 10, long_horizon ? 1000 : 200, 40};
    case Layout::mixed:
      return {40, 50, long_horizon ? 960 : 240, 10, long_horizon ? 1000 : 200, 40};
  }
  return {};
}

struct Site {
  std::int64_t x = 0;
  std::int64_t y = 0;
};

// Travel time between two sites in whole units, rounded up like the readers round it.
std::int64_t travel(Site a, Site b) {
  return static_cast<std::int64_t>(
      std::ceil(std::hypot(static_cast<double>(a.x - b.x), static_cast<double>(a.y - b.y))));
}

std::int64_t rounded(double value) { return static_cast<std::int64_t>(std::llround(value)); }

std::int64_t between(Rng& rng, std::int64_t low, std::int64_t high) {
  return low + static_cast<std::int64_t>(rng.below(static_cast<std::size_t>(high - low + 1)));
}

// Customer sites: uniform, around cluster centres (roughly normal, sd 5), or half of each.
class SitePicker {
 public:
  SitePicker(Rng& rng, Layout layout, std::size_t customers) : rng_(rng), layout_(layout) {
    const std::size_t clusters = std::max<std::size_t>(2, customers / 12);
    for (std::size_t c = 0; c < clusters; ++c)
      centres_.push_back({between(rng, 15, 85), between(rng, 15, 85)});
  }

  Site next() {
    const bool clustered =
        layout_ == Layout::clustered || (layout_ == Layout::mixed && (count_++ % 2) == 0);
    if (!clustered) return {between(rng_, 0, 100), between(rng_, 0, 100)};
    const Site centre = centres_[rng_.below(centres_.size())];
    return {std::clamp<std::int64_t>(centre.x + offset(), 0, 100),
            std::clamp<std::int64_t>(centre.y + offset(), 0, 100)};
  }

 private:
  std::int64_t offset() { return rounded((rng_.unit() + rng_.unit() + rng_.unit() - 1.5) * 10.0); }

  Rng& rng_;
  Layout layout_;
  std::vector<Site> centres_;
  std::size_t count_ = 0;
};

struct Window {
  std::int64_t ready = 0;
  std::int64_t due = 0;
};

// A window that contains `start` and ends by `latest`: the whole [0, latest] for the share of
// customers without a tight window, else 5-25 % (series 1) or 10-50 % (series 2) of the horizon.
Window window_around(Rng& rng, const InstanceSpec& spec, std::int64_t horizon, std::int64_t start,
                     std::int64_t latest) {
  if (!rng.chance(spec.windowed_share)) return {0, latest};
  const double low = spec.series == Series::long_horizon ? 0.10 : 0.05;
  const double width = static_cast<double>(horizon) * (low + rng.unit() * 4.0 * low);
  const std::int64_t before = rounded(rng.unit() * width);
  const std::int64_t ready = std::max<std::int64_t>(0, start - before);
  return {ready, std::min(latest, ready + rounded(width))};
}

// One line of numbers, the way both formats write them.
std::string row(std::initializer_list<std::int64_t> values, char separator) {
  std::string line;
  for (const std::int64_t v : values) {
    if (!line.empty()) line += separator;
    line += std::to_string(v);
  }
  return line + '\n';
}

std::int64_t demand_of(Rng& rng, Layout layout, std::int64_t demand_max) {
  if (layout == Layout::clustered) return 10 * between(rng, 1, demand_max / 10);
  return between(rng, 1, demand_max);
}

}  // namespace

std::string instance_name(const InstanceSpec& spec) {
  const char* letters = spec.layout == Layout::clustered ? "C"
                        : spec.layout == Layout::random  ? "R"
                                                         : "RC";
  return letters + std::to_string(static_cast<int>(spec.series)) + "-s" + std::to_string(spec.seed);
}

std::string generate_solomon(const InstanceSpec& spec) {
  Rng rng(spec.seed);
  const ClassShape shape = shape_of(spec);
  const Site depot{shape.depot_x, shape.depot_y};
  SitePicker sites(rng, spec.layout, spec.customers);
  std::string text = instance_name(spec) + "\n\nVEHICLE\nNUMBER     CAPACITY\n";
  text += row({static_cast<std::int64_t>(spec.customers), shape.capacity}, ' ');
  text +=
      "\nCUSTOMER\nCUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   "
      "TIME\n\n";
  text += row({0, depot.x, depot.y, 0, 0, shape.horizon, 0}, ' ');
  for (std::size_t i = 1; i <= spec.customers; ++i) {
    const Site site = sites.next();
    const std::int64_t leg = travel(depot, site);
    const std::int64_t latest = shape.horizon - shape.service - leg;  // >= leg on the grid
    const std::int64_t start = between(rng, leg, latest);
    const Window w = window_around(rng, spec, shape.horizon, start, latest);
    const std::int64_t demand = demand_of(rng, spec.layout, shape.demand_max);
    text += row(
        {static_cast<std::int64_t>(i), site.x, site.y, demand, w.ready, w.due, shape.service}, ' ');
  }
  return text;
}

namespace {

struct PairRows {
  Site pickup_site;
  Site delivery_site;
  std::int64_t demand = 0;
  Window pickup;
  Window delivery;
};

// A pair that a vehicle serving only it reaches in time: the pickup at `at_pickup`, the
// delivery after it with some slack, and back at the depot by the horizon.
PairRows make_pair(Rng& rng, const InstanceSpec& spec, const ClassShape& shape, Site depot,
                   SitePicker& sites) {
  for (;;) {
    PairRows pair;
    pair.pickup_site = sites.next();
    pair.delivery_site = sites.next();
    const std::int64_t to_pickup = travel(depot, pair.pickup_site);
    const std::int64_t across = travel(pair.pickup_site, pair.delivery_site);
    const std::int64_t home = travel(pair.delivery_site, depot);
    const std::int64_t pickup_latest = shape.horizon - 2 * shape.service - across - home;
    if (pickup_latest < to_pickup) continue;  // too far apart for the horizon: draw again
    const std::int64_t at_pickup = between(rng, to_pickup, pickup_latest);
    const std::int64_t delivery_latest = shape.horizon - shape.service - home;
    const std::int64_t earliest = at_pickup + shape.service + across;
    const std::int64_t at_delivery =
        between(rng, earliest, std::min(delivery_latest, earliest + shape.horizon / 10));
    pair.demand = demand_of(rng, Layout::clustered, shape.demand_max);
    pair.pickup = window_around(rng, spec, shape.horizon, at_pickup, pickup_latest);
    pair.delivery = window_around(rng, spec, shape.horizon, at_delivery, delivery_latest);
    return pair;
  }
}

}  // namespace

std::string generate_lilim(const InstanceSpec& spec) {
  Rng rng(spec.seed);
  const ClassShape shape = shape_of(spec);
  const Site depot{shape.depot_x, shape.depot_y};
  SitePicker sites(rng, spec.layout, spec.customers);
  const std::size_t pairs = spec.customers / 2;
  std::vector<PairRows> rows;
  for (std::size_t k = 0; k < pairs; ++k) rows.push_back(make_pair(rng, spec, shape, depot, sites));
  // Node ids 1..2n in a shuffled order: pickups and deliveries interleave as in Li & Lim's files.
  std::vector<std::size_t> id(2 * pairs);
  std::iota(id.begin(), id.end(), 1);
  for (std::size_t i = id.size(); i > 1; --i) std::swap(id[i - 1], id[rng.below(i)]);
  std::vector<std::string> lines(2 * pairs + 1);
  lines[0] = row({0, depot.x, depot.y, 0, 0, shape.horizon, 0, 0, 0}, '\t');
  for (std::size_t k = 0; k < pairs; ++k) {
    const PairRows& r = rows[k];
    const auto p = static_cast<std::int64_t>(id[2 * k]);
    const auto d = static_cast<std::int64_t>(id[2 * k + 1]);
    lines[id[2 * k]] = row({p, r.pickup_site.x, r.pickup_site.y, r.demand, r.pickup.ready,
                            r.pickup.due, shape.service, 0, d},
                           '\t');
    lines[id[2 * k + 1]] = row({d, r.delivery_site.x, r.delivery_site.y, -r.demand,
                                r.delivery.ready, r.delivery.due, shape.service, p, 0},
                               '\t');
  }
  std::string text = row({static_cast<std::int64_t>(pairs), shape.capacity, 1}, '\t');
  for (const std::string& line : lines) text += line;
  return text;
}

}  // namespace reskflow::optimize::testing
