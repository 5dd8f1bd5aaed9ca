// What the simulator measures: latency histograms of fixed size (so memory stays bounded however
// long the run) and the counters of the report.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace reskflow::simulate {

// Values in microseconds (or any non-negative integer unit) in logarithmic buckets 4 % wide:
// a percentile is exact to within 4 %; the count, mean and maximum are exact.
class Histogram {
 public:
  void add(std::int64_t value);
  void merge(const Histogram& other);
  // The smallest value at or above which no more than (100 - p) % of the values lie (nearest
  // rank, reported as the bucket's upper bound, capped at the maximum); 0 when empty.
  std::int64_t percentile(double p) const;
  std::uint64_t count() const { return count_; }
  double mean() const {
    return count_ == 0 ? 0 : static_cast<double>(sum_) / static_cast<double>(count_);
  }
  std::int64_t max() const { return max_; }

 private:
  static constexpr std::size_t buckets = 600;  // 1.04^600 > 10^10: beyond any run
  static std::size_t bucket_of(std::int64_t value);
  static std::int64_t upper_bound_of(std::size_t bucket);

  std::array<std::uint64_t, buckets> counts_{};
  std::uint64_t count_ = 0;
  std::int64_t sum_ = 0;
  std::int64_t max_ = 0;
};

// The run over time, for the HTML page's plot: at most `samples_max` samples; when full, every
// other one is dropped and the interval between samples doubles, so memory stays bounded however
// long the run.
class Timeline {
 public:
  struct Sample {
    double real_s = 0;  // since the orders began
    std::uint64_t placed = 0;
    std::uint64_t delivered = 0;
    std::uint64_t in_flight = 0;  // customers' visits under way
    std::uint64_t couriers_busy = 0;
  };
  static constexpr std::size_t samples_max = 512;
  // Kept when at least the current interval after the last sample kept.
  void offer(const Sample& sample);
  const std::vector<Sample>& samples() const { return samples_; }

 private:
  double interval_s_ = 1;
  std::vector<Sample> samples_;
};

struct RouteStats {
  Histogram latency_us;
  std::uint64_t errors_5xx = 0;
  std::uint64_t transport_failures = 0;
};

// The run's counters. Everything runs on the simulator's one thread: no locks.
struct Stats {
  // HTTP, per route template ("POST /v1/orders").
  void record_http(std::string_view route, int status, std::chrono::microseconds latency);
  std::map<std::string, RouteStats, std::less<>> routes;
  std::uint64_t rate_limited = 0;  // 429 and 503 answers waited out

  // Customers.
  std::uint64_t journeys = 0;
  std::uint64_t browse_only = 0;
  std::uint64_t searches = 0;
  std::uint64_t payment_declined = 0;
  std::uint64_t checkout_failed = 0;  // refused for another reason (closed, sold out, ...)
  std::uint64_t orders_placed = 0;
  std::uint64_t orders_delivered = 0;
  std::uint64_t orders_failed = 0;  // failed at the door
  std::uint64_t orders_rejected = 0;
  std::uint64_t orders_cancelled = 0;
  std::uint64_t ratings = 0;
  std::uint64_t complaints = 0;
  std::uint64_t watched = 0;
  std::uint64_t skipped_no_idle_customer = 0;
  std::uint64_t group_orders = 0;  // placed
  std::uint64_t group_guests = 0;  // who joined a group cart
  std::uint64_t scheduled_orders = 0;
  Histogram scheduled_minutes_late_x100;  // scheduled time to the door (0 when early), × 100
  Histogram ws_lag_us;
  Histogram delivery_minutes_x100;  // placed to delivered, simulated minutes × 100
  std::uint64_t on_time = 0;
  // The drop-off ETA a watching customer was shown at pickup against the ride it took (the
  // server's own definition of its ETA records), in simulated seconds: the absolute error
  // overall and per simulated hour of the day the order was picked up, and the signed sum
  // (late positive) for the bias.
  Histogram eta_error_s;
  std::map<int, Histogram> eta_error_s_by_hour;
  double eta_signed_error_s_sum = 0;

  // Merchants.
  std::uint64_t accepted_by_merchant = 0;
  std::uint64_t rejected_by_merchant = 0;

  // Couriers.
  std::uint64_t offers_received = 0;
  std::uint64_t offers_accepted = 0;
  std::uint64_t offers_declined = 0;
  std::uint64_t offers_lost = 0;  // accepted too late (lapsed or withdrawn): 409
  std::uint64_t gps_points_sent = 0;
  std::uint64_t gps_points_accepted = 0;
  std::uint64_t gps_points_flagged = 0;
  std::uint64_t courier_dark_spells = 0;
  std::uint64_t courier_dark_holding = 0;  // of those, while holding an order not picked up
  std::uint64_t shifts_ended = 0;
  std::uint64_t shifts_started = 0;
  // Utilisation, from each courier's own steps: simulated seconds on shift, and of those with a
  // delivery (from accepting it to delivering, failing or losing it); per courier in ‰.
  double courier_online_s = 0;
  double courier_busy_s = 0;
  Histogram courier_utilisation_permille;

  // The operator.
  std::uint64_t operator_reassigned = 0;
  std::uint64_t operator_refused = 0;  // an assignment the server refused
  std::uint64_t proofs = 0;
  double courier_metres_on_orders = 0;  // from accepting an offer to the door, per delivered order
  Histogram courier_metres_per_order;

  Timeline timeline;

  // The final check.
  std::uint64_t orders_checked = 0;
  std::uint64_t orders_lost = 0;  // not found, or not in a terminal state after the drain
};

}  // namespace reskflow::simulate
