// The composition root: the one place that knows every module and wires them together.
#include "platform.h"

#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <limits>

#include <boost/json.hpp>

#include "reskflow/bus/backlog.h"
#include "reskflow/bus/outbox.h"

#include "commands.h"
#include "module_graph.h"
#include "operations_status.h"
#include "reskflow/carts/carts.h"
#include "reskflow/catalog/catalog.h"
#include "reskflow/chain/chain.h"
#include "reskflow/chain/nonces.h"
#include "reskflow/chat/chat.h"
#include "reskflow/cluster/redis.h"
#include "reskflow/core/assert.h"
#include "reskflow/core/log.h"
#include "reskflow/deliveries/cluster.h"
#include "reskflow/deliveries/deliveries.h"
#include "reskflow/discovery/discovery.h"
#include "reskflow/drivers/cluster.h"
#include "reskflow/drivers/drivers.h"
#include "reskflow/identity/cluster.h"
#include "reskflow/identity/events.h"
#include "reskflow/identity/identity.h"
#include "reskflow/ledger/ledger.h"
#include "reskflow/modules/lease.h"
#include "reskflow/modules/lease_holders.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/settings.h"
#include "reskflow/notifications/notifications.h"
#include "reskflow/orders/orders.h"
#include "reskflow/payments/payments.h"
#include "reskflow/promotions/promotions.h"
#include "reskflow/proofs/proofs.h"
#include "reskflow/quality/quality.h"
#include "reskflow/recommendations/recommendations.h"
#include "reskflow/reviews/reviews.h"
#include "reskflow/routing/routing.h"
#include "reskflow/subscriptions/subscriptions.h"
#include "reskflow/system/system.h"
#include "tracing.h"

namespace reskflow::app {
namespace {

// SQLite files live under a directory that may not exist yet on a fresh checkout.
void ensure_sqlite_directory(std::string_view url) {
  if (!url.starts_with("sqlite:") || url == "sqlite::memory:") return;
  const std::filesystem::path path(url.substr(7));
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
}

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return {};
  return name;
}

// Age in seconds of the oldest event a consumer served in the last ten minutes has not been
// handed yet (0 when none waits); nullopt when the database does not answer.
std::optional<double> relay_lag_seconds(store::Database& database) {
  constexpr std::int64_t served_within_us = std::int64_t{600} * 1'000'000;
  const auto now = std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const auto oldest = bus::oldest_undelivered_at_us(database, now - served_within_us);
  if (!oldest) return std::nullopt;
  if (*oldest == 0) return 0.0;
  return static_cast<double>(now - *oldest) / 1e6;
}

// The relay's backlog, read at scrape time (the /metrics route runs on the worker pool): its lag
// and the dead letters. NaN when the database does not answer.
void add_backlog_gauges(metrics::Registry& metrics, store::Database& database) {
  metrics.gauge_callback(
      "outbox_relay_lag_seconds", "Age of the oldest event a consumer has not been handed yet",
      [&database] {
        return relay_lag_seconds(database).value_or(std::numeric_limits<double>::quiet_NaN());
      });
  metrics.gauge_callback("bus_dead_letters", "Events parked in the dead-letter table", [&database] {
    const auto parked = bus::dead_letter_count(database);
    return parked ? static_cast<double>(*parked) : std::numeric_limits<double>::quiet_NaN();
  });
}

// The status sections only the composition root can read (docs/web.md, System page): the engines
// and node, the outbox's backlog and who holds each job's lease. null where storage fails.
std::vector<system::StatusSection> status_sections(store::Database& database,
                                                   const ClusterEngines& cluster,
                                                   std::string node) {
  boost::json::object engines{{"database", store::engine_name(database.engine())},
                              {"bus", cluster.jetstream ? "nats" : "in_process"},
                              {"cache", cluster.redis ? "redis" : "none"}};
  const auto leases = [&database]() -> boost::json::value {
    if (database.engine() != store::Engine::postgres) return nullptr;
    const auto holders = modules::lease_holders(database);
    if (!holders) return nullptr;
    boost::json::array out;
    for (const auto& h : *holders)
      out.push_back({{"job", h.job},
                     {"node", h.owner},
                     {"expires_in_ms", static_cast<std::int64_t>(h.expires_in.count())}});
    return out;
  };
  const auto outbox = [&database]() -> boost::json::value {
    const auto lag = relay_lag_seconds(database);
    const auto parked = bus::dead_letter_count(database);
    return {{"lag_seconds", lag ? boost::json::value(*lag) : nullptr},
            {"dead_letters", parked ? boost::json::value(*parked) : nullptr}};
  };
  return {{"node", [node = std::move(node)] { return boost::json::value(node); }},
          {"engines", [engines] { return boost::json::value(engines); }},
          {"outbox", outbox},
          {"leases", leases}};
}

store::DatabaseOptions database_options(metrics::Registry& metrics) {
  store::DatabaseOptions options;
  auto& retries = metrics.counter("db_transaction_retries_total",
                                  "Transactions retried after busy or serialization failures");
  options.on_retry = [&retries](const store::RetryEvent& e) {
    retries.inc();
    log::debug("db_transaction_retry", {{"attempt", e.attempt}, {"detail", e.error.detail}});
  };
  return options;
}

}  // namespace

