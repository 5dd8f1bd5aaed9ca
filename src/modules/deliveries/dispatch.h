// One dispatch round as a pure computation: which waiting delivery to offer to which courier,
// decided with src/optimize. Idle couriers compete by predicted arrival at the pickup; couriers
// already carrying orders compete by the time a delivery adds to their route, found by PDPTW
// insertion after their committed stops (which never move); one min-cost assignment over both
// kinds of candidate chooses (docs/deliveries.md, "Dispatch"). No storage, no clock.
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
  double acceptance_rate = 1.0;  // of the offers made to them recently, 0..1
};

struct DispatchPolicy {
  double lateness_weight = 2.0;               // a second late at the pickup costs this many
  std::chrono::seconds decline_penalty{600};  // added at an acceptance rate of 0
  std::chrono::seconds batch_detour_max{600};
  std::size_t candidates_per_delivery = 20;
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
  double pickup_eta_s = 0;           // from now until the new pickup
};

// nullopt when the delivery fits nowhere on the route (capacity, its drop-off window).
std::optional<BatchPlan> plan_batch(std::int64_t now_us, const WaitingDelivery& delivery,
                                    const Courier& courier, const drivers::Drivers& travel);

// The offers to make now: at most one per delivery and per courier. Couriers not in
// `couriers` (busy with an offer, or gone) are never chosen.
std::vector<Proposal> plan_dispatch(std::int64_t now_us,
                                    const std::vector<WaitingDelivery>& waiting,
                                    const std::vector<Courier>& couriers,
                                    const drivers::Drivers& travel, const DispatchPolicy& policy);

// The nearest-available-driver rule the dispatcher improves on: each delivery in turn takes the
// nearest idle courier by great-circle distance. For comparisons in tests and benchmarks.
std::vector<Proposal> plan_nearest_first(const std::vector<WaitingDelivery>& waiting,
                                         const std::vector<Courier>& couriers);

}  // namespace reskflow::deliveries
