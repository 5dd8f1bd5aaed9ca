// The dispatcher at city scale (issue 14, requirement 4): one round over 2,000 waiting
// deliveries and 5,000 couriers (target < 200 ms), and the dispatch quality on seeded
// synthetic cities, hours of orders played through the dispatcher and through the
// nearest-available-courier rule: courier distance, mean delivery time and on-time rate. One city
// is short of couriers who carry several orders (batching pays); the other is the simulator's
// day (docs/simulator.md): more couriers than orders in flight, each carrying one.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <deque>
#include <map>
#include <numbers>
#include <random>

#include "dispatch.h"
#include "fake_drivers.h"

namespace reskflow::deliveries {
namespace {

using drivers::testing::FakeDrivers;
using modules::geo::Point;

constexpr Point paris{48.8566, 2.3522};
constexpr double metres_per_deg = 111'195.0;
constexpr std::int64_t second_us = 1'000'000;
constexpr std::int64_t start_us = 1'796'025'600'000'000;  // a Tuesday, 11:00 UTC

Point random_point(std::mt19937_64& random, double radius_m) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const double r = radius_m * std::sqrt(unit(random));
  const double theta = 2 * std::numbers::pi * unit(random);
  return {paris.lat + r * std::sin(theta) / metres_per_deg,
          paris.lng + r * std::cos(theta) /
                          (metres_per_deg * std::cos(paris.lat * std::numbers::pi / 180))};
}

constexpr std::array vehicles{drivers::Vehicle::bike, drivers::Vehicle::scooter,
                              drivers::Vehicle::car};

drivers::OnlineDriver courier_at(std::string id, Point at, std::mt19937_64& random) {
  static constexpr std::array capacities{2, 3, 4};
  const auto kind = std::uniform_int_distribution<std::size_t>(0, 2)(random);
  return {std::move(id), vehicles[kind], capacities[kind], kind != 0, {at, start_us, 10, 0, 0}};
}

// ---- One round ----

struct Round {
  FakeDrivers drivers;
  std::vector<Courier> couriers;
  std::vector<WaitingDelivery> waiting;
};

// `busy_permille` of the couriers carry one order already (their pickup done, a drop-off to
// make), so batching is priced for them.
Round& city_round(std::int64_t busy_permille) {
  static std::map<std::int64_t, std::unique_ptr<Round>> rounds;
  auto& slot = rounds[busy_permille];
  if (slot) return *slot;
  slot = std::make_unique<Round>();
  std::mt19937_64 random(20261206);
  for (int i = 0; i < 5'000; ++i) {
    auto d = courier_at("courier-" + std::to_string(i), random_point(random, 10'000), random);
    slot->drivers.put(d);
    Courier c{d, {}, 0, {}, {}};
    if (std::uniform_int_distribution<std::int64_t>(0, 999)(random) < busy_permille) {
      c.committed.push_back({"carried-" + std::to_string(i), false, random_point(random, 10'000)});
      c.on_board_or_assigned = 1;
    }
    slot->couriers.push_back(std::move(c));
  }
  std::uniform_int_distribution<std::int64_t> prep_s(0, 900);
  for (int i = 0; i < 2'000; ++i) {
    const auto ready = start_us + prep_s(random) * second_us;
    slot->waiting.push_back({"delivery-" + std::to_string(i),
                             random_point(random, 10'000),
                             random_point(random, 10'000),
                             ready,
                             ready + 1'800 * second_us,
                             i % 20 == 0,
                             {}});
  }
  return *slot;
}

void BM_DispatchRound(benchmark::State& state) {
  auto& round = city_round(state.range(0));
  std::size_t offers = 0;
  std::size_t batched = 0;
  for (auto _ : state) {
    auto planned = plan_dispatch(start_us, round.waiting, round.couriers, round.drivers, {});
    offers = planned.size();
    batched = static_cast<std::size_t>(
        std::ranges::count_if(planned, [](const Proposal& p) { return p.batched; }));
    benchmark::DoNotOptimize(planned);
  }
  state.counters["deliveries"] = static_cast<double>(round.waiting.size());
  state.counters["couriers"] = static_cast<double>(round.couriers.size());
  state.counters["offers"] = static_cast<double>(offers);
  state.counters["batched"] = static_cast<double>(batched);
}
// Arg: couriers already carrying an order, per mille.
BENCHMARK(BM_DispatchRound)->Arg(0)->Arg(200)->Unit(benchmark::kMillisecond)->Iterations(5);

// ---- Quality on a synthetic city ----

struct Order {
  std::string id;
  Point pickup;
  Point dropoff;
  std::int64_t placed_us = 0;
  std::int64_t ready_us = 0;
  std::int64_t due_us = 0;
  std::int64_t picked_up_us = -1;
  std::int64_t delivered_us = -1;
};

// A courier of the simulation: where they are, when they are free to move on, and the stops
// still ahead of them in order.
struct SimCourier {
  drivers::OnlineDriver driver;
  std::int64_t clock_us = start_us;
  std::vector<CommittedStop> stops;
  double travelled_m = 0;
};

struct Outcome {
  double courier_km = 0;
  double mean_delivery_min = 0;
  double on_time = 0;
  std::size_t delivered = 0;
};

struct City {
  std::vector<Point> merchants;
  std::vector<Order> orders;  // by time placed
  std::vector<drivers::OnlineDriver> couriers;
};

// Three hours of lunch-time orders at 40 merchants, 150 couriers, 8 km across.
City synthetic_city(std::uint64_t seed) {
  City city;
  std::mt19937_64 random(seed);
  for (int i = 0; i < 40; ++i) city.merchants.push_back(random_point(random, 3'000));
  for (int i = 0; i < 150; ++i)
    city.couriers.push_back(
        courier_at("courier-" + std::to_string(i), random_point(random, 4'000), random));
  std::exponential_distribution<double> gap_s(400.0 / 3'600);  // 400 orders an hour
  std::uniform_int_distribution<std::size_t> merchant(0, city.merchants.size() - 1);
  std::uniform_int_distribution<std::int64_t> prep_s(5 * 60, 15 * 60);
  double t_s = 0;
  while (t_s < 3 * 3'600) {
    t_s += gap_s(random);
    const auto placed = start_us + static_cast<std::int64_t>(t_s * 1e6);
    const auto ready = placed + prep_s(random) * second_us;
    city.orders.push_back({"order-" + std::to_string(city.orders.size()),
                           city.merchants[merchant(random)], random_point(random, 4'000), placed,
                           ready, ready + 30 * 60 * second_us});
  }
  return city;
}

// The simulator's day scaled as bench/simulate_dispatch.sh plays it (scenarios/peak-hour.json
// x 0.02): 700 couriers, each carrying one order at a time (bikes 45 %, scooters 35 %, cars
// 20 %), 40 merchants, homes in a 12 km disc ordering from the merchant nearest them, about
// 1,700 orders an hour for an hour, each ready a minute after it is placed: the server sees
// the merchant's prep time in its own, uncompressed minutes (at least one), and the simulated
// couriers never wait at the counter.
City simulator_day(std::uint64_t seed) {
  City city;
  std::mt19937_64 random(seed);
  for (int i = 0; i < 40; ++i) city.merchants.push_back(random_point(random, 12'000));
  std::discrete_distribution<std::size_t> vehicle({45, 35, 20});
  for (int i = 0; i < 700; ++i)
    city.couriers.push_back({"courier-" + std::to_string(i),
                             vehicles.at(vehicle(random)),
                             1,
                             false,
                             {random_point(random, 12'000), start_us, 10, 0, 0}});
  std::exponential_distribution<double> gap_s(1'700.0 / 3'600);
  double t_s = 0;
  while (t_s < 3'600) {
    t_s += gap_s(random);
    const auto home = random_point(random, 12'000);
    const auto merchant = std::ranges::min(
        city.merchants, {}, [&](const Point& m) { return modules::geo::distance_m(m, home); });
    const auto placed = start_us + static_cast<std::int64_t>(t_s * 1e6);
    const auto ready = placed + 60 * second_us;
    city.orders.push_back({"order-" + std::to_string(city.orders.size()), merchant, home, placed,
                           ready, ready + 30 * 60 * second_us});
  }
  return city;
}

// Moves a courier along their stops up to `until_us`: a pickup waits for the order to be ready.
// A leg not finished by then is left to the next round, counted from where the courier last
// stopped (so a busy courier is planned from a point behind them, never from one ahead).
void advance(SimCourier& c, std::map<std::string, Order*>& by_id, const FakeDrivers& travel,
             std::int64_t until_us) {
  while (!c.stops.empty()) {
    const auto stop = c.stops.front();
    auto& order = *by_id.at(stop.delivery_id);
    const auto leg_s =
        travel.travel_seconds(c.driver.position.point, stop.point, c.driver.vehicle, c.clock_us);
    auto arrival = c.clock_us + static_cast<std::int64_t>(leg_s * 1e6);
    if (stop.pickup) arrival = std::max(arrival, order.ready_us);
    if (arrival > until_us) return;
    (stop.pickup ? order.picked_up_us : order.delivered_us) = arrival;
    c.travelled_m += travel.road_distance_m(c.driver.position.point, stop.point);
    c.driver.position.point = stop.point;
    c.clock_us = arrival;
    c.stops.erase(c.stops.begin());
  }
  c.clock_us = std::max(c.clock_us, until_us);  // idle: waits where they are
}

// Plays the city through a round every `round_s`. `dispatcher` true: plan_dispatch (batching
// onto busy couriers' routes); false: each waiting order takes the nearest idle courier.
Outcome play(City city, bool dispatcher, std::int64_t round_s = 30) {
  const std::int64_t round_us = round_s * second_us;
  FakeDrivers travel;
  std::vector<SimCourier> couriers;
  for (const auto& d : city.couriers) {
    travel.put(d);
    couriers.push_back({d});
  }
  std::map<std::string, Order*> by_id;
  for (auto& o : city.orders) by_id[o.id] = &o;
  std::deque<Order*> waiting;
  std::size_t next = 0;
  const auto end_us = city.orders.back().placed_us + 3 * 3'600 * second_us;
  for (auto now = start_us; now < end_us; now += round_us) {
    for (auto& c : couriers) {
      advance(c, by_id, travel, now);
      travel.put(c.driver);
    }
    while (next < city.orders.size() && city.orders[next].placed_us <= now)
      waiting.push_back(&city.orders[next++]);
    if (waiting.empty()) continue;
    std::vector<WaitingDelivery> asked;
    for (const auto* o : waiting)
      asked.push_back({o->id, o->pickup, o->dropoff, o->ready_us, o->due_us, false, {}});
    std::vector<Courier> free;
    std::map<std::string, std::size_t> sim_of;
    for (std::size_t i = 0; i < couriers.size(); ++i) {
      auto& c = couriers[i];
      std::int64_t load = 0;  // orders assigned and not delivered: one drop-off each
      for (const auto& s : c.stops) load += s.pickup ? 0 : 1;
      if (!dispatcher && !c.stops.empty()) continue;  // the baseline never batches
      free.push_back({c.driver, c.stops, load, {}, {}});
      sim_of[c.driver.driver_id] = i;
    }
    const auto planned =
        dispatcher ? plan_dispatch(now, asked, free, travel, {}) : plan_nearest_first(asked, free);
    for (const auto& p : planned) {
      auto& c = couriers[sim_of.at(p.driver_id)];
      const auto& d = *std::ranges::find(asked, p.delivery_id, &WaitingDelivery::id);
      const Courier as_planned{c.driver, c.stops, 0, {}, {}};
      if (p.batched) {
        c.stops = plan_batch(now, d, as_planned, travel)->stops;
      } else {
        c.stops.push_back({d.id, true, d.pickup});
        c.stops.push_back({d.id, false, d.dropoff});
      }
      std::erase_if(waiting, [&](const Order* o) { return o->id == p.delivery_id; });
    }
  }
  Outcome out;
  double minutes = 0;
  std::size_t on_time = 0;
  for (const auto& c : couriers) out.courier_km += c.travelled_m / 1'000;
  for (const auto& o : city.orders) {
    if (o.delivered_us < 0) continue;
    ++out.delivered;
    minutes += static_cast<double>(o.delivered_us - o.placed_us) / 60e6;
    on_time += o.delivered_us <= o.due_us ? 1 : 0;
  }
  out.mean_delivery_min = minutes / static_cast<double>(std::max<std::size_t>(1, out.delivered));
  // An order never delivered (left waiting when the simulation ends) counts as late.
  out.on_time = static_cast<double>(on_time) /
                static_cast<double>(std::max<std::size_t>(1, city.orders.size()));
  return out;
}

void report_quality(benchmark::State& state, const City& city, std::int64_t round_s) {
  Outcome dispatched;
  Outcome nearest;
  for (auto _ : state) {
    dispatched = play(city, true, round_s);
    nearest = play(city, false, round_s);
  }
  state.counters["orders"] = static_cast<double>(city.orders.size());
  state.counters["delivered"] = static_cast<double>(dispatched.delivered);
  state.counters["delivered_nearest"] = static_cast<double>(nearest.delivered);
  state.counters["courier_km"] = dispatched.courier_km;
  state.counters["courier_km_nearest"] = nearest.courier_km;
  state.counters["km_saved_pct"] = 100 * (1 - dispatched.courier_km / nearest.courier_km);
  state.counters["mean_min"] = dispatched.mean_delivery_min;
  state.counters["mean_min_nearest"] = nearest.mean_delivery_min;
  state.counters["on_time_pct"] = 100 * dispatched.on_time;
  state.counters["on_time_pct_nearest"] = 100 * nearest.on_time;
}

void BM_DispatchQuality(benchmark::State& state) {
  report_quality(state, synthetic_city(static_cast<std::uint64_t>(state.range(0))), 30);
}
// Arg: the city's seed.
BENCHMARK(BM_DispatchQuality)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kSecond)->Iterations(1);

// A round every 20 s, as the simulator's day gets them (a round a second at 20 times the speed).
void BM_DispatchQualitySimulatorDay(benchmark::State& state) {
  report_quality(state, simulator_day(static_cast<std::uint64_t>(state.range(0))), 20);
}
// Arg: the city's seed.
BENCHMARK(BM_DispatchQualitySimulatorDay)
    ->Arg(1)
    ->Arg(2)
    ->Arg(3)
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

}  // namespace
}  // namespace reskflow::deliveries
