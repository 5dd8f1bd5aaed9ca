// Histograms and the per-route HTTP counters of the simulator (stats.h).
#include "stats.h"

#include <cmath>

namespace reskflow::simulate {

namespace {
constexpr double bucket_ratio = 1.04;
}

std::size_t Histogram::bucket_of(std::int64_t value) {
  if (value <= 1) return 0;
  const auto b = static_cast<std::size_t>(
      std::ceil(std::log(static_cast<double>(value)) / std::log(bucket_ratio)));
  return b < buckets ? b : buckets - 1;
}

std::int64_t Histogram::upper_bound_of(std::size_t bucket) {
  return static_cast<std::int64_t>(std::ceil(std::pow(bucket_ratio, static_cast<double>(bucket))));
}

void Histogram::add(std::int64_t value) {
  if (value < 0) value = 0;
  ++counts_[bucket_of(value)];
  ++count_;
  sum_ += value;
  if (value > max_) max_ = value;
}

void Histogram::merge(const Histogram& other) {
  for (std::size_t b = 0; b < buckets; ++b) counts_[b] += other.counts_[b];
  count_ += other.count_;
  sum_ += other.sum_;
  if (other.max_ > max_) max_ = other.max_;
}

std::int64_t Histogram::percentile(double p) const {
  if (count_ == 0) return 0;
  const auto rank = static_cast<std::uint64_t>(std::ceil(p / 100 * static_cast<double>(count_)));
  std::uint64_t seen = 0;
  for (std::size_t b = 0; b < buckets; ++b) {
    seen += counts_[b];
    if (seen >= rank && seen > 0) return std::min(upper_bound_of(b), max_);
  }
  return max_;
}

void Timeline::offer(const Sample& sample) {
  if (!samples_.empty() && sample.real_s < samples_.back().real_s + interval_s_) return;
  samples_.push_back(sample);
  if (samples_.size() < samples_max) return;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < samples_.size(); i += 2) samples_[kept++] = samples_[i];
  samples_.resize(kept);
  interval_s_ *= 2;
}

void Stats::record_http(std::string_view route, int status, std::chrono::microseconds latency) {
  auto it = routes.find(route);
  if (it == routes.end()) it = routes.emplace(std::string(route), RouteStats{}).first;
  if (status == 0) {
    ++it->second.transport_failures;
    return;
  }
  it->second.latency_us.add(latency.count());
  if (status >= 500) ++it->second.errors_5xx;
}

}  // namespace reskflow::simulate
