// The dispatch round's decision: candidate couriers per delivery from the spatial index, a cost
// per candidate (the riding, the order's wait and lateness, the courier's record), one exact
// min-cost assignment that serves the urgent deliveries first and defers the others.
#include "dispatch.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "reskflow/core/assert.h"
#include "reskflow/optimize/assignment.h"
#include "reskflow/optimize/route_solver.h"
#include "reskflow/optimize/solution.h"

namespace reskflow::deliveries {
namespace {

namespace opt = optimize;
namespace geo = modules::geo;

constexpr double cost_units_per_s = 10;       // assignment costs in tenths of a second
constexpr double search_radius_min_m = 500;   // where a round's search for couriers starts
constexpr double search_radius_margin = 1.2;  // over the radius the previous pickup needed

bool eligible(const WaitingDelivery& d, const Courier& c) {
  if (d.cold && !c.driver.cold_storage) return false;
  if (c.on_board_or_assigned >= c.driver.capacity) return false;
  return std::ranges::find(d.passed_over, c.driver.driver_id) == d.passed_over.end();
}

double seconds_until(std::int64_t now_us, std::int64_t at_us) {
  return std::max(0.0, static_cast<double>(at_us - now_us) / 1e6);
}

// What a courier's record costs: one who declines often is likely to send the offer back
// unanswered; one often late is likely to be late again; one customers rate poorly is likely to
// serve the next customer poorly. No record counts as a perfect one, and a short one weighs
// little: a rate counted over n is taken as if record_prior_count more had been perfect, so
// that chance (one decline among a courier's first offers) does not send the order to a
// courier farther away.
double courier_cost(const Courier& c, const DispatchPolicy& policy) {
  const auto shortfall = [&](std::optional<double> rate, std::int64_t n) {
    const double counted = static_cast<double>(std::max<std::int64_t>(0, n));
    const double missed = (1.0 - std::clamp(rate.value_or(1.0), 0.0, 1.0)) * counted;
    return missed / (counted + policy.record_prior_count);
  };
  const auto stars = c.rating.transform([](double r) { return (r - 1.0) / 4.0; });
  return shortfall(c.acceptance_rate, c.offers) *
             static_cast<double>(policy.decline_penalty.count()) +
         shortfall(c.on_time_rate, c.deliveries) *
             static_cast<double>(policy.late_record_penalty.count()) +
         shortfall(stars, c.ratings) * static_cast<double>(policy.low_rating_penalty.count());
}

struct Candidate {
  double cost_s = 0;
  double pickup_eta_s = 0;
  bool batched = false;
};

// Seconds past the drop-off's due time when the courier gets there `dropoff_in_s` from now.
double lateness_s(std::int64_t now_us, const WaitingDelivery& d, double dropoff_in_s) {
  return std::max(0.0, dropoff_in_s - static_cast<double>(d.due_by_us - now_us) / 1e6);
}

// What choosing a courier costs, in seconds: the metres the delivery makes them ride, at the
// policy's riding speed, the order's wait at the counter if they come after it is ready, and
// its lateness at the door, weighted. The riding is priced by distance, not by the courier's
// own clock: on their vehicle's clock a car 2 km away is as cheap as a bike 1 km away, and
// time a courier would spend waiting at the counter would cost as much as riding, so a far
// courier arriving just in time would tie with one next door.
double candidate_cost(std::int64_t now_us, const WaitingDelivery& d, double ridden_m,
                      double pickup_in_s, double dropoff_in_s, const DispatchPolicy& policy) {
  const double counter_wait_s = std::max(0.0, pickup_in_s - seconds_until(now_us, d.ready_at_us));
  return ridden_m / policy.riding_speed_mps + policy.counter_wait_weight * counter_wait_s +
         policy.lateness_weight * lateness_s(now_us, d, dropoff_in_s);
}

// An idle courier rides to the pickup, waits for the order if it is not ready, and rides it to
// the door.
Candidate idle_candidate(std::int64_t now_us, const WaitingDelivery& d, const Courier& c,
                         const drivers::Drivers& travel, const DispatchPolicy& policy) {
  const auto vehicle = c.driver.vehicle;
  const auto& here = c.driver.position.point;
  const double eta = travel.travel_seconds(here, d.pickup, vehicle, now_us);
  const double leave = std::max(eta, seconds_until(now_us, d.ready_at_us));
  const double dropoff_in = leave + travel.travel_seconds(d.pickup, d.dropoff, vehicle, now_us);
  const double ridden_m =
      travel.road_distance_m(here, d.pickup) + travel.road_distance_m(d.pickup, d.dropoff);
  const double cost = candidate_cost(now_us, d, ridden_m, eta, dropoff_in, policy);
  return {cost + courier_cost(c, policy), eta, false};
}

// The route of a busy courier as a PDPTW problem: location 0 is where they are, then their
// committed stops (jobs 0..m-1, the fixed prefix), then the new pickup and drop-off (jobs m, m+1).
struct RouteProblem {
  opt::Problem problem;
  opt::Solution current;
};

opt::Matrix<opt::Duration> durations_of(std::span<const geo::Point> points, const Courier& c,
                                        const drivers::Drivers& travel, std::int64_t now_us) {
  opt::Matrix<opt::Duration> out(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    for (std::size_t j = 0; j < points.size(); ++j) {
      if (i == j) continue;
      out.at(i, j) = static_cast<opt::Duration>(
          std::ceil(travel.travel_seconds(points[i], points[j], c.driver.vehicle, now_us)));
    }
  }
  return out;
}

void add_committed_jobs(const Courier& c, opt::Problem& p) {
  std::map<std::string, std::size_t> pickup_of;
  for (std::size_t i = 0; i < c.committed.size(); ++i) {
    const auto& stop = c.committed[i];
    opt::Job job;
    job.id = i;
    job.location = i + 1;
    if (stop.pickup) {
      job.type = opt::JobType::pickup;
      job.pickup.values[0] = 1;
      pickup_of[stop.delivery_id] = i;
    } else if (const auto it = pickup_of.find(stop.delivery_id); it != pickup_of.end()) {
      job.type = opt::JobType::delivery;
      job.delivery.values[0] = 1;
      job.sibling = it->second;
      p.jobs[it->second].sibling = i;
    } else {
      job.delivery.values[0] = 1;  // on board: loaded at the start, dropped here
    }
    p.jobs.push_back(std::move(job));
  }
}

std::optional<RouteProblem> route_problem(std::int64_t now_us, const WaitingDelivery& d,
                                          const Courier& c, const drivers::Drivers& travel) {
  std::vector<geo::Point> points{c.driver.position.point};
  for (const auto& stop : c.committed) points.push_back(stop.point);
  points.push_back(d.pickup);
  points.push_back(d.dropoff);
  opt::Problem p;
  p.location_count = points.size();
  p.durations = durations_of(points, c, travel, now_us);
  p.costs = p.durations;
  p.distances = opt::Matrix<opt::Distance>(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    for (std::size_t j = 0; j < points.size(); ++j)
      p.distances.at(i, j) = std::llround(travel.road_distance_m(points[i], points[j]));
  }
  add_committed_jobs(c, p);
  const auto m = c.committed.size();
  opt::Job pickup{.id = m, .type = opt::JobType::pickup, .location = m + 1, .sibling = m + 1};
  pickup.pickup.values[0] = 1;
  const auto ready_in = static_cast<opt::Duration>(seconds_until(now_us, d.ready_at_us));
  pickup.time_windows.push_back({ready_in, opt::duration_max});
  opt::Job dropoff{.id = m + 1, .type = opt::JobType::delivery, .location = m + 2, .sibling = m};
  dropoff.delivery.values[0] = 1;
  if (d.due_by_us > now_us)
    dropoff.time_windows.push_back(
        {0, static_cast<opt::Duration>(seconds_until(now_us, d.due_by_us))});
  p.jobs.push_back(std::move(pickup));
  p.jobs.push_back(std::move(dropoff));
  opt::Vehicle vehicle;
  vehicle.start = 0;
  vehicle.capacity.values[0] = c.driver.capacity;
  opt::Route route{0, {}};
  for (std::size_t i = 0; i < m; ++i) {
    vehicle.fixed_prefix.push_back(i);
    route.jobs.push_back(i);
  }
  p.vehicles.push_back(std::move(vehicle));
  auto made = opt::make_problem(std::move(p));
  if (!made) return std::nullopt;
  return RouteProblem{std::move(*made), opt::Solution{{route}, {}}};
}

// A busy courier's cost: the distance the delivery adds to their route, with the time it adds
// within the detour bound.
// The new stops go after the committed ones, so the ride from the last committed stop to the
// pickup and on to the door is the least the route grows by: past the bound, the courier is
// left out without solving the insertion.
std::optional<Candidate> batch_candidate(std::int64_t now_us, const WaitingDelivery& d,
                                         const Courier& c, const drivers::Drivers& travel,
                                         const DispatchPolicy& policy) {
  const auto detour_max_s = static_cast<double>(policy.batch_detour_max.count());
  const auto vehicle = c.driver.vehicle;
  const double added_at_least_s =
      travel.travel_seconds(c.committed.back().point, d.pickup, vehicle, now_us) +
      travel.travel_seconds(d.pickup, d.dropoff, vehicle, now_us);
  if (added_at_least_s > detour_max_s) return std::nullopt;
  const auto plan = plan_batch(now_us, d, c, travel);
  if (!plan || plan->added_s > detour_max_s) return std::nullopt;
  const double cost =
      candidate_cost(now_us, d, plan->added_m, plan->pickup_eta_s, plan->dropoff_eta_s, policy);
  return Candidate{cost + courier_cost(c, policy), plan->pickup_eta_s, true};
}

}  // namespace

std::optional<BatchPlan> plan_batch(std::int64_t now_us, const WaitingDelivery& d, const Courier& c,
                                    const drivers::Drivers& travel) {
  auto rp = route_problem(now_us, d, c, travel);
  if (!rp) return std::nullopt;
  const auto m = c.committed.size();
  const auto before = opt::compute_schedule(rp->problem, rp->current.routes.front()).duration;
  const std::size_t new_jobs[] = {m};
  auto inserted = opt::insert_orders(rp->problem, rp->current, new_jobs);
  if (!inserted || !inserted->unassigned.empty() || inserted->routes.empty()) return std::nullopt;
  const auto& route = inserted->routes.front();
  const auto schedule = opt::compute_schedule(rp->problem, route);
  BatchPlan plan;
  plan.added_s = static_cast<double>(schedule.duration - before);
  plan.added_m = opt::route_distance(rp->problem, route) -
                 opt::route_distance(rp->problem, rp->current.routes.front());
  for (std::size_t step = 0; step < route.jobs.size(); ++step) {
    const auto job = route.jobs[step];
    if (job < m) {
      plan.stops.push_back(c.committed[job]);
      continue;
    }
    plan.stops.push_back({d.id, job == m, job == m ? d.pickup : d.dropoff});
    const auto arrival = static_cast<double>(schedule.steps[step + 1].arrival);
    (job == m ? plan.pickup_eta_s : plan.dropoff_eta_s) = arrival;
  }
  return plan;
}

namespace {

// Finds the nearest of the round's couriers who can take a delivery (with room for one more
// order) within `radius_max_m` of a pickup, as one search of the full radius would. Couriers who
// cannot take anything are left out of the index: counted among a pickup's nearest, a crowd of
// them (those of a restaurant, all carrying) hid the free couriers further away, and the pickup
// went without an offer round after round; couriers answering an offer are not the round's.
// The round's couriers are indexed once, here: asking the fleet instead would cost a Redis round
// trip per step with the shared fleet. The index measures every courier inside the circle it is
// asked about, and in a city the nearest 80 are within a kilometre or two, so a circle of the
// full radius for each delivery would measure most of the city's couriers every time. The search
// starts at a radius a little wider than the previous pickup needed and doubles it only while it
// finds fewer than wanted: the answer is exact, only its cost depends on the guess.
class CourierSearch {
 public:
  CourierSearch(const std::vector<Courier>& couriers, double radius_max_m)
      : index_(drivers::make_memory_index()), radius_max_m_(radius_max_m) {
    for (const auto& c : couriers) {
      if (c.on_board_or_assigned < c.driver.capacity)
        index_->upsert(c.driver.driver_id, c.driver.position.point);
    }
  }

