// The ledger module: posting and balances for other modules, a merchant's balance and
// statement, payout batches made by a background job, and the admin's view of them.
#pragma once

#include <memory>

#include "metrics.h"
#include "reskflow/ledger/ledger.h"
#include "reskflow/modules/background_loop.h"
#include "service.h"
#include "settings.h"

namespace reskflow::ledger {

class LedgerModuleImpl : public LedgerModule, public Ledger {
 public:
  LedgerModuleImpl(const modules::Platform& platform, identity::Directory& directory,
                   const LedgerSettings& settings, modules::Clock clock);
  ~LedgerModuleImpl() override;
  LedgerModuleImpl(const LedgerModuleImpl&) = delete;
  LedgerModuleImpl& operator=(const LedgerModuleImpl&) = delete;

  std::string_view name() const override { return "ledger"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  Status start() override;
  void stop() override;

  Ledger& ledger() override { return *this; }
  Result<std::string> post(store::Transaction& tx, const TransactionRequest& request) override;
  Result<modules::Money> balance(const AccountRef& account, std::string_view currency) override;

  Service& service() { return service_; }
  // One payout run: batch after batch until none is full or the module stops; the payouts made.
  Result<std::int64_t> run_payouts();
  PayoutRules payout_rules() const;

 private:
  modules::Platform platform_;
  identity::Directory& directory_;
  LedgerSettings settings_;
  LedgerMetrics metrics_;
  Service service_;
  modules::BackgroundLoop payouts_;
};

// The HTTP binding (routes.cc).
Status add_ledger_routes(http::Router& router, LedgerModuleImpl& module,
                         identity::Directory& directory);

}  // namespace reskflow::ledger