Platform::Platform(const Config& config) : config_(config), hub_(metrics_) {}

Platform::~Platform() { stop(); }

Result<std::unique_ptr<Platform>> Platform::open(const Config& config) {
  auto p = std::make_unique<Platform>(config);
  ensure_sqlite_directory(config.database_url);
  auto db = store::Database::open(config.database_url, database_options(p->metrics_));
  if (!db) return std::unexpected(db.error());
  p->database_ = std::move(*db);
  add_backlog_gauges(p->metrics_, *p->database_);
  const std::string node = config.node_name.empty() ? host_name() : config.node_name;
  auto tracing = tracing_settings(modules::Settings::process_environment(), node);
  if (!tracing) return std::unexpected(tracing.error());
  if (*tracing) {
    auto exporter = trace::Exporter::open(std::move(**tracing), p->metrics_);
    if (!exporter) return std::unexpected(exporter.error());
    p->exporter_ = std::move(*exporter);
    trace::install(p->exporter_.get());
  }
  auto cluster = cluster_settings(modules::Settings::process_environment());
  if (!cluster) return std::unexpected(cluster.error());
  auto engines = open_cluster_engines(*cluster, node, *p->database_, p->hub_, p->metrics_);
  if (!engines) return std::unexpected(engines.error());
  p->cluster_ = std::move(*engines);
  auto& relay_errors = p->metrics_.counter("outbox_relay_errors_total",
                                           "Relay passes that failed (storage unreachable ...)");
  bus::RelayOptions relay_options;
  relay_options.owner = node;
  relay_options.on_error = [&relay_errors](const Error& e) {
    relay_errors.inc();
    log::error("outbox_relay_failed", {{"detail", e.detail}});
  };
  relay_options.outbox_retention_hours = std::chrono::hours(config.outbox_retention_hours);
  relay_options.on_pruned = [](std::int64_t events) {
    log::info("outbox_pruned", {{"events", events}});
  };
  p->relay_ = std::make_unique<bus::Relay>(*p->database_, *p->cluster_.transport, relay_options);
  // Every creating POST runs at most once per caller and Idempotency-Key (docs/idempotency.md).
  // Scheduled jobs that must run on one node at a time hold a lease (docs/deployment.md#leases).
  if (auto leases = modules::lease_settings(modules::Settings::process_environment()); !leases)
    return std::unexpected(leases.error());
  auto idempotency = modules::idempotency_settings(modules::Settings::process_environment());
  if (!idempotency) return std::unexpected(idempotency.error());
  p->idempotency_ =
      std::make_unique<modules::IdempotencyKeys>(*p->database_, *idempotency, p->metrics_);
  p->router_.set_idempotency(modules::idempotency_hook(*p->idempotency_));
  // The portal reads the chain's public node itself: its pages may connect to that origin.
  auto browser = chain::browser_settings(modules::Settings::process_environment());
  if (!browser) return std::unexpected(browser.error());
  p->chain_public_rpc_url_ = browser->public_rpc_url;
  p->chain_explorer_tx_url_ = browser->explorer_tx_url;
  std::vector<std::string> page_connect_sources;
  if (!browser->public_rpc_origin.empty())
    page_connect_sources.push_back(browser->public_rpc_origin);
  p->server_ = std::make_unique<http::Server>(p->config_, p->router_, p->hub_, p->metrics_,
                                              page_connect_sources);
  if (auto built = p->build_modules(); !built) return std::unexpected(built.error());
  return p;
}

