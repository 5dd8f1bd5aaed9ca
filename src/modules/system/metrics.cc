// Registration of the system module's metrics, process statistics read at scrape time.
#include "metrics.h"

#include <ctime>

#include "reskflow/core/assert.h"
#include "service.h"

namespace reskflow::system {
namespace {

double stat_or_zero(double ProcessStats::*field) {
  const auto s = read_process_stats();
  return s ? (*s).*field : 0.0;
}

double stat_or_zero(std::int64_t ProcessStats::*field) {
  const auto s = read_process_stats();
  return s ? static_cast<double>((*s).*field) : 0.0;
}

}  // namespace

SystemMetrics::SystemMetrics(metrics::Registry& r, std::string_view version)
    : readiness_failures(
          r.counter("readiness_checks_failed_total", "Readiness probes answered 503")),
      status_published(r.counter("system_status_published_total",
                                 "Messages published on the system.status topic")),
      last_scrape_(std::chrono::steady_clock::now()),
      last_cpu_seconds_(stat_or_zero(&ProcessStats::cpu_seconds)) {
  r.gauge("reskflow_build_info", "Version of this binary", {{"version", std::string(version)}})
      .set(1);
  r.gauge("process_start_time_seconds", "Start time of the process since the Unix epoch")
      .set(static_cast<double>(std::time(nullptr)));
  r.counter_callback("process_cpu_seconds_total", "User and system CPU time in seconds",
                     [] { return stat_or_zero(&ProcessStats::cpu_seconds); });
  r.gauge_callback("process_cpu_usage_percent", "CPU use since the previous scrape (% of a core)",
                   [this] { return cpu_percent_since_last_scrape(); });
  r.gauge_callback("process_resident_memory_bytes", "Resident memory in bytes",
                   [] { return stat_or_zero(&ProcessStats::resident_bytes); });
  r.gauge_callback("process_virtual_memory_bytes", "Virtual memory in bytes",
                   [] { return stat_or_zero(&ProcessStats::virtual_bytes); });
  r.gauge_callback("process_open_fds", "Open file descriptors",
                   [] { return stat_or_zero(&ProcessStats::open_fds); });
  r.gauge_callback("process_threads", "Threads of the process",
                   [] { return stat_or_zero(&ProcessStats::threads); });
  r.counter_callback("invariant_failures_total", "Broken invariants survived in release builds",
                     [] { return static_cast<double>(invariant_failures()); });
}

double SystemMetrics::cpu_percent_since_last_scrape() {
  std::lock_guard lock(cpu_mutex_);
  const auto now = std::chrono::steady_clock::now();
  const double cpu = stat_or_zero(&ProcessStats::cpu_seconds);
  const double percent = cpu_percent(last_cpu_seconds_, cpu, now - last_scrape_);
  last_scrape_ = now;
  last_cpu_seconds_ = cpu;
  return percent;
}

}  // namespace reskflow::system
