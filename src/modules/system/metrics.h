// Every metric the system module exports, declared in one place.
#pragma once

#include <chrono>
#include <mutex>

#include "reskflow/core/metrics.h"

namespace reskflow::system {

// Process metrics: the Prometheus process_* names stand for the original's nodejs_* ones
// (nodejs_memory_usage_bytes → process_resident_memory_bytes, nodejs_cpu_usage_percent →
// process_cpu_usage_percent).
class SystemMetrics {
 public:
  SystemMetrics(metrics::Registry& registry, std::string_view version);

  metrics::Counter& readiness_failures;
  metrics::Counter& status_published;

 private:
  double cpu_percent_since_last_scrape();

  std::mutex cpu_mutex_;
  std::chrono::steady_clock::time_point last_scrape_;
  double last_cpu_seconds_ = 0;
};

}  // namespace reskflow::system
