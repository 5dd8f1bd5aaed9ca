// One dispatch round as a pure computation: which waiting delivery to offer to which courier,
// decided with src/optimize. Idle couriers compete by the distance the delivery makes them ride;
// couriers already carrying orders by the distance it adds to their route, found by PDPTW
// insertion after their committed stops (which never move); both with the order's wait at the
// counter and lateness at the door priced in. One min-cost assignment over both kinds of
// candidate chooses, and may leave a delivery that is not yet urgent for a better round
// (docs/deliveries.md, "Dispatch"). No storage, no clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reskflow/drivers/drivers.h"
#include "reskflow/modules/geo.h"

namespace reskflow::deliveries {

struct WaitingDelivery {
  std::string id;
  modules::geo::Point pickup;
  modules::geo::Point dropoff;
  std::int64_t ready_at_us = 0;
  std::int64_t due_by_us = 0;
  bool cold = false;                     // only couriers with cold storage
  std::vector<std::string> passed_over;  // couriers who declined it or let an offer lapse
};

// A stop a courier is committed to, in the order they will make them.
struct CommittedStop {
  std::string delivery_id;
  bool pickup = false;  // false: the drop-off (the order is on board once its pickup is done)
  modules::geo::Point point;
};

struct Courier {
  drivers::OnlineDriver driver;
  std::vector<CommittedStop> committed;  // empty: idle
  std::int64_t on_board_or_assigned = 0;
  // The courier's record from the quality module: each rate (0..1; nullopt, no record yet,
  // counts as 1) with how many it was counted over.
  std::optional<double> acceptance_rate;  // offers accepted of those made
  std::optional<double> on_time_rate;     // deliveries on time of those delivered
  std::optional<double> rating;           // customers' average stars, 1..5
  std::int64_t offers = 0;
  std::int64_t deliveries = 0;
  std::int64_t ratings = 0;
};

// Costs are in seconds (docs/deliveries.md, "Dispatch"). A candidate costs the road distance
// the delivery makes the courier ride, at `riding_speed_mps` whatever their vehicle, plus the
// order's wait at the counter and its lateness at the door, weighted, plus the courier's record. A
// delivery is offered this round only when its chosen candidate costs less than `defer_cost_above`
// plus its urgency; otherwise it waits for a better one (a courier freeing up nearby, a route it
// fits into). Its urgency grows by `urgency_weight` a second from `dispatch_lead` before it is
// ready, faster than any cost grows while it waits (counter_wait_weight + lateness_weight), so no
// delivery waits for ever.
struct DispatchPolicy {
  // A metre ridden costs 1 / riding_speed_mps seconds on any vehicle: a faster vehicle gets
  // the order to the door sooner (the counter wait and lateness price that) but rides as far.
  double riding_speed_mps = 4.5;
  double counter_wait_weight = 1.0;               // a second the ready order waits for its courier
  double lateness_weight = 4.0;                   // a second past the drop-off's due time
  std::chrono::seconds decline_penalty{600};      // added at an acceptance rate of 0
  std::chrono::seconds late_record_penalty{300};  // added at an on-time rate of 0
  std::chrono::seconds low_rating_penalty{300};   // added at a rating of 1 star (none at 5)
  // A record weighs by its evidence: each rate is taken as if this many more offers (deliveries,
  // ratings) had gone perfectly, so that one declined offer of a courier's first two is not
  // read as a courier who declines half of them.
  double record_prior_count = 20;
  std::chrono::seconds batch_detour_max{600};
  std::chrono::seconds defer_cost_above{300};
  std::chrono::seconds dispatch_lead{240};
  double urgency_weight = 6.0;
  std::size_t candidates_per_delivery = 20;  // idle couriers priced per delivery; as many busy
  // Among this many nearest couriers with room for the delivery; further out while fewer than
  // candidates_per_delivery of them may take it.
  std::size_t candidate_search_max = 80;
  double candidate_radius_m = 15'000;
  // Pricing stops here, after at least the first delivery.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

struct Proposal {
  std::string delivery_id;
  std::string driver_id;
  double pickup_eta_s = 0;  // from now, on the courier's route
  bool batched = false;     // added to a route under way
};

// A busy courier's route with a waiting delivery inserted after their committed stops.
struct BatchPlan {
  std::vector<CommittedStop> stops;  // the whole route, in order
  double added_s = 0;                // what the delivery adds to the route's duration
  double added_m = 0;                // and to the road distance ridden
  double pickup_eta_s = 0;           // from now until the new pickup
  double dropoff_eta_s = 0;          // from now until the new drop-off
};

// nullopt when the delivery fits nowhere on the route (capacity, its drop-off window).
std::optional<BatchPlan> plan_batch(std::int64_t now_us, const WaitingDelivery& delivery,
                                    const Courier& courier, const drivers::Drivers& travel);

// How long before it is ready a delivery may be offered at the soonest: until then it is not
// urgent (urgency starts dispatch_lead before), and every candidate costs at least the seconds
// until it is ready, more than defer_cost_above, so a round need not even read it.
std::chrono::seconds offer_horizon(const DispatchPolicy& policy);

// The couriers each waiting delivery's candidates are priced among, found in a spatial index of
// `couriers` with room for one more order: the nearest who may take it (cold storage, not passed
// over), up to candidates_per_delivery idle and as many busy, among the candidate_search_max
// nearest, further out while fewer may take it. `couriers` are the round's (on shift, not
// answering an offer): no other courier is ever reached, whatever the fleet holds.
struct Reach {
  std::vector<std::vector<std::size_t>> of_delivery;  // per waiting delivery, into `couriers`
  std::vector<std::size_t> couriers;  // every courier some delivery reached, ascending
};
Reach reach(const std::vector<WaitingDelivery>& waiting, const std::vector<Courier>& couriers,
            const DispatchPolicy& policy);

// The offers to make now: at most one per delivery and per courier, each delivery's courier
// among those `reached` found for it. Only the reached couriers are priced, so only their record
// (Courier's rates) is read: a round asks the quality module about them alone. `travel` is
// asked for travel times and distances only.
std::vector<Proposal> plan_dispatch(std::int64_t now_us,
                                    const std::vector<WaitingDelivery>& waiting,
                                    const std::vector<Courier>& couriers, const Reach& reached,
                                    const drivers::Drivers& travel, const DispatchPolicy& policy);
// Both steps at once.
std::vector<Proposal> plan_dispatch(std::int64_t now_us,
                                    const std::vector<WaitingDelivery>& waiting,
                                    const std::vector<Courier>& couriers,
                                    const drivers::Drivers& travel, const DispatchPolicy& policy);

// The nearest-available-driver rule the dispatcher improves on: each delivery in turn takes the
// nearest idle courier by great-circle distance. For comparisons in tests and benchmarks.
std::vector<Proposal> plan_nearest_first(const std::vector<WaitingDelivery>& waiting,
                                         const std::vector<Courier>& couriers);

}  // namespace reskflow::deliveries
