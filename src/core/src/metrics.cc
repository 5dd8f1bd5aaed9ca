// Prometheus registry and text exposition.
#include "reskflow/core/metrics.h"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <variant>

#include "reskflow/core/assert.h"

namespace reskflow::metrics {

Histogram::Histogram(std::vector<double> upper_bounds)
    : bounds_(std::move(upper_bounds)),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {
  std::sort(bounds_.begin(), bounds_.end());
}

void Histogram::observe(double v) {
  const auto it = std::lower_bound(bounds_.begin(), bounds_.end(), v);
  const auto index = static_cast<std::size_t>(it - bounds_.begin());
  buckets_[index].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

std::vector<std::uint64_t> Histogram::cumulative_counts() const {
  std::vector<std::uint64_t> out(bounds_.size() + 1);
  std::uint64_t running = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    out[i] = running;
  }
  return out;
}

std::vector<double> latency_buckets_seconds() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

std::vector<double> size_buckets_bytes() {
  return {64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304};
}

using Series = std::variant<std::unique_ptr<Counter>, std::unique_ptr<Gauge>,
                            std::unique_ptr<Histogram>, std::function<double()>>;

struct Registry::Family {
  std::string name;
  std::string help;
  Kind kind;
  std::vector<std::pair<Labels, Series>> series;

  Series* find(const Labels& labels) {
    for (auto& [l, s] : series) {
      if (l == labels) return &s;
    }
    return nullptr;
  }
};

namespace {
std::atomic<std::uint64_t> next_registry_id{1};
}  // namespace

Registry::Registry() : id_(next_registry_id.fetch_add(1)) {}

Registry::~Registry() = default;

Registry::Family& Registry::family(std::string_view name, std::string_view help, Kind kind) {
  auto it = families_.find(name);
  if (it == families_.end()) {
    auto f = std::make_unique<Family>(Family{std::string(name), std::string(help), kind, {}});
    it = families_.emplace(std::string(name), std::move(f)).first;
  }
  RF_PANIC(it->second->kind == kind, "a metric name is registered with two kinds");
  return *it->second;
}

Counter& Registry::counter(std::string_view name, std::string_view help, const Labels& labels) {
  std::lock_guard lock(mutex_);
  auto& f = family(name, help, Kind::counter);
  if (auto* s = f.find(labels)) return *std::get<std::unique_ptr<Counter>>(*s);
  f.series.emplace_back(labels, std::make_unique<Counter>());
  return *std::get<std::unique_ptr<Counter>>(f.series.back().second);
}

Gauge& Registry::gauge(std::string_view name, std::string_view help, const Labels& labels) {
  std::lock_guard lock(mutex_);
  auto& f = family(name, help, Kind::gauge);
  if (auto* s = f.find(labels)) return *std::get<std::unique_ptr<Gauge>>(*s);
  f.series.emplace_back(labels, std::make_unique<Gauge>());
  return *std::get<std::unique_ptr<Gauge>>(f.series.back().second);
}

Histogram& Registry::histogram(std::string_view name, std::string_view help,
                               const std::vector<double>& upper_bounds, const Labels& labels) {
  std::lock_guard lock(mutex_);
  auto& f = family(name, help, Kind::histogram);
  if (auto* s = f.find(labels)) return *std::get<std::unique_ptr<Histogram>>(*s);
  f.series.emplace_back(labels, std::make_unique<Histogram>(upper_bounds));
  return *std::get<std::unique_ptr<Histogram>>(f.series.back().second);
}

void Registry::gauge_callback(std::string_view name, std::string_view help,
                              std::function<double()> read) {
  std::lock_guard lock(mutex_);
  auto& f = family(name, help, Kind::gauge);
  f.series.emplace_back(Labels{}, std::move(read));
}

void Registry::counter_callback(std::string_view name, std::string_view help,
                                std::function<double()> read) {
  std::lock_guard lock(mutex_);
  auto& f = family(name, help, Kind::counter);
  f.series.emplace_back(Labels{}, std::move(read));
}

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

namespace {

std::string label_text(const Labels& labels, std::string_view extra_key = {},
                       std::string_view extra_value = {}) {
  if (labels.empty() && extra_key.empty()) return {};
  std::string out = "{";
  for (const auto& [k, v] : labels) {
    if (out.size() > 1) out += ',';
    out += fmt::format("{}=\"{}\"", k, escape_label_value(v));
  }
  if (!extra_key.empty()) {
    if (out.size() > 1) out += ',';
    out += fmt::format("{}=\"{}\"", extra_key, extra_value);
  }
  out += '}';
  return out;
}

std::string number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

void render_histogram(std::string& out, const std::string& name, const Labels& labels,
                      const Histogram& h) {
  const auto counts = h.cumulative_counts();
  const auto& bounds = h.upper_bounds();
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const auto le = i < bounds.size() ? number(bounds[i]) : std::string("+Inf");
    out += fmt::format("{}_bucket{} {}\n", name, label_text(labels, "le", le), counts[i]);
  }
  out += fmt::format("{}_sum{} {}\n", name, label_text(labels), number(h.sum()));
  out += fmt::format("{}_count{} {}\n", name, label_text(labels), h.count());
}

}  // namespace

std::string Registry::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, f] : families_) {
    constexpr std::string_view kinds[] = {"counter", "gauge", "histogram"};
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, f->help, name,
                       kinds[static_cast<std::size_t>(f->kind)]);
    for (const auto& [labels, series] : f->series) {
      if (const auto* c = std::get_if<std::unique_ptr<Counter>>(&series)) {
        out += fmt::format("{}{} {}\n", name, label_text(labels), number((*c)->value()));
      } else if (const auto* g = std::get_if<std::unique_ptr<Gauge>>(&series)) {
        out += fmt::format("{}{} {}\n", name, label_text(labels), number((*g)->value()));
      } else if (const auto* h = std::get_if<std::unique_ptr<Histogram>>(&series)) {
        render_histogram(out, name, labels, **h);
      } else {
        const auto& read = std::get<std::function<double()>>(series);
        out += fmt::format("{}{} {}\n", name, label_text(labels), number(read()));
      }
    }
  }
  return out;
}

}  // namespace reskflow::metrics
