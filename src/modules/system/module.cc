// The system module's lifecycle and the state its routes render.
#include "module.h"

#include <boost/json/parse.hpp>
#include <boost/json/string.hpp>
#include <charconv>

#include "reskflow/core/json_text.h"
#include "reskflow/core/log.h"
#include "reskflow/modules/settings.h"

namespace reskflow::system {

SystemModule::SystemModule(const modules::Platform& platform, Deps deps, SystemSettings settings,
                           OperatorAccess operator_access)
    : platform_(platform),
      deps_(std::move(deps)),
      settings_(settings),
      operator_access_(std::move(operator_access)),
      metrics_(platform.metrics, deps_.version),
      started_(std::chrono::steady_clock::now()),
      health_prefix_(R"({"status":"ok","version":)" +
                     json::serialize(boost::json::string(deps_.version)) + R"(,"uptime_seconds":)"),
      publisher_("system_status", settings_.status_interval_ms, [this] { publish_status(); }) {}

SystemModule::~SystemModule() { stop(); }

Status SystemModule::add_routes(http::Router& router) { return add_system_routes(router, *this); }

Status SystemModule::start() {
  auto family = platform_.hub.add_topic_family(
      "system", [this](const http::Request& request, std::string_view topic) -> Status {
        if (topic != "system.status") return fail(ErrorCode::not_found, "no such topic");
        if (auto refused = operator_access_.refusal(request)) return std::unexpected(*refused);
        return {};
      });
  if (!family) return family;
  publisher_.start();
  return {};
}

void SystemModule::stop() {
  publisher_.stop(std::chrono::milliseconds(platform_.config.shutdown_timeout_ms));
}

void SystemModule::publish_status() {
  if (platform_.hub.subscriber_count("system.status") == 0) return;
  platform_.hub.publish("system.status", json::serialize(status()));
  metrics_.status_published.inc();
}

std::string SystemModule::health_json() const {
  const auto uptime = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_);
  char number[32];
  const auto end = std::to_chars(number, number + sizeof number, uptime.count()).ptr;
  std::string out;
  out.reserve(health_prefix_.size() + static_cast<std::size_t>(end - number) + 1);
  out.append(health_prefix_).append(number, end).push_back('}');
  return out;
}

boost::json::object SystemModule::web_config() const {
  const auto& c = platform_.config;
  boost::json::object map{{"center", {{"lat", c.map_center_lat}, {"lng", c.map_center_lng}}},
                          {"tile_url", nullptr},
                          {"attribution", nullptr}};
  if (!c.map_tile_url.empty()) map["tile_url"] = c.map_tile_url;
  if (!c.map_tile_attribution.empty()) map["attribution"] = c.map_tile_attribution;
  boost::json::object out{{"map", std::move(map)}};
  for (const auto& [name, section] : deps_.web_config) out[name] = section;
  return out;
}

boost::json::object SystemModule::status() const {
  auto out = boost::json::parse(health_json()).as_object();
  boost::json::array modules;
  for (const auto& m : deps_.module_names) modules.emplace_back(m);
  out["environment"] = environment_name(platform_.config.environment);
  out["database_engine"] = store::engine_name(platform_.database.engine());
  out["modules"] = std::move(modules);
  out["websocket_connections"] = platform_.hub.connection_count();
  if (const auto p = read_process_stats()) {
    out["resident_memory_bytes"] = p->resident_bytes;
    out["cpu_seconds"] = p->cpu_seconds;
  }
  // Evaluated without readiness()'s warning and counter: a status read is not a probe.
  const auto ready = evaluate_readiness(deps_.readiness);
  out["ready"] = ready.ready;
  out["checks"] = checks_json(ready);
  for (const auto& section : deps_.status) out[section.name] = section.read();
  return out;
}

boost::json::object checks_json(const Readiness& readiness) {
  boost::json::object checks;
  for (const auto& c : readiness.checks) {
    boost::json::object one{{"ok", c.ok}};
    if (!c.detail.empty()) one["detail"] = c.detail;
    if (!c.required) one["required"] = false;
    checks[c.name] = std::move(one);
  }
  return checks;
}

Readiness SystemModule::readiness() {
  auto r = evaluate_readiness(deps_.readiness);
  if (!r.ready) {
    metrics_.readiness_failures.inc();
    for (const auto& c : r.checks) {
      if (!c.ok) log::warn("readiness_check_failed", {{"check", c.name}, {"detail", c.detail}});
    }
  }
  return r;
}

std::string SystemModule::metrics_text() const { return platform_.metrics.render(); }

Result<std::unique_ptr<modules::Module>> make_module(const modules::Platform& platform, Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  RF_TRY(access, OperatorAccess::from(platform.config));
  return std::make_unique<SystemModule>(platform, std::move(deps), *settings, std::move(*access));
}

}  // namespace reskflow::system