// Every module of this binary with the modules whose public interfaces its factory takes (the
// fields of its Deps). The start order comes from these dependencies; among modules that do not
// depend on each other it is this table's order. Modules stop in reverse.
struct Platform::ModuleRow {
  ModuleNode node;
  Built (Platform::*build)(const modules::Platform& shared);
};

const std::vector<Platform::ModuleRow>& Platform::module_table() {
  static const std::vector<ModuleRow> table{
      {{"system", {}}, &Platform::build_system},
      {{"identity", {}}, &Platform::build_identity},
      {{"catalog", {"identity"}}, &Platform::build_catalog},
      {{"discovery", {"drivers"}}, &Platform::build_discovery},
      {{"carts", {"catalog", "identity"}}, &Platform::build_carts},
      {{"reviews", {"catalog"}}, &Platform::build_reviews},
      {{"routing", {}}, &Platform::build_routing},
      {{"ledger", {"identity"}}, &Platform::build_ledger},
      {{"payments", {"ledger"}}, &Platform::build_payments},
      {{"promotions", {"identity", "ledger"}}, &Platform::build_promotions},
      {{"subscriptions", {"payments"}}, &Platform::build_subscriptions},
      {{"orders", {"carts", "catalog", "identity", "payments", "promotions", "subscriptions"}},
       &Platform::build_orders},
      {{"quality", {"payments", "identity"}}, &Platform::build_quality},
      {{"drivers", {"identity"}}, &Platform::build_drivers},
      {{"deliveries", {"orders", "drivers", "ledger", "identity", "quality"}},
       &Platform::build_deliveries},
      {{"proofs", {"deliveries", "identity"}}, &Platform::build_proofs},
      {{"recommendations", {"catalog"}}, &Platform::build_recommendations},
      {{"notifications", {"identity"}}, &Platform::build_notifications},
      {{"chain", {"deliveries", "identity", "proofs"}}, &Platform::build_chain},
      {{"chat", {"orders", "identity"}}, &Platform::build_chat},
  };
  return table;
}

namespace {

// A factory's dependency: built before it, because its table row names it. A factory reaching
// for a module its row does not name is a defect of the table, found by the first start.
template <class M>
M& built(M* module) {
  RF_PANIC(module != nullptr, "a module factory uses a module its table row does not name");
  return *module;
}

}  // namespace

Status Platform::build_modules() {
  const auto& table = module_table();
  std::vector<ModuleNode> nodes;
  for (const auto& row : table) nodes.push_back(row.node);
  auto plan = plan_modules(nodes, config_.modules);
  if (!plan) return std::unexpected(plan.error());
  for (const auto& added : plan->added) {
    log::info("module_added", {{"module", added.module}, {"needed_by", added.needed_by}});
  }
  planned_ = plan->order;
  const modules::Platform shared{config_, *database_, *cluster_.transport, hub_, metrics_};
  for (const auto name : plan->order) {
    const auto& row =
        *std::ranges::find(table, name, [](const ModuleRow& r) { return r.node.name; });
    auto module = (this->*row.build)(shared);
    if (!module) return std::unexpected(module.error());
    modules_.push_back(std::move(*module));
  }
  return {};
}

