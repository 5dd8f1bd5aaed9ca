// System rules without HTTP: readiness evaluation, process statistics, status snapshots.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/system/system.h"

namespace reskflow::system {

struct CheckResult {
  std::string name;
  bool ok = false;
  std::string detail;
  bool required = true;
};

struct Readiness {
  bool ready = false;
  std::vector<CheckResult> checks;
};

// Runs every check; ready only when all required ones pass. A check that throws counts as
// failed.
Readiness evaluate_readiness(const std::vector<ReadinessCheck>& checks);

struct ProcessStats {
  double cpu_seconds = 0;  // user + system
  std::int64_t resident_bytes = 0;
  std::int64_t virtual_bytes = 0;
  std::int64_t open_fds = 0;
  std::int64_t threads = 0;
};

// Reads /proc/self; nullopt when it is not available.
std::optional<ProcessStats> read_process_stats();

// Parses the text of /proc/self/stat (exposed for tests).
std::optional<ProcessStats> parse_proc_stat(std::string_view stat, long clock_ticks_per_second,
                                            long page_bytes);

// CPU use in percent of one core between two samples.
double cpu_percent(double cpu_seconds_before, double cpu_seconds_after,
                   std::chrono::duration<double> wall);

}  // namespace reskflow::system
