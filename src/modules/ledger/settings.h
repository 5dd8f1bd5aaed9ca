// The ledger module's typed settings (RESKFLOW_LEDGER_*): how often payouts run and which
// balances they take.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "reskflow/core/errors.h"

namespace reskflow::ledger {

// payout_minimum_minor is in minor units of each account's own currency: one rule for all.
struct LedgerSettings {
  std::chrono::seconds payout_interval_s{std::chrono::hours(24)};
  std::int64_t payout_minimum_minor = 100;       // smaller balances wait for a later run
  std::int64_t payout_batch_accounts_max = 500;  // payouts per batch (one transaction)
};

// Reads RESKFLOW_LEDGER_* from `environment`; unknown keys and values out of range are refused.
Result<LedgerSettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::ledger