  // The `wanted` nearest couriers' ids and distances in metres, nearest first. `usual` marks
  // the round's ordinary request, whose radius guides the next pickup's first guess.
  std::vector<std::pair<std::string, double>> nearest(geo::Point at, std::size_t wanted,
                                                      bool usual) {
    double radius_m = std::min(radius_first_m_, radius_max_m_);
    for (;;) {
      auto found = index_->within(at, radius_m, wanted);
      if (found.size() >= wanted && !found.empty()) {
        if (usual)
          radius_first_m_ =
              std::max(search_radius_min_m, search_radius_margin * found.back().second);
        return found;
      }
      if (radius_m >= radius_max_m_) return found;
      radius_m = std::min(2 * radius_m, radius_max_m_);
    }
  }

 private:
  std::unique_ptr<drivers::SpatialIndex> index_;
  double radius_max_m_;
  double radius_first_m_ = search_radius_min_m;
};

// The couriers one delivery's candidates are priced among, nearest first: up to
// `candidates_per_delivery` busy couriers and as many idle ones who may take it, among the
// `candidate_search_max` nearest. When fewer than `candidates_per_delivery` of those may take
// it (no cold storage, passed over), the search goes on further out, as far as the candidate
// radius.
std::vector<std::size_t> reach_of(const WaitingDelivery& d, const std::vector<Courier>& couriers,
                                  const std::unordered_map<std::string_view, std::size_t>& index_of,
                                  CourierSearch& search, const DispatchPolicy& policy) {
  std::vector<std::size_t> out;
  std::size_t idle = 0;
  std::size_t busy = 0;
  const auto limit = policy.candidates_per_delivery;
  const auto usual = std::max(limit, policy.candidate_search_max);
  std::size_t seen = 0;
  for (auto wanted = usual;; wanted *= 2) {
    const auto found = search.nearest(d.pickup, wanted, wanted == usual);
    for (std::size_t n = seen; n < found.size(); ++n) {
      if (idle >= limit && busy >= limit) break;
      const auto it = index_of.find(found[n].first);
      if (it == index_of.end()) continue;
      const auto& courier = couriers[it->second];
      if (!eligible(d, courier)) continue;
      auto& reached = courier.committed.empty() ? idle : busy;
      if (reached >= limit) continue;
      ++reached;
      out.push_back(it->second);
    }
    if (idle + busy >= limit || found.size() < wanted) return out;
    seen = found.size();
  }
}

// The priced candidates of one delivery among the couriers its search reached. A busy courier
// the delivery does not fit (capacity, detour, its drop-off window) is left out.
std::vector<std::pair<std::size_t, Candidate>> candidates_of(
    std::int64_t now_us, const WaitingDelivery& d, const std::vector<Courier>& couriers,
    const std::vector<std::size_t>& reached, const drivers::Drivers& travel,
    const DispatchPolicy& policy) {
  std::vector<std::pair<std::size_t, Candidate>> out;
  for (const auto c : reached) {
    const auto& courier = couriers[c];
    const auto candidate = courier.committed.empty()
                               ? std::optional(idle_candidate(now_us, d, courier, travel, policy))
                               : batch_candidate(now_us, d, courier, travel, policy);
    if (candidate) out.emplace_back(c, *candidate);
  }
  return out;
}

// How much serving a delivery this round is worth over leaving it for the next: from a little
// before it is ready, every second it waits brings it closer to staleness and its due time.
double urgency_s(std::int64_t now_us, const WaitingDelivery& d, const DispatchPolicy& policy) {
  const auto lead_us =
      std::chrono::duration_cast<std::chrono::microseconds>(policy.dispatch_lead).count();
  return policy.urgency_weight *
         std::max(0.0, static_cast<double>(now_us - (d.ready_at_us - lead_us)) / 1e6);
}

}  // namespace

std::chrono::seconds offer_horizon(const DispatchPolicy& policy) {
  return std::max(policy.dispatch_lead, policy.defer_cost_above);
}

Reach reach(const std::vector<WaitingDelivery>& waiting, const std::vector<Courier>& couriers,
            const DispatchPolicy& policy) {
  std::unordered_map<std::string_view, std::size_t> index_of;
  for (std::size_t i = 0; i < couriers.size(); ++i) index_of[couriers[i].driver.driver_id] = i;
  CourierSearch search(couriers, policy.candidate_radius_m);
  Reach out;
  std::vector<bool> reached(couriers.size(), false);
  for (const auto& d : waiting) {
    out.of_delivery.push_back(reach_of(d, couriers, index_of, search, policy));
    for (const auto c : out.of_delivery.back()) reached[c] = true;
  }
  for (std::size_t c = 0; c < couriers.size(); ++c) {
    if (reached[c]) out.couriers.push_back(c);
  }
  return out;
}

std::vector<Proposal> plan_dispatch(std::int64_t now_us,
                                    const std::vector<WaitingDelivery>& waiting,
                                    const std::vector<Courier>& couriers,
                                    const drivers::Drivers& travel, const DispatchPolicy& policy) {
  return plan_dispatch(now_us, waiting, couriers, reach(waiting, couriers, policy), travel, policy);
}

std::vector<Proposal> plan_dispatch(std::int64_t now_us,
                                    const std::vector<WaitingDelivery>& waiting,
                                    const std::vector<Courier>& couriers, const Reach& reached,
                                    const drivers::Drivers& travel, const DispatchPolicy& policy) {
  RF_ASSERT(reached.of_delivery.size() == waiting.size());
  opt::AssignmentProblem problem;
  problem.delivery_count = waiting.size();
  problem.driver_slots.assign(couriers.size(), 1);
  // A delivery's urgency is taken off each of its edges, so the urgent ones are served first,
  // and one is left unassigned when its cost exceeds defer_cost_above plus its urgency.
  // urgency_max keeps the costs non-negative: it is added to every edge and to the unassigned
  // cost alike.
  double urgency_max = 0;
  for (const auto& d : waiting) urgency_max = std::max(urgency_max, urgency_s(now_us, d, policy));
  problem.unassigned_cost = std::llround(
      (urgency_max + static_cast<double>(policy.defer_cost_above.count())) * cost_units_per_s);
  std::vector<std::vector<std::pair<std::size_t, Candidate>>> priced(waiting.size());
  for (std::size_t d = 0; d < waiting.size(); ++d) {
    if (d > 0 && std::chrono::steady_clock::now() >= policy.deadline) break;
    const double discount = urgency_max - urgency_s(now_us, waiting[d], policy);
    // The ride from pickup to door is the same whoever takes it, so it is taken off every
    // candidate alike: waiting for a better courier can only save the rest. The time until the
    // order is ready is added to every candidate alike: no courier is sent to wait long at a
    // counter, whoever it is.
    const double carry_s =
        travel.road_distance_m(waiting[d].pickup, waiting[d].dropoff) / policy.riding_speed_mps;
    const double unready_s = seconds_until(now_us, waiting[d].ready_at_us);
    priced[d] = candidates_of(now_us, waiting[d], couriers, reached.of_delivery[d], travel, policy);
    for (const auto& [c, candidate] : priced[d]) {
      const double cost = std::max(0.0, candidate.cost_s - carry_s) + unready_s + discount;
      problem.edges.push_back({d, c, std::llround(cost * cost_units_per_s)});
    }
  }
  std::vector<Proposal> out;
  const auto solved = opt::solve_assignment(problem);
  if (!solved) return out;
  for (std::size_t d = 0; d < waiting.size(); ++d) {
    const auto c = solved->driver_of[d];
    if (c == opt::no_index) continue;
    const auto& candidate =
        std::ranges::find(priced[d], c, &std::pair<std::size_t, Candidate>::first)->second;
    out.push_back(
        {waiting[d].id, couriers[c].driver.driver_id, candidate.pickup_eta_s, candidate.batched});
  }
  return out;
}

std::vector<Proposal> plan_nearest_first(const std::vector<WaitingDelivery>& waiting,
                                         const std::vector<Courier>& couriers) {
  std::vector<bool> taken(couriers.size(), false);
  std::vector<Proposal> out;
  for (const auto& d : waiting) {
    std::size_t best = couriers.size();
    double best_m = 0;
    for (std::size_t c = 0; c < couriers.size(); ++c) {
      if (taken[c] || !couriers[c].committed.empty() || !eligible(d, couriers[c])) continue;
      const double m = geo::distance_m(couriers[c].driver.position.point, d.pickup);
      if (best == couriers.size() || m < best_m) {
        best = c;
        best_m = m;
      }
    }
    if (best == couriers.size()) continue;
    taken[best] = true;
    out.push_back({d.id, couriers[best].driver.driver_id, 0, false});
  }
  return out;
}

}  // namespace reskflow::deliveries
