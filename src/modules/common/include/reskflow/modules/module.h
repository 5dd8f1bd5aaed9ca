// The contract every domain module implements; the composition root (src/app) builds the
// modules in order, migrates their tables, registers their routes, starts them, and stops them
// in reverse order.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "reskflow/bus/transport.h"
#include "reskflow/core/config.h"
#include "reskflow/core/errors.h"
#include "reskflow/core/metrics.h"
#include "reskflow/core/router.h"
#include "reskflow/core/ws_hub.h"
#include "reskflow/store/database.h"
#include "reskflow/store/embedded_file.h"

namespace reskflow::modules {

// What the composition root hands to each module's constructor.
struct Platform {
  const Config& config;
  store::Database& database;
  // Modules publish with bus::publish(tx, event) inside their write transactions and
  // subscribe here in start(); the relay delivers at least once (dedupe with bus::handle_once).
  bus::Transport& events;
  ws::Hub& hub;
  metrics::Registry& metrics;
};

// The name of a consumer that every node runs for itself (a per-node cache or index, which
// must see every event): `prefix` + Config::node_name, else the host name, else "node". A
// stable name resumes the consumer's position after a restart.
std::string per_node_consumer(const Config& config, std::string_view prefix);

class Module {
 public:
  virtual ~Module() = default;

  virtual std::string_view name() const = 0;
  // This module's numbered migrations (from reskflow_embed_migrations); empty if it has none.
  virtual std::span<const store::EmbeddedFile> migrations() const = 0;
  // Every route this module serves; a duplicate or malformed one fails start-up.
  virtual Status add_routes(http::Router& router) = 0;
  // Event subscriptions, topic families, background jobs; called after migrations and before
  // the relay and the server start.
  virtual Status start() = 0;
  // Stops taking work, awaits what is in flight with a bound; called in reverse order.
  virtual void stop() = 0;
};

}  // namespace reskflow::modules