Platform::Built Platform::build_system(const modules::Platform& shared) {
  auto* server = server_.get();
  auto* db = database_.get();
  system::Deps deps{std::string(version()), {planned_.begin(), planned_.end()}, {}, {}};
  if (std::ranges::find(planned_, "chain") != planned_.end()) {
    const auto text_or_null = [](const std::string& s) -> boost::json::value {
      if (s.empty()) return nullptr;
      return boost::json::string(s);
    };
    deps.web_config["chain"] =
        boost::json::object{{"public_rpc_url", text_or_null(chain_public_rpc_url_)},
                            {"explorer_tx_url", text_or_null(chain_explorer_tx_url_)}};
  }
  deps.readiness.push_back({"storage", [db] { return db->ping(); }});
  deps.readiness.push_back({"migrations", [this]() -> Status {
                              auto status = migration_status();
                              if (!status) return std::unexpected(status.error());
                              if (!status->current())
                                return fail(ErrorCode::unavailable, "migrations are pending");
                              return {};
                            }});
  if (cluster_.jetstream != nullptr) {
    deps.readiness.push_back({"nats", [this] { return cluster_.ping(); }});
  }
  if (cluster_.redis) {
    // Reported, not required: without Redis a node degrades (docs/deployment.md) and every
    // node shares the one Redis, so failing them all would take the whole city down.
    deps.readiness.push_back({"redis", [this] { return cluster_.redis->ping(); }, false});
  }
  deps.readiness.push_back({"accepting", [server]() -> Status {
                              if (server->draining())
                                return fail(ErrorCode::unavailable, "shutting down");
                              return {};
                            }});
  deps.status =
      status_sections(*db, cluster_, config_.node_name.empty() ? host_name() : config_.node_name);
  add_operations_sections(deps.status);
  return system::make_module(shared, std::move(deps));
}

