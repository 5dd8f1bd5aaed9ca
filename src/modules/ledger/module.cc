// The ledger module's lifecycle: settings, routes, and the payout job.
#include "module.h"

#include "reskflow/core/log.h"
#include "reskflow/modules/lease.h"
#include "reskflow/modules/settings.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_ledger();

namespace reskflow::ledger {

store::MigrationSet migrations() { return {"ledger", reskflow_migrations_ledger()}; }

LedgerModuleImpl::LedgerModuleImpl(const modules::Platform& platform,
                                   identity::Directory& directory, const LedgerSettings& settings,
                                   modules::Clock clock)
    : platform_(platform),
      directory_(directory),
      settings_(settings),
      metrics_(platform.metrics),
      service_(platform.database, metrics_, std::move(clock)),
      payouts_(modules::leased_loop(platform, "ledger_payouts", settings.payout_interval_s, [this] {
        if (auto n = run_payouts(); n && *n > 0)
          log::info("ledger_payouts_made", {{"payouts", *n}});
      })) {}

LedgerModuleImpl::~LedgerModuleImpl() { stop(); }

std::span<const store::EmbeddedFile> LedgerModuleImpl::migrations() const {
  return reskflow_migrations_ledger();
}

Status LedgerModuleImpl::add_routes(http::Router& router) {
  return add_ledger_routes(router, *this, directory_);
}

Status LedgerModuleImpl::start() {
  payouts_.start();
  return {};
}

void LedgerModuleImpl::stop() {
  payouts_.stop(std::chrono::milliseconds(platform_.config.shutdown_timeout_ms));
}

Result<std::string> LedgerModuleImpl::post(store::Transaction& tx,
                                           const TransactionRequest& request) {
  return service_.post(tx, request);
}

Result<modules::Money> LedgerModuleImpl::balance(const AccountRef& account,
                                                 std::string_view currency) {
  return service_.balance(account, currency);
}

PayoutRules LedgerModuleImpl::payout_rules() const {
  return {settings_.payout_minimum_minor, settings_.payout_batch_accounts_max};
}

Result<std::int64_t> LedgerModuleImpl::run_payouts() {
  std::int64_t total = 0;
  while (true) {
    auto batch = service_.pay_out(payout_rules());
    if (!batch) {
      metrics_.payout_failures.inc();
      log::warn("ledger_payout_run_failed", {{"detail", batch.error().detail}});
      return std::unexpected(batch.error());
    }
    if (!*batch) return total;
    total += (*batch)->payouts_count;
    if ((*batch)->payouts_count < settings_.payout_batch_accounts_max || payouts_.stopping())
      return total;
  }
}

Result<std::unique_ptr<LedgerModule>> make_module(const modules::Platform& platform, Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<LedgerModuleImpl>(platform, deps.directory, *settings,
                                            modules::system_clock());
}

}  // namespace reskflow::ledger
