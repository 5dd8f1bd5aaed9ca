// Prometheus metrics: counters, gauges and histograms with labels, rendered in text format 0.0.4.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reskflow::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  void inc(double by = 1.0) { value_.fetch_add(by, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Gauge {
 public:
  void set(double v) { value_.store(v, std::memory_order_relaxed); }
  void add(double by) { value_.fetch_add(by, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);
  void observe(double v);
  // Cumulative counts per bucket (the last is +Inf), sum and count.
  std::vector<std::uint64_t> cumulative_counts() const;
  double sum() const { return sum_.load(std::memory_order_relaxed); }
  std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  const std::vector<double>& upper_bounds() const { return bounds_; }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;
  std::atomic<double> sum_{0.0};
  std::atomic<std::uint64_t> count_{0};
};

// Buckets for request latency in seconds and for sizes in bytes.
std::vector<double> latency_buckets_seconds();
std::vector<double> size_buckets_bytes();

enum class Kind : std::uint8_t { counter, gauge, histogram };

// Owns every metric of the process. Families are created on first use; label sets are
// looked up under a mutex, values are lock-free atomics.
class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;
  // Unique for the life of the process, even when a registry reuses a freed address.
  std::uint64_t id() const { return id_; }

  Counter& counter(std::string_view name, std::string_view help, const Labels& labels = {});
  Gauge& gauge(std::string_view name, std::string_view help, const Labels& labels = {});
  Histogram& histogram(std::string_view name, std::string_view help,
                       const std::vector<double>& upper_bounds, const Labels& labels = {});

  // A gauge computed at scrape time (process memory, queue depths, ...).
  void gauge_callback(std::string_view name, std::string_view help, std::function<double()> read);
  // A counter kept elsewhere (the kernel's CPU time, a library's totals), read at scrape time.
  void counter_callback(std::string_view name, std::string_view help, std::function<double()> read);

  std::string render() const;

 private:
  struct Family;
  Family& family(std::string_view name, std::string_view help, Kind kind);

  const std::uint64_t id_;
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Family>, std::less<>> families_;
};

// Escapes a label value for the text format.
std::string escape_label_value(std::string_view value);

}  // namespace reskflow::metrics