// The dispatcher's backlog and the anchoring, read through the deliveries and chain modules
// (built after system: read at each status read, null while a module is not built or its
// storage fails). Only for the modules this binary runs.
void Platform::add_operations_sections(std::vector<system::StatusSection>& sections) {
  const auto now_us = [] {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  if (std::ranges::find(planned_, "deliveries") != planned_.end())
    sections.push_back({"dispatch", [this, now_us]() -> boost::json::value {
                          if (deliveries_module_ == nullptr) return nullptr;
                          auto backlog = deliveries_module_->dispatch_backlog();
                          if (!backlog) return nullptr;
                          return dispatch_status_json(*backlog, now_us());
                        }});
  if (std::ranges::find(planned_, "chain") != planned_.end())
    sections.push_back({"anchoring", [this, now_us]() -> boost::json::value {
                          if (chain_ == nullptr) return nullptr;
                          auto state = chain_->anchoring();
                          if (!state) return nullptr;
                          return anchoring_status_json(*state, now_us());
                        }});
}

// Identity guards every other module's routes: without it only anonymous routes answer.
Platform::Built Platform::build_identity(const modules::Platform& shared) {
  auto module = cluster_.redis ? identity::make_module(
                                     shared, {},
                                     {cluster_.redis->rate_limiters(), cluster_.redis->broadcast()})
                               : identity::make_module(shared, {});
  if (!module) return std::unexpected(module.error());
  identity_ = module->get();
  router_.set_guard(identity_->guard());
  return module;
}

Platform::Built Platform::build_catalog(const modules::Platform& shared) {
  auto& identity_module = built(identity_);
  auto module =
      catalog::make_module(shared, {identity_module.directory(), identity_module.authenticator()});
  if (!module) return std::unexpected(module.error());
  catalog_ = &(*module)->catalog();
  return module;
}

Platform::Built Platform::build_discovery(const modules::Platform& shared) {
  return discovery::make_module(shared, {built(drivers_)});
}

Platform::Built Platform::build_carts(const modules::Platform& shared) {
  auto& identity_module = built(identity_);
  auto module = carts::make_module(
      shared, {built(catalog_), identity_module.directory(), identity_module.authenticator()});
  if (!module) return std::unexpected(module.error());
  carts_ = &(*module)->carts();
  return module;
}

Platform::Built Platform::build_reviews(const modules::Platform& shared) {
  auto module = reviews::make_module(shared, {built(catalog_)});
  if (!module) return std::unexpected(module.error());
  reviews_ = &(*module)->reviews();
  return module;
}

Platform::Built Platform::build_routing(const modules::Platform& shared) {
  return routing::make_module(shared, {});
}

Platform::Built Platform::build_ledger(const modules::Platform& shared) {
  auto& identity_module = built(identity_);
  auto module =
      ledger::make_module(shared, {identity_module.directory(), identity_module.authenticator()});
  if (!module) return std::unexpected(module.error());
  ledger_ = &(*module)->ledger();
  return module;
}

Platform::Built Platform::build_payments(const modules::Platform& shared) {
  auto module = payments::make_module(shared, {built(ledger_)});
  if (!module) return std::unexpected(module.error());
  payments_ = &(*module)->payments();
  return module;
}

Platform::Built Platform::build_subscriptions(const modules::Platform& shared) {
  auto module = subscriptions::make_module(shared, {built(payments_)});
  if (!module) return std::unexpected(module.error());
  subscriptions_ = &(*module)->subscriptions();
  return module;
}

Platform::Built Platform::build_orders(const modules::Platform& shared) {
  auto& identity_module = built(identity_);
  auto module =
      orders::make_module(shared, {built(carts_), built(catalog_), built(payments_),
                                   built(promotions_), identity_module.directory(),
                                   identity_module.authenticator(), built(subscriptions_)});
  if (!module) return std::unexpected(module.error());
  orders_ = &(*module)->orders();
  return module;
}

Platform::Built Platform::build_promotions(const modules::Platform& shared) {
  auto module = promotions::make_module(shared, {built(identity_).directory(), built(ledger_)});
  if (!module) return std::unexpected(module.error());
  promotions_ = &(*module)->promotions();
  return module;
}

Platform::Built Platform::build_quality(const modules::Platform& shared) {
  auto module = quality::make_module(shared, {built(payments_), built(identity_).directory()});
  if (!module) return std::unexpected(module.error());
  quality_ = &(*module)->quality();
  return module;
}

Platform::Built Platform::build_drivers(const modules::Platform& shared) {
  auto& identity_module = built(identity_);
  const drivers::Deps deps{identity_module.directory(), identity_module.authenticator()};
  // With Redis every node sees every courier on shift, so the dispatcher's node does too.
  auto module = cluster_.redis
                    ? drivers::make_module(shared, deps,
                                           {cluster_.redis->scripts(), cluster_.redis->broadcast()})
                    : drivers::make_module(shared, deps);
  if (!module) return std::unexpected(module.error());
  drivers_ = &(*module)->drivers();
  return module;
}

Platform::Built Platform::build_deliveries(const modules::Platform& shared) {
  auto& identity_module = built(identity_);
  const deliveries::Deps deps{built(orders_),  built(drivers_),
                              built(ledger_),  identity_module.directory(),
                              built(quality_), identity_module.authenticator()};
  auto module = cluster_.redis
                    ? deliveries::make_module(shared, deps, {cluster_.redis->broadcast()})
                    : deliveries::make_module(shared, deps);
  if (!module) return std::unexpected(module.error());
  deliveries_ = &(*module)->deliveries();
  deliveries_module_ = module->get();
  return module;
}

Platform::Built Platform::build_proofs(const modules::Platform& shared) {
  auto& identity_module = built(identity_);
  auto module = proofs::make_module(
      shared, {built(deliveries_), identity_module.directory(), identity_module.authenticator()});
  if (!module) return std::unexpected(module.error());
  proofs_ = &(*module)->proofs();
  return module;
}

Platform::Built Platform::build_recommendations(const modules::Platform& shared) {
  return recommendations::make_module(shared, {built(catalog_)});
}

Platform::Built Platform::build_chain(const modules::Platform& shared) {
  auto module = chain::make_module(
      shared, {built(deliveries_), built(identity_).directory(), built(proofs_)});
  if (!module) return std::unexpected(module.error());
  chain_ = module->get();
  return module;
}

Platform::Built Platform::build_notifications(const modules::Platform& shared) {
  auto& identity_module = built(identity_);
  return notifications::make_module(shared,
                                    {identity_module.directory(), identity_module.authenticator()});
}

Platform::Built Platform::build_chat(const modules::Platform& shared) {
  auto& identity_module = built(identity_);
  return chat::make_module(
      shared, {built(orders_), identity_module.directory(), identity_module.authenticator(),
               cluster_.redis ? &cluster_.redis->rate_limiters() : nullptr});
}

std::vector<store::MigrationSet> Platform::migration_sets() const {
  std::vector<store::MigrationSet> sets{bus::migrations(), modules::idempotency_migrations(),
                                        modules::lease_migrations(), chain::nonces::migrations()};
  for (const auto& m : modules_) {
    if (!m->migrations().empty()) sets.push_back({m->name(), m->migrations()});
  }
  return sets;
}

Result<store::MigrationStatus> Platform::migrate() {
  const auto sets = migration_sets();
  return store::migrate(*database_, sets);
}

Result<store::MigrationStatus> Platform::migration_status() {
  const auto sets = migration_sets();
  return store::migration_status(*database_, sets);
}

Status Platform::start() {
  for (auto& m : modules_) {
    if (auto added = m->add_routes(router_); !added) return added;
  }
  for (auto& m : modules_) {
    if (auto started = m->start(); !started) return started;
    ++started_;
    log::info("module_started", {{"module", m->name()}});
  }
  if (identity_ != nullptr) {
    if (auto ok = cluster_.transport->subscribe(
            "idempotency.user_erased", std::string(identity::events::user_erased),
            [this](const bus::Envelope& e) { return forget_erased_caller(e); });
        !ok)
      return ok;
  }
  idempotency_->start();
  relay_->start();
  return {};
}

// An erased user's stored responses (their carts, their addresses) go with them, before their
// retention ends.
Status Platform::forget_erased_caller(const bus::Envelope& event) {
  const auto erased = modules::payload::from_payload<identity::events::UserErased>(
      identity::events::user_erased, event.payload_json);
  if (!erased) {
    log::warn("idempotency_erasure_malformed", {{"event_id", event.event_id}});
    return {};
  }
  return idempotency_->forget(erased->user_id);
}

Status Platform::serve() {
  auto port = server_->listen(true);
  if (!port) return std::unexpected(port.error());
  log::info("listening", {{"host", config_.host},
                          {"port", static_cast<std::int64_t>(*port)},
                          {"database_engine", store::engine_name(database_->engine())},
                          {"environment", environment_name(config_.environment)}});
  server_->run();
  return {};
}

void Platform::stop() {
  if (relay_) {
    relay_->stop();
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(config_.shutdown_timeout_ms);
    if (auto drained = relay_->drain(deadline); !drained)
      log::warn("outbox_drain_incomplete", {{"detail", drained.error().detail}});
  }
  cluster_.stop_consumers();
  if (idempotency_) idempotency_->stop();
  while (started_ > 0) {
    auto& m = modules_[--started_];
    m->stop();
    log::info("module_stopped", {{"module", m->name()}});
  }
  trace::install(nullptr);
  if (exporter_) exporter_->stop();
}

Status Platform::deliver_pending_events(std::chrono::milliseconds timeout) {
  relay_->stop();
  auto drained = relay_->drain(std::chrono::steady_clock::now() + timeout);
  if (!drained) return std::unexpected(drained.error());
  return {};
}

}  // namespace reskflow::app
