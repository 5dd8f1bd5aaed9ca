// The composition root: the one place that knows every module and wires them together.
#include "platform.h"

#include <unistd.h>
#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>

#include <boost/json.hpp>

#include "reskflow/bus/outbox.h"

#include "commands.h"
#include "reskflow/carts/carts.h"
#include "reskflow/catalog/catalog.h"
#include "reskflow/core/log.h"
#include "reskflow/discovery/discovery.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/settings.h"
#include "reskflow/reviews/reviews.h"
#include "reskflow/routing/routing.h"
#include "reskflow/system/system.h"

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
  auto& relay_errors = p->metrics_.counter("outbox_relay_errors_total",
                                           "Relay passes that failed (storage unreachable ...)");
  bus::RelayOptions relay_options;
  relay_options.owner = config.node_name.empty() ? host_name() : config.node_name;
  relay_options.on_error = [&relay_errors](const Error& e) {
    relay_errors.inc();
    log::error("outbox_relay_failed", {{"detail", e.detail}});
  };
  p->relay_ = std::make_unique<bus::Relay>(*p->database_, p->events_, relay_options);
  // Every creating POST runs at most once per caller and Idempotency-Key (docs/idempotency.md).
  auto idempotency = modules::idempotency_settings(modules::Settings::process_environment());
  if (!idempotency) return std::unexpected(idempotency.error());
  p->idempotency_ =
      std::make_unique<modules::IdempotencyKeys>(*p->database_, *idempotency, p->metrics_);
  p->router_.set_idempotency(modules::idempotency_hook(*p->idempotency_));
  p->server_ = std::make_unique<http::Server>(p->config_, p->router_, p->hub_, p->metrics_);
  if (auto built = p->build_modules(); !built) return std::unexpected(built.error());
  return p;
}

bool Platform::selected(std::string_view module) const {
  if (config_.modules.empty()) return true;
  for (const auto& m : config_.modules) {
    if (m == module) return true;
  }
  return false;
}

// Every module this binary has, in dependency order; they are stopped in reverse.
constexpr std::array<std::string_view, 7> module_names{"system", "identity", "catalog", "discovery",
                                                       "carts",  "reviews",  "routing"};

Status Platform::build_modules() {
  for (const auto& m : config_.modules) {
    if (std::find(module_names.begin(), module_names.end(), m) == module_names.end())
      return fail(ErrorCode::validation_failed, "unknown module " + m,
                  {{"modules", "unknown module " + m +
                                   " (system, identity, catalog, discovery, carts, reviews, "
                                   "routing)"}});
  }
  const modules::Platform shared{config_, *database_, events_, hub_, metrics_};
  if (selected("system")) {
    if (auto added = add_system_module(shared); !added) return added;
  }
  // Identity guards every other module's routes: without it only anonymous routes answer.
  identity::IdentityModule* identity_module = nullptr;
  if (selected("identity")) {
    auto module = identity::make_module(shared);
    if (!module) return std::unexpected(module.error());
    router_.set_guard((*module)->guard());
    identity_module = module->get();
    modules_.push_back(std::move(*module));
  }
  catalog::CatalogModule* catalog_module = nullptr;
  if (selected("catalog")) {
    if (identity_module == nullptr)
      return fail(ErrorCode::validation_failed, "the catalog module needs identity",
                  {{"modules", "catalog needs identity (merchant staff): add identity"}});
    auto module = catalog::make_module(shared, identity_module->directory());
    if (!module) return std::unexpected(module.error());
    catalog_module = module->get();
    catalog_ = &catalog_module->catalog();
    modules_.push_back(std::move(*module));
  }
  if (selected("discovery")) {
    auto module = discovery::make_module(shared);
    if (!module) return std::unexpected(module.error());
    modules_.push_back(std::move(*module));
  }
  if (selected("carts")) {
    if (catalog_module == nullptr || identity_module == nullptr)
      return fail(ErrorCode::validation_failed, "the carts module needs catalog and identity",
                  {{"modules", "carts needs catalog (prices) and identity (callers): add them"}});
    auto module = carts::make_module(
        shared, catalog_module->catalog(), identity_module->directory(),
        [identity_module](const http::Request& r) { return identity_module->principal_of(r); });
    if (!module) return std::unexpected(module.error());
    modules_.push_back(std::move(*module));
  }
  if (selected("reviews")) {
    if (catalog_module == nullptr)
      return fail(ErrorCode::validation_failed, "the reviews module needs catalog",
                  {{"modules", "reviews needs catalog (merchants and items): add catalog"}});
    auto module = reviews::make_module(shared, catalog_module->catalog());
    if (!module) return std::unexpected(module.error());
    modules_.push_back(std::move(*module));
  }
  if (selected("routing")) {
    auto module = routing::make_module(shared);
    if (!module) return std::unexpected(module.error());
    modules_.push_back(std::move(*module));
  }
  return {};
}

Status Platform::add_system_module(const modules::Platform& shared) {
  std::vector<std::string> names;
  for (auto m : module_names) {
    if (selected(m)) names.emplace_back(m);
  }
  auto* server = server_.get();
  auto* db = database_.get();
  system::SystemDeps deps{std::string(version()), std::move(names), {}};
  deps.readiness.push_back({"storage", [db] { return db->ping(); }});
  deps.readiness.push_back({"migrations", [this]() -> Status {
                              auto status = migration_status();
                              if (!status) return std::unexpected(status.error());
                              if (!status->current())
                                return fail(ErrorCode::unavailable, "migrations are pending");
                              return {};
                            }});
  deps.readiness.push_back({"accepting", [server]() -> Status {
                              if (server->draining())
                                return fail(ErrorCode::unavailable, "shutting down");
                              return {};
                            }});
  auto module = system::make_module(shared, std::move(deps));
  if (!module) return std::unexpected(module.error());
  modules_.push_back(std::move(*module));
  return {};
}

std::vector<store::MigrationSet> Platform::migration_sets() const {
  std::vector<store::MigrationSet> sets{bus::migrations(), modules::idempotency_migrations()};
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
  if (selected("identity")) {
    if (auto ok =
            events_.subscribe("idempotency.user_erased", std::string(identity::event_user_erased),
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
  boost::system::error_code ec;
  const auto payload = boost::json::parse(event.payload_json, ec);
  const auto* object = ec ? nullptr : payload.if_object();
  const auto* user = object ? object->if_contains("user_id") : nullptr;
  if (user == nullptr || !user->is_string()) {
    log::warn("idempotency_erasure_malformed", {{"event_id", event.event_id}});
    return {};
  }
  return idempotency_->forget(std::string_view(user->as_string()));
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
  if (idempotency_) idempotency_->stop();
  while (started_ > 0) {
    auto& m = modules_[--started_];
    m->stop();
    log::info("module_stopped", {{"module", m->name()}});
  }
}

Status Platform::deliver_pending_events(std::chrono::milliseconds timeout) {
  relay_->stop();
  auto drained = relay_->drain(std::chrono::steady_clock::now() + timeout);
  if (!drained) return std::unexpected(drained.error());
  return {};
}

}  // namespace reskflow::app
