// Prometheus against the cluster test's nodes (cluster_prometheus.h).
#include "cluster_prometheus.h"

#include <signal.h>

#include <boost/json.hpp>

#include <cctype>
#include <fstream>
#include <regex>
#include <stdexcept>

#include "cluster_haproxy.h"
#include "reskflow/testing/client.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

constexpr auto start_timeout = 60s;

// Replaces the one line equal to `line` (leading spaces aside); throws when it is missing.
void rewrite(std::string& text, const std::string& line, const std::string& replacement) {
  const auto at = text.find(line);
  if (at == std::string::npos)
    throw std::runtime_error("deploy/prometheus/prometheus.yml changed: no `" + line + "`");
  text.replace(at, line.size(), replacement);
}

// GET on Prometheus' API; the `data` member, or null when it did not answer with success.
boost::json::value api_data(std::uint16_t port, const std::string& path) {
  try {
    HttpClient client(port, 10s);
    const auto answer = client.get(path);
    if (answer.status != 200) return nullptr;
    const auto body = boost::json::parse(answer.body).as_object();
    if (body.at("status") != "success") return nullptr;
    return body.at("data");
  } catch (const std::exception&) {  // not answering yet
    return nullptr;
  }
}

// A query string's value, percent-encoded (RFC 3986 unreserved characters kept).
std::string url_encoded(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char character : text) {
    const auto c = static_cast<unsigned char>(character);
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string prometheus_config(const std::string& template_text,
                              const std::filesystem::path& rules_file,
                              const std::filesystem::path& targets_file) {
  std::string text = template_text;
  rewrite(text, "scrape_interval: 15s", "scrape_interval: 1s\n  scrape_timeout: 1s");
  rewrite(text, "evaluation_interval: 15s", "evaluation_interval: 1s");
  rewrite(text, "- alerts.yml", "- " + rules_file.string());
  rewrite(text, "files: [nodes.yml]", "files: [" + targets_file.string() + "]");
  return text;
}

Prometheus::Prometheus(const std::filesystem::path& deploy_dir, const std::filesystem::path& dir,
                       const std::vector<std::uint16_t>& node_ports)
    : port_(free_port()) {
  const auto targets = dir / "nodes.yml";
  {
    std::ofstream out(targets);
    out << "- targets: [";
    for (std::size_t i = 0; i < node_ports.size(); ++i)
      out << (i == 0 ? "" : ", ") << "127.0.0.1:" << node_ports[i];
    out << "]\n  labels:\n    role: api\n";
  }
  const auto config = dir / "prometheus.yml";
  std::ofstream(config) << prometheus_config(
      read_text(deploy_dir / "prometheus" / "prometheus.yml"),
      deploy_dir / "prometheus" / "alerts.yml", targets);
  const auto program = find_program("prometheus");
  if (!program) throw std::runtime_error("prometheus is not installed");
  process_ = std::make_unique<Process>(
      std::vector<std::string>{*program, "--config.file=" + config.string(),
                               "--storage.tsdb.path=" + (dir / "data").string(),
                               "--web.listen-address=127.0.0.1:" + std::to_string(port_)},
      std::map<std::string, std::string>{});
  if (!process_->wait_for_line(std::regex("Server is ready to receive web requests"),
                               start_timeout))
    throw std::runtime_error("prometheus did not start:\n" + process_->output());
}

Prometheus::~Prometheus() {
  process_->signal(SIGTERM);
  process_->wait_exit(start_timeout);
}

std::string Prometheus::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

bool Prometheus::wait_for_targets_up(std::size_t count, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    const auto data = api_data(port_, "/api/v1/targets?state=active");
    if (!data.is_object()) continue;
    std::size_t up = 0;
    for (const auto& target : data.at("activeTargets").as_array())
      if (target.at("health") == "up") ++up;
    if (up >= count) return true;
  }
  return false;
}

bool Prometheus::wait_for_data(const std::string& expr, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  const auto path = "/api/v1/query?query=" + url_encoded(expr);
  while (std::chrono::steady_clock::now() < until) {
    const auto data = api_data(port_, path);
    if (data.is_object() && !data.at("result").as_array().empty()) return true;
  }
  return false;
}

std::optional<std::vector<std::string>> Prometheus::failed_rules(
    std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    const auto data = api_data(port_, "/api/v1/rules?type=alert");
    if (!data.is_object()) continue;
    std::vector<std::string> failed;
    std::size_t rules = 0;
    bool evaluated = true;
    for (const auto& group : data.at("groups").as_array()) {
      for (const auto& rule : group.at("rules").as_array()) {
        ++rules;
        const auto& health = rule.at("health");
        evaluated = evaluated && health != "unknown";
        if (health == "err")
          failed.push_back(std::string(rule.at("name").as_string()) + ": " +
                           std::string(rule.at("lastError").as_string()));
      }
    }
    if (rules > 0 && evaluated) return failed;
  }
  return std::nullopt;
}

}  // namespace reskflow::testing
