// JSON log lines through spdlog, with the current request id and trace, and secret redaction.
#include "reskflow/core/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <fmt/chrono.h>
#include <array>
#include <atomic>
#include <boost/json/object.hpp>
#include <chrono>

#include "reskflow/core/json_text.h"
#include "reskflow/core/trace.h"

namespace reskflow::log {
namespace {

thread_local std::string_view current_request_id;
std::atomic<Level> min_level{Level::info};

constexpr std::array<std::string_view, 6> level_names{"trace", "debug", "info",
                                                      "warn",  "error", "off"};

spdlog::logger& logger() {
  static const std::shared_ptr<spdlog::logger> instance = [] {
    auto l = std::make_shared<spdlog::logger>("reskflow",
                                              std::make_shared<spdlog::sinks::stderr_sink_mt>());
    l->set_pattern("%v");
    l->set_level(spdlog::level::trace);
    l->flush_on(spdlog::level::trace);
    return l;
  }();
  return *instance;
}

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const auto seconds = std::chrono::floor<std::chrono::seconds>(now);
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now - seconds).count();
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:06d}Z", seconds, micros);
}

}  // namespace

bool parse_level(std::string_view name, Level& out) {
  for (std::size_t i = 0; i < level_names.size(); ++i) {
    if (level_names[i] == name) {
      out = static_cast<Level>(i);
      return true;
    }
  }
  return false;
}

void set_level(Level level) { min_level.store(level, std::memory_order_relaxed); }

bool enabled(Level level) {
  return level != Level::off && level >= min_level.load(std::memory_order_relaxed);
}

bool is_secret_key(std::string_view key) {
  constexpr std::array<std::string_view, 9> markers{"password",      "token",  "secret",
                                                    "authorization", "cookie", "api_key",
                                                    "apikey",        "otp",    "private_key"};
  std::string lower(key);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto marker : markers) {
    if (lower.find(marker) != std::string::npos) return true;
  }
  return false;
}

std::string render(Level level, std::string_view event, Fields fields,
                   std::string_view request_id) {
  boost::json::object line;
  line["time"] = utc_now();
  line["level"] = level_names[static_cast<std::size_t>(level)];
  line["event"] = event;
  if (!request_id.empty()) line["request_id"] = request_id;
  if (const auto* span = trace::current()) {
    line["trace_id"] = span->trace_id;
    line["span_id"] = span->span_id;
  }
  for (const auto& field : fields) {
    if (is_secret_key(field.key)) {
      line[field.key] = "[redacted]";
      continue;
    }
    std::visit([&](const auto& v) { line[field.key] = v; }, field.value);
  }
  return json::serialize(line);
}

void write(Level level, std::string_view event, Fields fields) {
  if (!enabled(level)) return;
  logger().log(spdlog::level::info, render(level, event, fields, current_request_id));
}

ScopedRequestId::ScopedRequestId(std::string_view id) : previous_(current_request_id) {
  current_request_id = id;
}

ScopedRequestId::~ScopedRequestId() { current_request_id = previous_; }

}  // namespace reskflow::log
