// Debian's Prometheus on deploy/prometheus's configuration and alert rules, scraping the cluster
// test's nodes every second (docs/deployment.md#monitoring).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "process.h"

namespace reskflow::testing {

// deploy/prometheus/prometheus.yml with a one-second scrape and evaluation, its rule file and
// its file of targets named by absolute paths. Throws when the template no longer has a line
// it rewrites.
std::string prometheus_config(const std::string& template_text,
                              const std::filesystem::path& rules_file,
                              const std::filesystem::path& targets_file);

class Prometheus {
 public:
  // Starts prometheus on prometheus_config() of the template in `deploy_dir`, scraping the nodes
  // on `node_ports` (nodes.yml written in `dir`, as machines behind HAProxy are listed); throws
  // when it does not say it is ready.
  Prometheus(const std::filesystem::path& deploy_dir, const std::filesystem::path& dir,
             const std::vector<std::uint16_t>& node_ports);
  ~Prometheus();
  Prometheus(const Prometheus&) = delete;
  Prometheus& operator=(const Prometheus&) = delete;

  std::string url() const;
  // Until `count` targets are up (/api/v1/targets); false after `timeout`.
  bool wait_for_targets_up(std::size_t count, std::chrono::milliseconds timeout);
  // Until `expr` answers at least one series (/api/v1/query); false after `timeout`.
  bool wait_for_data(const std::string& expr, std::chrono::milliseconds timeout);
  // Until every alert rule has been evaluated (/api/v1/rules); the rules whose evaluation
  // failed, with Prometheus' error, or nullopt after `timeout`.
  std::optional<std::vector<std::string>> failed_rules(std::chrono::milliseconds timeout);
  std::string output() const { return process_->output(); }

 private:
  std::uint16_t port_ = 0;
  std::unique_ptr<Process> process_;
};

}  // namespace reskflow::testing
