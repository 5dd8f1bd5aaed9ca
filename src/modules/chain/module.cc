// The chain module's construction, migrations, routes, event subscription and anchoring loop.
#include "module.h"

#include "repository.h"
#include "reskflow/core/log.h"
#include "reskflow/modules/lease.h"
#include "reskflow/modules/settings.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_chain();

namespace reskflow::chain {

ChainModuleImpl::ChainModuleImpl(const modules::Platform& platform, Deps deps,
                                 ChainSettings settings, std::unique_ptr<eth::Signer> signer,
                                 const modules::Clock& clock)
    : platform_(platform),
      settings_(std::move(settings)),
      metrics_(platform.metrics),
      service_(platform.database, deps, metrics_, {settings_.contract, settings_.policy.chain_id},
               clock),
      signer_(std::move(signer)),
      rpc_(settings_.rpc_url.empty()
               ? nullptr
               : std::make_unique<eth::RpcClient>(
                     settings_.rpc_url, std::chrono::milliseconds(settings_.rpc_timeout_ms))),
      anchorer_(platform.database, rpc_.get(), signer_.get(), settings_.policy, clock),
      clock_(clock),
      loop_(modules::leased_loop(platform, "chain_anchor",
                                 std::chrono::milliseconds(settings_.interval_ms),
                                 [this] { run_pass(); })) {}

void ChainModuleImpl::run_pass() {
  AnchorPass done;
  if (auto pass = anchor_once(); !pass) {
    metrics_.pass_failures.inc();
    log::warn("chain_anchor_pass_failed", {{"detail", pass.error().detail}});
    done.error = pass.error().detail;
  }
  done.at_us = clock_();
  const std::lock_guard lock(last_pass_mutex_);
  last_pass_ = std::move(done);
}

Result<AnchoringState> ChainModuleImpl::anchoring() {
  AnchoringState state;
  state.sending = rpc_ != nullptr;
  state.confirmations_required = settings_.policy.confirmations;
  RF_TRY(read, platform_.database.read([&state](store::Transaction& tx) {
    return repository::read_anchoring(tx, state);
  }));
  const std::lock_guard lock(last_pass_mutex_);
  state.last_pass = last_pass_;
  return state;
}

ChainModuleImpl::~ChainModuleImpl() { stop(); }

std::span<const store::EmbeddedFile> ChainModuleImpl::migrations() const {
  return reskflow_migrations_chain();
}

Status ChainModuleImpl::add_routes(http::Router& router) {
  return router.add_all(chain_routes(service_));
}

Status ChainModuleImpl::start() {
  if (auto ok = platform_.events.subscribe(
          std::string(consumer_deliveries), "deliveries.delivery.*",
          [this](const bus::Envelope& e) { return service_.on_delivery_changed(e); });
      !ok)
    return ok;
  loop_.start();
  return {};
}

void ChainModuleImpl::stop() {
  loop_.stop(std::chrono::milliseconds(platform_.config.shutdown_timeout_ms));
}

// Nothing is signed for a node of another chain: the chain id is part of every signature, and
// a wrong RPC URL must not spend the key's nonces there.
bool ChainModuleImpl::chain_matches() {
  if (rpc_ == nullptr || chain_checked_) return true;
  auto id = rpc_->chain_id();
  if (!id) return false;
  if (*id != settings_.policy.chain_id) {
    log::error("chain_id_mismatch", {{"configured", std::to_string(settings_.policy.chain_id)},
                                     {"node", std::to_string(*id)}});
    return false;
  }
  chain_checked_ = true;
  return true;
}

Result<PassReport> ChainModuleImpl::anchor_once() {
  if (!chain_matches())
    return fail(ErrorCode::unavailable, "the RPC node's chain id is not the configured one");
  RF_TRY(report, anchorer_.run_once());
  metrics_.batches_sealed.inc(static_cast<double>(report->sealed));
  metrics_.transactions_sent.inc(static_cast<double>(report->sent));
  metrics_.batches_confirmed.inc(static_cast<double>(report->confirmed));
  metrics_.gas_used.inc(static_cast<double>(report->gas_used));
  if (report->confirmed > 0)
    log::info("chain_batches_confirmed",
              {{"batches", report->confirmed}, {"gas_used", report->gas_used}});
  return report;
}

Result<std::unique_ptr<ChainModule>> make_module(const modules::Platform& platform, Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  std::unique_ptr<eth::Signer> signer;
  if (!settings->rpc_url.empty()) {
    auto loaded = eth::Signer::from_key_file(settings->key_file);
    if (!loaded) return std::unexpected(loaded.error());
    signer = std::make_unique<eth::Signer>(std::move(*loaded));
    log::info("chain_anchor_account", {{"address", eth::to_hex(signer->address())},
                                       {"chain_id", std::to_string(settings->policy.chain_id)}});
  }
  return std::make_unique<ChainModuleImpl>(platform, deps, std::move(*settings), std::move(signer),
                                           modules::system_clock());
}

}  // namespace reskflow::chain
