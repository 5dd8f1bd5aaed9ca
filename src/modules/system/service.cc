// Readiness and process statistics for the system module.
#include "service.h"

#include <unistd.h>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace reskflow::system {

Readiness evaluate_readiness(const std::vector<ReadinessCheck>& checks) {
  Readiness out;
  out.ready = true;
  for (const auto& c : checks) {
    CheckResult r{c.name, false, {}, c.required};
    try {
      const auto status = c.check();
      r.ok = status.has_value();
      if (!r.ok) r.detail = status.error().detail;
    } catch (const std::exception& e) {
      r.detail = e.what();
    }
    out.ready = out.ready && (r.ok || !r.required);
    out.checks.push_back(std::move(r));
  }
  return out;
}

std::optional<ProcessStats> parse_proc_stat(std::string_view stat, long ticks, long page_bytes) {
  // The command name (field 2) may contain spaces and parentheses: fields resume after the
  // last ')'.
  const auto close = stat.rfind(')');
  if (close == std::string_view::npos || ticks <= 0) return std::nullopt;
  std::istringstream in{std::string(stat.substr(close + 2))};
  std::vector<std::string> fields;
  for (std::string f; in >> f;) fields.push_back(std::move(f));
  // Relative to field 3 (state): utime 14, stime 15, num_threads 20, vsize 23, rss 24.
  constexpr std::size_t utime = 11, stime = 12, threads = 17, vsize = 20, rss = 21;
  if (fields.size() <= rss) return std::nullopt;
  auto number = [&](std::size_t i) {
    std::int64_t v = 0;
    std::from_chars(fields[i].data(), fields[i].data() + fields[i].size(), v);
    return v;
  };
  ProcessStats s;
  s.cpu_seconds = static_cast<double>(number(utime) + number(stime)) / static_cast<double>(ticks);
  s.threads = number(threads);
  s.virtual_bytes = number(vsize);
  s.resident_bytes = number(rss) * page_bytes;
  return s;
}

std::optional<ProcessStats> read_process_stats() {
  std::ifstream in("/proc/self/stat");
  if (!in) return std::nullopt;
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto s = parse_proc_stat(stat, sysconf(_SC_CLK_TCK), sysconf(_SC_PAGESIZE));
  if (!s) return std::nullopt;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    ++s->open_fds;
  }
  return s;
}

double cpu_percent(double before, double after, std::chrono::duration<double> wall) {
  if (wall.count() <= 0) return 0;
  return (after - before) / wall.count() * 100.0;
}

}  // namespace reskflow::system
