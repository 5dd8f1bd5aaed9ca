// The composition root: opens storage, builds the modules in order, migrates, starts them and
// tears them down in reverse. Every module is wired here, top to bottom, in one place.
#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include "cluster_engines.h"
#include "reskflow/bus/relay.h"
#include "reskflow/bus/transport.h"
#include "reskflow/core/config.h"
#include "reskflow/core/metrics.h"
#include "reskflow/core/router.h"
#include "reskflow/core/server.h"
#include "reskflow/core/trace_export.h"
#include "reskflow/core/ws_hub.h"
#include "reskflow/modules/idempotency.h"
#include "reskflow/modules/module.h"
#include "reskflow/store/database.h"
#include "reskflow/store/migrations.h"

namespace reskflow::carts {
class Carts;
}
namespace reskflow::catalog {
class Catalog;
}
namespace reskflow::chain {
class ChainModule;
}
namespace reskflow::deliveries {
class Deliveries;
class DeliveriesModule;
}  // namespace reskflow::deliveries
namespace reskflow::drivers {
class Drivers;
}
namespace reskflow::identity {
class IdentityModule;
}
namespace reskflow::proofs {
class Proofs;
}
namespace reskflow::system {
struct StatusSection;
}
namespace reskflow::promotions {
class Promotions;
}
namespace reskflow::quality {
class Quality;
}
namespace reskflow::reviews {
class Reviews;
}
namespace reskflow::ledger {
class Ledger;
}
namespace reskflow::orders {
class Orders;
}
namespace reskflow::payments {
class Payments;
}
namespace reskflow::subscriptions {
class Subscriptions;
}

namespace reskflow::app {

class Platform {
 public:
  // Opens the database named by config.database_url and builds the selected modules.
  static Result<std::unique_ptr<Platform>> open(const Config& config);
  explicit Platform(const Config& config);
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  Result<store::MigrationStatus> migrate();
  Result<store::MigrationStatus> migration_status();
  Status start();
  // Serves until the drain after SIGTERM/SIGINT completes.
  Status serve();
  // Stops the relay after delivering what is pending (bounded), then the modules in reverse.
  void stop();

  // For verbs that load data without serving (`reskflow seed`): the database, the catalog and
  // reviews (nullptr when their module is not selected), and a bounded delivery of every committed
  // event to the started modules' consumers (the relay's thread stops first; timeout when some
  // remain).
  store::Database& database() { return *database_; }
  catalog::Catalog* catalog() const { return catalog_; }
  reviews::Reviews* reviews() const { return reviews_; }
  Status deliver_pending_events(std::chrono::milliseconds timeout);

 private:
  struct ModuleRow;
  static const std::vector<ModuleRow>& module_table();
  // Builds the selected modules and what they need, in start order (platform.cc's table).
  Status build_modules();
  using Built = Result<std::unique_ptr<modules::Module>>;
  Built build_system(const modules::Platform& shared);
  // The system status's dispatch and anchoring sections, for the modules this binary runs.
  void add_operations_sections(std::vector<system::StatusSection>& sections);
  Built build_identity(const modules::Platform& shared);
  Built build_catalog(const modules::Platform& shared);
  Built build_discovery(const modules::Platform& shared);
  Built build_carts(const modules::Platform& shared);
  Built build_reviews(const modules::Platform& shared);
  Built build_routing(const modules::Platform& shared);
  Built build_ledger(const modules::Platform& shared);
  Built build_payments(const modules::Platform& shared);
  Built build_promotions(const modules::Platform& shared);
  Built build_subscriptions(const modules::Platform& shared);
  Built build_quality(const modules::Platform& shared);
  Built build_orders(const modules::Platform& shared);
  Built build_drivers(const modules::Platform& shared);
  Built build_deliveries(const modules::Platform& shared);
  Built build_proofs(const modules::Platform& shared);
  Built build_recommendations(const modules::Platform& shared);
  Built build_notifications(const modules::Platform& shared);
  Built build_chain(const modules::Platform& shared);
  Built build_chat(const modules::Platform& shared);
  std::vector<store::MigrationSet> migration_sets() const;
  Status forget_erased_caller(const bus::Envelope& event);

  Config config_;
  metrics::Registry metrics_;
  // Spans go to the collector while it lives (with OTEL_EXPORTER_OTLP_ENDPOINT); it outlives
  // everything that records spans.
  std::unique_ptr<trace::Exporter> exporter_;
  ws::Hub hub_;
  http::Router router_;
  std::unique_ptr<store::Database> database_;
  // Where the portal checks records on chain (GET /v1/system/web-config); empty: not here.
  std::string chain_public_rpc_url_;
  std::string chain_explorer_tx_url_;
  ClusterEngines cluster_;  // the bus transport (in-process or JetStream) and the fan-out
  std::unique_ptr<bus::Relay> relay_;
  std::unique_ptr<modules::IdempotencyKeys> idempotency_;
  std::unique_ptr<http::Server> server_;
  std::vector<std::string_view> planned_;  // the modules to build, in start order
  std::vector<std::unique_ptr<modules::Module>> modules_;
  std::size_t started_ = 0;
  // The public interfaces later modules' Deps are made from, owned by their modules in modules_
  // (nullptr until built, and when not selected).
  identity::IdentityModule* identity_ = nullptr;
  catalog::Catalog* catalog_ = nullptr;
  carts::Carts* carts_ = nullptr;
  reviews::Reviews* reviews_ = nullptr;
  ledger::Ledger* ledger_ = nullptr;
  payments::Payments* payments_ = nullptr;
  subscriptions::Subscriptions* subscriptions_ = nullptr;
  orders::Orders* orders_ = nullptr;
  promotions::Promotions* promotions_ = nullptr;
  quality::Quality* quality_ = nullptr;
  drivers::Drivers* drivers_ = nullptr;
  deliveries::Deliveries* deliveries_ = nullptr;
  proofs::Proofs* proofs_ = nullptr;
  // Read by the system status's dispatch and anchoring sections once built.
  deliveries::DeliveriesModule* deliveries_module_ = nullptr;
  chain::ChainModule* chain_ = nullptr;
};

}  // namespace reskflow::app
