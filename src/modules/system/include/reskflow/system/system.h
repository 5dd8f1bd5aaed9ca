// The system module's public interface: health, readiness, metrics and the live status feed.
#pragma once

#include <boost/json/object.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/modules/module.h"

namespace reskflow::system {

// One dependency /health/ready checks (storage reachable, migrations current, not draining).
struct ReadinessCheck {
  std::string name;
  std::function<Status()> check;
  // false: reported, but the node stays ready without it (it degrades instead).
  bool required = true;
};

// A part of the status document that the composition root reads from a layer the system module
// does not see (the outbox's backlog, the job leases, the engines in use): `read` runs at each
// status read, on a worker, and its value is rendered under `name`.
struct StatusSection {
  std::string name;
  std::function<boost::json::value()> read;
};

// What the composition root tells the system module: it needs no other module's interface.
struct Deps {
  std::string version;
  std::vector<std::string> module_names;
  std::vector<ReadinessCheck> readiness;
  // Sections GET /v1/system/web-config adds after "map", from other modules' settings (the
  // composition root reads them: "chain" holds where the portal checks records).
  boost::json::object web_config;
  // Rendered in GET /v1/system/status after the readiness checks, in this order.
  std::vector<StatusSection> status;
};

// Fails when a RESKFLOW_SYSTEM_* setting is malformed or unknown.
Result<std::unique_ptr<modules::Module>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::system
