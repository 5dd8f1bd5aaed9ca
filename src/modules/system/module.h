// The system module: health and readiness probes, /metrics, service status, and the
// system.status WebSocket feed for operators.
#pragma once

#include <chrono>

#include <boost/json/object.hpp>

#include "metrics.h"
#include "operator_access.h"
#include "reskflow/modules/background_loop.h"
#include "reskflow/system/system.h"
#include "service.h"
#include "settings.h"

namespace reskflow::system {

class SystemModule final : public modules::Module {
 public:
  SystemModule(const modules::Platform& platform, Deps deps, SystemSettings settings,
               OperatorAccess operator_access);
  ~SystemModule() override;

  std::string_view name() const override { return "system"; }
  std::span<const store::EmbeddedFile> migrations() const override { return {}; }
  Status add_routes(http::Router& router) override;
  Status start() override;
  void stop() override;

  // {"status":"ok","version":...,"uptime_seconds":...}, rendered without building a JSON
  // document: load balancers and benchmarks call /health more than anything else.
  std::string health_json() const;
  // Version, uptime, engines, modules, each dependency's readiness and the composition root's
  // sections (Deps::status): for operators, the status feed and admins.
  boost::json::object status() const;
  // What the web portals need from the server's configuration (map tiles and centre).
  boost::json::object web_config() const;
  Readiness readiness();
  std::string metrics_text() const;
  // Who may read metrics, status and the status feed.
  const OperatorAccess& operator_access() const { return operator_access_; }

 private:
  void publish_status();

  modules::Platform platform_;
  Deps deps_;
  SystemSettings settings_;
  OperatorAccess operator_access_;
  SystemMetrics metrics_;
  const std::chrono::steady_clock::time_point started_;
  const std::string health_prefix_;  // health_json() up to the uptime's value
  modules::BackgroundLoop publisher_;
};

// {"<name>":{"ok":...,"detail":...,"required":false}} for each check, as /health/ready shows them.
boost::json::object checks_json(const Readiness& readiness);

Status add_system_routes(http::Router& router, SystemModule& module);

}  // namespace reskflow::system
