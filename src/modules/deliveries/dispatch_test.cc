// The dispatch decision on constructed cities with known answers: assignment against
// nearest-first, riding priced by distance whatever the vehicle, batching after committed stops,
// cold chain, lateness at the door, deferring a delivery that is not urgent, and couriers whose
// record (quality's scores) is poor, weighed by how much of it there is.
#include "dispatch.h"

#include <gtest/gtest.h>

#include "fake_drivers.h"

namespace reskflow::deliveries {
namespace {

using drivers::testing::FakeDrivers;

constexpr std::int64_t now_us = 1'795'857'000'000'000;
constexpr std::int64_t second_us = 1'000'000;
constexpr std::int64_t minute_us = 60 * second_us;
constexpr std::int64_t hour_us = 60 * minute_us;

// A point `km` east of a centre in Paris (a degree of longitude there is about 73.2 km).
modules::geo::Point east(double km) { return {48.85, 2.35 + km / 73.2}; }

// Ready 10 minutes ago (urgent enough to be offered at once), due within the hour.
WaitingDelivery waiting(std::string id, double pickup_km, double dropoff_km, bool cold = false) {
  return {std::move(id),
          east(pickup_km),
          east(dropoff_km),
          now_us - 10 * minute_us,
          now_us + hour_us,
          cold,
          {}};
}

Courier courier(FakeDrivers& drivers, std::string id, double km, bool cold = false,
                std::int64_t capacity = 1, drivers::Vehicle vehicle = drivers::Vehicle::bike) {
  drivers::OnlineDriver d{std::move(id), vehicle, capacity, cold, {east(km), now_us, 5, 0, 0}};
  drivers.put(d);
  return {d, {}, 0, {}, {}};
}

// `count` couriers from the pickup eastwards, `spacing_km` apart, each carrying all they can.
std::vector<Courier> full_couriers(FakeDrivers& drivers, int count, double spacing_km) {
  std::vector<Courier> out;
  for (int i = 0; i < count; ++i) {
    out.push_back(courier(drivers, "full-" + std::to_string(i), spacing_km * i));
    out.back().on_board_or_assigned = 1;
  }
  return out;
}

std::map<std::string, std::string> by_delivery(const std::vector<Proposal>& proposals) {
  std::map<std::string, std::string> out;
  for (const auto& p : proposals) out[p.delivery_id] = p.driver_id;
  return out;
}

TEST(Dispatch, MinCostAssignmentBeatsNearestFirst) {
  FakeDrivers drivers;
  // A at 0 km and B at 2 km; X between them at 0.9 km, Y behind A at -1 km. Nearest-first gives
  // A the nearest courier X and leaves Y 3 km from B; the assignment sends Y to A and X to B.
  const std::vector<Courier> couriers{courier(drivers, "x", 0.9), courier(drivers, "y", -1.0)};
  const std::vector<WaitingDelivery> orders{waiting("a", 0, 1), waiting("b", 2, 3)};
  const auto nearest = by_delivery(plan_nearest_first(orders, couriers));
  EXPECT_EQ(nearest, (std::map<std::string, std::string>{{"a", "x"}, {"b", "y"}}));
  const auto planned = plan_dispatch(now_us, orders, couriers, drivers, {});
  EXPECT_EQ(by_delivery(planned), (std::map<std::string, std::string>{{"a", "y"}, {"b", "x"}}));
  double eta_sum = 0;
  for (const auto& p : planned) eta_sum += p.pickup_eta_s;
  // 1.0 + 1.1 km against 0.9 + 3.0 km of empty riding, by bike at 4 m/s on 1.3x the crow's path.
  EXPECT_NEAR(eta_sum, 2.1 * 1300 / 4, 5);
}

// The simulator's day (docs/simulator.md, "Dispatch quality"): with the riding priced on each
// courier's own clock, a car 1.5 km away cost less than a bike 0.5 km away (975 s against
// 1,300 s: it rides the 3 km to the door in half the time), and the dispatcher rode more
// than nearest-available. Both now ride their metres at the same price: the bike, 1.3 road km
// less, costs 1,174 s against the car's 1,544 s.
TEST(Dispatch, PricesTheRidingByItsDistanceWhateverTheVehicle) {
  FakeDrivers drivers;
  const std::vector<Courier> couriers{
      courier(drivers, "car", -1.5, false, 1, drivers::Vehicle::car),
      courier(drivers, "bike", 0.5)};
  const std::vector<WaitingDelivery> orders{waiting("a", 0, 3)};
  const auto planned = plan_dispatch(now_us, orders, couriers, drivers, {});
  EXPECT_EQ(by_delivery(planned), (std::map<std::string, std::string>{{"a", "bike"}}));
  EXPECT_EQ(by_delivery(plan_nearest_first(orders, couriers)), by_delivery(planned));
  ASSERT_EQ(planned.size(), 1U);
  EXPECT_NEAR(planned[0].pickup_eta_s, 0.5 * 1300 / 4, 2);
}

// An order ready in 8 minutes: both couriers would be at the counter early, the near one after
// 1.6 minutes, the far one after 6.5. On their own clocks both cost 8 minutes until the order
// leaves plus the ride to the door, and either could be sent; by the metres they ride, the near
// one costs 1.2 road km less, whichever comes first in the list.
TEST(Dispatch, SendsTheNearCourierWhenBothWouldWaitForTheOrder) {
  for (const bool near_first : {true, false}) {
    FakeDrivers drivers;
    auto near = courier(drivers, "near", 0.3);
    auto far = courier(drivers, "far", -1.2);
    const std::vector<Courier> couriers =
        near_first ? std::vector{near, far} : std::vector{far, near};
    auto order = waiting("a", 0, 2);
    order.ready_at_us = now_us + 8 * minute_us;
    DispatchPolicy at_once;
    at_once.dispatch_lead = std::chrono::hours(1);
    EXPECT_EQ(by_delivery(plan_dispatch(now_us, {order}, couriers, drivers, at_once)),
              (std::map<std::string, std::string>{{"a", "near"}}));
  }
}

TEST(Dispatch, BatchesACompatibleOrderAfterTheCommittedStops) {
  FakeDrivers drivers;
  auto busy = courier(drivers, "busy", 0.2, false, 2);
  busy.committed = {{"first", true, east(0)}, {"first", false, east(3)}};
  busy.on_board_or_assigned = 1;
  const std::vector<Courier> couriers{busy, courier(drivers, "far", -5)};
  const auto next = waiting("second", 3.1, 4);
  const auto planned = plan_dispatch(now_us, {next}, couriers, drivers, {});
  ASSERT_EQ(planned.size(), 1U);
  EXPECT_EQ(planned[0].driver_id, "busy");
  EXPECT_TRUE(planned[0].batched);
  const auto plan = plan_batch(now_us, next, busy, drivers);
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->stops.size(), 4U);
  EXPECT_EQ(plan->stops[0].delivery_id, "first");
  EXPECT_TRUE(plan->stops[0].pickup);
  EXPECT_EQ(plan->stops[1].delivery_id, "first");
  EXPECT_FALSE(plan->stops[1].pickup);
  EXPECT_EQ(plan->stops[2].delivery_id, "second");
  EXPECT_TRUE(plan->stops[2].pickup);
  EXPECT_EQ(plan->stops[3].delivery_id, "second");
  // 0.1 km to the new pickup and 0.9 km to its drop-off.
  EXPECT_NEAR(plan->added_s, 1.0 * 1300 / 4, 3);
}

TEST(Dispatch, NeverBatchesBeyondACouriersCapacity) {
  FakeDrivers drivers;
  auto full = courier(drivers, "full", 0.2, false, 1);
  full.committed = {{"first", false, east(3)}};
  full.on_board_or_assigned = 1;
  const auto planned = plan_dispatch(now_us, {waiting("second", 3.1, 4)}, {full}, drivers, {});
  EXPECT_TRUE(planned.empty());
}

TEST(Dispatch, OffersColdChainDeliveriesOnlyToColdStorageCouriers) {
  FakeDrivers drivers;
  const std::vector<Courier> couriers{courier(drivers, "warm-near", 0.1),
                                      courier(drivers, "cold-far", 4, true)};
  const auto planned = plan_dispatch(now_us, {waiting("ice", 0, 1, true)}, couriers, drivers, {});
  EXPECT_EQ(by_delivery(planned), (std::map<std::string, std::string>{{"ice", "cold-far"}}));
  const auto none = plan_dispatch(now_us, {waiting("ice", 0, 1, true)}, {couriers[0]}, drivers, {});
  EXPECT_TRUE(none.empty());
}

TEST(Dispatch, RanksACourierWhoDeclinesOftenBelowAnEqualOne) {
  for (const bool first_declines : {true, false}) {
    FakeDrivers drivers;
    auto one = courier(drivers, "one", -1);
    auto two = courier(drivers, "two", 1);
    (first_declines ? one : two).acceptance_rate = 0.2;
    (first_declines ? one : two).offers = 50;  // 0.8 x 50 / (50 + 20) x 600 s: 343 s
    const auto planned = plan_dispatch(now_us, {waiting("a", 0, 2)}, {one, two}, drivers, {});
    ASSERT_EQ(planned.size(), 1U);
    EXPECT_EQ(planned[0].driver_id, first_declines ? "two" : "one");
  }
}

// On the simulator's day a tenth of the offers are declined at random: a courier whose first
// offer of the day was declined had an acceptance rate of 0, which cost 600 s and sent their
// next orders to couriers farther away. One decline of one offer now weighs 600 / 21 = 29 s,
// less than the 0.9 road km more the other courier would ride.
TEST(Dispatch, ChanceInAShortRecordDoesNotSendTheOrderFarther) {
  FakeDrivers drivers;
  auto unlucky = courier(drivers, "unlucky", 0.3);
  unlucky.acceptance_rate = 0.0;
  unlucky.offers = 1;
  auto perfect = courier(drivers, "perfect", -1.0);
  perfect.acceptance_rate = 1.0;
  perfect.offers = 1;
  EXPECT_EQ(
      by_delivery(plan_dispatch(now_us, {waiting("a", 0, 2)}, {perfect, unlucky}, drivers, {})),
      (std::map<std::string, std::string>{{"a", "unlucky"}}));
  unlucky.offers = 200;  // one who declines everything still loses the order: 545 s
  EXPECT_EQ(
      by_delivery(plan_dispatch(now_us, {waiting("a", 0, 2)}, {perfect, unlucky}, drivers, {})),
      (std::map<std::string, std::string>{{"a", "perfect"}}));
}

TEST(Dispatch, RanksACourierOftenLateBelowAnEqualOne) {
  for (const bool first_late : {true, false}) {
    FakeDrivers drivers;
    auto one = courier(drivers, "one", -1);
    auto two = courier(drivers, "two", 1);
    (first_late ? one : two).on_time_rate = 0.5;
    (first_late ? two : one).on_time_rate = 1.0;
    one.deliveries = 40;
    two.deliveries = 40;
    const auto planned = plan_dispatch(now_us, {waiting("a", 0, 2)}, {one, two}, drivers, {});
    ASSERT_EQ(planned.size(), 1U);
    EXPECT_EQ(planned[0].driver_id, first_late ? "two" : "one");
  }
}

TEST(Dispatch, PricesLatenessAtTheDoorNotOnlyTheArrivalAtThePickup) {
  FakeDrivers drivers;
  // An 8 km ride due in 30 minutes. The bike next to the pickup would be there at once but
  // ride 8 x 1.3 km at 4 m/s (43 min: 13 min late); the car 2 km away arrives in 5.4 min and
  // rides it at 8 m/s (21.7 min): at the door after 27 min, on time.
  const std::vector<Courier> couriers{courier(drivers, "bike", 0.1),
                                      courier(drivers, "car", -2, false, 1, drivers::Vehicle::car)};
  auto order = waiting("far", 0, 8);
  order.due_by_us = now_us + 30 * minute_us;
  const auto planned = plan_dispatch(now_us, {order}, couriers, drivers, {});
  EXPECT_EQ(by_delivery(planned), (std::map<std::string, std::string>{{"far", "car"}}));
  ASSERT_EQ(planned.size(), 1U);
  EXPECT_NEAR(planned[0].pickup_eta_s, 2.0 * 1300 / 8, 2);
}

TEST(Dispatch, DefersAnOrderWhileOnlyAFarCourierIsFreeUntilItIsUrgent) {
  FakeDrivers drivers;
  // The only courier is 5 km from the pickup: 1,625 s away by bike. Once the order is ready,
  // sending them costs 6.5 road km of riding there (1,444 s at 4.5 m/s; the ride to the door is
  // the same for anyone and does not count) and 1,625 s of the order waiting at the counter:
  // 3,069 s (on time: due an hour after ready). The urgency is 6 x (seconds since 240 s before
  // it was ready), so it is offered once 300 + urgency passes 3,069: 222 s after ready.
  const std::vector<Courier> couriers{courier(drivers, "far", 5)};
  const auto ready = now_us + 30 * minute_us;
  const WaitingDelivery order{"a", east(0), east(1), ready, ready + hour_us, false, {}};
  EXPECT_TRUE(plan_dispatch(now_us, {order}, couriers, drivers, {}).empty());
  EXPECT_TRUE(plan_dispatch(ready, {order}, couriers, drivers, {}).empty());
  EXPECT_TRUE(plan_dispatch(ready + 215 * second_us, {order}, couriers, drivers, {}).empty());
  EXPECT_EQ(by_delivery(plan_dispatch(ready + 230 * second_us, {order}, couriers, drivers, {})),
            (std::map<std::string, std::string>{{"a", "far"}}));
}

TEST(Dispatch, ServesTheDeliveryThatHasWaitedLongestFirst) {
  FakeDrivers drivers;
  // One courier for two orders. The fresh one is nearer (cheaper: 596 s against 1,103 s with
  // the old one's 50 s of lateness), but the old one has waited 15 minutes longer, worth
  // 6 x 900 s: the assignment gives the courier to the old one.
  const std::vector<Courier> couriers{courier(drivers, "only", 0)};
  WaitingDelivery fresh{
      "fresh", east(0.5), east(1.5), now_us - 5 * minute_us, now_us + 25 * minute_us, false, {}};
  WaitingDelivery old{"old", east(1), east(2), now_us - 20 * minute_us, now_us + 10 * minute_us,
                      false, {}};
  EXPECT_EQ(by_delivery(plan_dispatch(now_us, {fresh, old}, couriers, drivers, {})),
            (std::map<std::string, std::string>{{"old", "only"}}));
  EXPECT_EQ(by_delivery(plan_dispatch(now_us, {fresh}, couriers, drivers, {})),
            (std::map<std::string, std::string>{{"fresh", "only"}}));
}

TEST(Dispatch, LooksPastACrowdOfFullCouriersAtThePickupForOneFarAway) {
  FakeDrivers drivers;
  // Thirty couriers at the restaurant, all carrying as much as they can, and one free courier
  // 12 km away: the search widens until it reaches them, as far as the candidate radius.
  auto couriers = full_couriers(drivers, 30, 0.01);
  couriers.push_back(courier(drivers, "far", 12, false, 1, drivers::Vehicle::car));
  auto order = waiting("a", 0, 1);
  order.ready_at_us = now_us - hour_us;  // waited long enough to take a courier that far
  EXPECT_EQ(by_delivery(plan_dispatch(now_us, {order}, couriers, drivers, {})),
            (std::map<std::string, std::string>{{"a", "far"}}));
  DispatchPolicy nearer;
  nearer.candidate_radius_m = 10'000;
  EXPECT_TRUE(plan_dispatch(now_us, {order}, couriers, drivers, nearer).empty());
}

// A restaurant whose own couriers are all carrying orders, more of them than the search's
// nearest (80): the free courier 2 km away still gets the offer. Counted among the nearest, the
// full couriers hid them, and the order waited for ever (the ingest benchmark's set-up stalled).
TEST(Dispatch, LooksPastMoreFullCouriersThanTheSearchCountsForAFreeOne) {
  FakeDrivers drivers;
  auto couriers = full_couriers(drivers, 100, 0.005);
  couriers.push_back(courier(drivers, "free", 2));
  EXPECT_EQ(by_delivery(plan_dispatch(now_us, {waiting("a", 0, 1)}, couriers, drivers, {})),
            (std::map<std::string, std::string>{{"a", "free"}}));
}

// Couriers answering an offer are on shift but not the round's couriers: a crowd of them at the
// pickup, in the fleet, does not hide the free courier further away.
TEST(Dispatch, LooksPastCouriersAnsweringAnOfferForAFreeOne) {
  FakeDrivers drivers;
  for (int i = 0; i < 100; ++i) courier(drivers, "answering-" + std::to_string(i), 0.005 * i);
  const auto free = courier(drivers, "free", 2);
  EXPECT_EQ(by_delivery(plan_dispatch(now_us, {waiting("a", 0, 1)}, {free}, drivers, {})),
            (std::map<std::string, std::string>{{"a", "free"}}));
}

// A cold-chain order at a restaurant crowded with couriers without cold storage: the search
// goes on past them to the cold-storage courier.
TEST(Dispatch, LooksPastCouriersWhoCannotTakeTheDeliveryForOneWhoCan) {
  FakeDrivers drivers;
  std::vector<Courier> couriers;
  for (int i = 0; i < 100; ++i)
    couriers.push_back(courier(drivers, "warm-" + std::to_string(i), 0.005 * i));
  couriers.push_back(courier(drivers, "cold", 2, true));
  EXPECT_EQ(by_delivery(plan_dispatch(now_us, {waiting("ice", 0, 1, true)}, couriers, drivers, {})),
            (std::map<std::string, std::string>{{"ice", "cold"}}));
}

TEST(Dispatch, SkipsCouriersWhoPassedOverTheDelivery) {
  FakeDrivers drivers;
  const std::vector<Courier> couriers{courier(drivers, "near", 0.1), courier(drivers, "next", 1)};
  auto order = waiting("a", 0, 1);
  order.passed_over = {"near"};
  EXPECT_EQ(by_delivery(plan_dispatch(now_us, {order}, couriers, drivers, {})),
            (std::map<std::string, std::string>{{"a", "next"}}));
}

// A delivery ready later than the offer horizon (5 minutes by default) is never offered, even to a
// courier standing at the counter, so a round need not read it; a little sooner, it is.
TEST(Dispatch, OffersNothingReadyBeyondTheHorizon) {
  FakeDrivers drivers;
  const std::vector<Courier> couriers{courier(drivers, "at-the-counter", 0)};
  const DispatchPolicy policy;
  const auto horizon_us = std::chrono::microseconds(offer_horizon(policy)).count();
  EXPECT_EQ(offer_horizon(policy), std::chrono::seconds(300));
  auto order = waiting("a", 0, 1);
  order.ready_at_us = now_us + horizon_us + second_us;
  EXPECT_TRUE(plan_dispatch(now_us, {order}, couriers, drivers, policy).empty());
  order.ready_at_us = now_us + horizon_us - 20 * second_us;
  EXPECT_EQ(by_delivery(plan_dispatch(now_us, {order}, couriers, drivers, policy)),
            (std::map<std::string, std::string>{{"a", "at-the-counter"}}));
}

// The round's couriers are given: the fleet is asked for travel times only, never for couriers,
// whatever the number of deliveries.
TEST(Dispatch, NeverReadsTheFleetForCouriers) {
  FakeDrivers drivers;
  // Couriers spread over 12 km, so that each pickup's search widens more than once.
  std::vector<Courier> couriers;
  for (int i = 0; i < 12; ++i) couriers.push_back(courier(drivers, "c" + std::to_string(i), i));
  const auto planned =
      plan_dispatch(now_us, {waiting("a", 0, 1), waiting("b", 6, 7), waiting("c", 11, 10)},
                    couriers, drivers, {});
  EXPECT_EQ(by_delivery(planned),
            (std::map<std::string, std::string>{{"a", "c0"}, {"b", "c6"}, {"c", "c11"}}));
  EXPECT_EQ(drivers.available_reads(), 0);
  EXPECT_EQ(drivers.near_reads(), 0);
}

// A round reaches, and so prices and reads the record of, only the nearest couriers of its
// pickups: the 300 a few kilometres out, within the search's radius, are not asked about.
TEST(Dispatch, ReachesOnlyTheNearestCouriersOfItsPickups) {
  FakeDrivers drivers;
  std::vector<Courier> couriers;
  for (int i = 0; i < 300; ++i)
    couriers.push_back(courier(drivers, "out-" + std::to_string(i), 3 + 0.01 * i));
  for (int i = 0; i < 30; ++i)
    couriers.push_back(courier(drivers, "near-" + std::to_string(i), 0.05 * i));
  const DispatchPolicy policy;
  const auto reached = reach({waiting("a", 0, 1), waiting("b", 0.5, 2)}, couriers, policy);
  ASSERT_EQ(reached.of_delivery.size(), 2U);
  EXPECT_EQ(reached.of_delivery[0].size(), policy.candidates_per_delivery);
  EXPECT_EQ(reached.of_delivery[1].size(), policy.candidates_per_delivery);
  ASSERT_GE(reached.couriers.size(), policy.candidates_per_delivery);
  for (const auto c : reached.couriers)
    EXPECT_TRUE(couriers[c].driver.driver_id.starts_with("near-")) << couriers[c].driver.driver_id;
}

}  // namespace
}  // namespace reskflow::deliveries
